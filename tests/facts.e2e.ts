import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { join } from 'node:path';
import { launchBrowser, signIn } from './browser';

const base = inject('baseUrl');
const accounts = inject('accounts');
const { caseId, key, phrase } = inject('expected').extractedCase;
let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});

afterAll(async () => {
	await browser?.close();
});

async function as(username: string): Promise<Page> {
	const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
	await signIn(page, base, username, accounts.password);
	// Until the page's scripts have run, what is typed can be reset by hydration (the form's value is rendered):
	// under load the first correction was once sent with the old value, and no refusal came.
	await page.goto(`${base}/cases/${encodeURIComponent(caseId)}`, { waitUntil: 'networkidle' });
	return page;
}

describe('circumstances read from the facts text (违法事实)', () => {
	it('shows the facts and marks the value read from them; a leader sees the mark but no form', async () => {
		expect(caseId).not.toBe('');
		const page = await as(accounts.leader);
		expect(await page.getByTestId('case-facts').innerText()).toContain(phrase);
		const mark = page.getByTestId(`extracted-${key}`);
		expect(await mark.innerText()).toContain('由违法事实提取');
		expect(await mark.innerText()).toContain(phrase);
		expect(await page.getByTestId(`correct-${key}`).count()).toBe(0);
		await page.close();
	});

	it('lets an analyst correct it: bad input is refused and kept, a good value is saved and loses the mark', async () => {
		const page = await as(accounts.analyst);
		const form = page.getByTestId(`correct-${key}`);
		const input = form.locator('input[name="value"]');
		await input.fill('很久');
		await form.getByRole('button', { name: '更正' }).click();
		const alert = form.getByRole('alert');
		await alert.waitFor();
		expect(await alert.innerText()).toContain('「违法持续月数」应填写不小于 0 的整数');
		expect(await input.inputValue()).toBe('很久');
		await page.screenshot({ path: join(inject('artifacts'), 'case-facts-circumstances.png'), fullPage: true });
		await page.getByTestId('circumstances').screenshot({ path: join(inject('artifacts'), 'case-circumstances-marks.png') });

		await input.fill('7');
		await form.getByRole('button', { name: '更正' }).click();
		await page.getByRole('status').waitFor();
		expect(await page.getByTestId(`extracted-${key}`).count()).toBe(0);
		expect(await page.getByTestId('circumstances').locator(`dd[data-key="${key}"] .value`).innerText()).toBe('7');
		// The correction stands after a reload, and the audit log names it.
		await page.reload();
		expect(await page.getByTestId('circumstances').locator(`dd[data-key="${key}"] .value`).innerText()).toBe('7');
		await page.close();
	});
});
