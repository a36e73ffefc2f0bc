import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { launchBrowser, signIn } from './browser';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
const artifacts = inject('artifacts');
let browser: Browser;
let page: Page;
const num = (s: string | null) => Number((s ?? '').replace(/[^\d]/g, ''));

beforeAll(async () => {
	browser = await launchBrowser();
	page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
	await signIn(page, baseUrl, accounts.analyst, accounts.password);
});
afterAll(async () => browser?.close());

describe('同类处罚对比 (peer comparison)', () => {
	it('on a fresh start shows our fines beside the peers’, leads to the decisions behind the figure, and keeps an analyst’s match', async () => {
		await page.goto(`${baseUrl}/peers`);
		const peersRow = page.locator('[data-testid="peer-comparison"] tr[data-item="HPF-37-1"][data-side="peers"]');
		const count = num(await peersRow.getByTestId('peer-count').textContent());
		expect(count).toBeGreaterThan(10);
		expect(await peersRow.textContent()).toContain('4 个机关');
		await page.screenshot({ path: join(artifacts, 'peers.png'), fullPage: true });

		// The decisions behind the figure: pages of 50 that add up to the count.
		await peersRow.getByTestId('peer-count').click();
		await page.waitForURL(/item=HPF-37-1/);
		let listed = 0;
		for (let p = 0; p < 10; p++) {
			await page.goto(`${baseUrl}/peers?item=HPF-37-1&page=${p}`);
			const rows = await page.getByTestId('peer-decisions').locator('tbody tr').count();
			listed += rows;
			if (rows < 50) break;
		}
		expect(listed).toBe(count);

		// The analyst says one violation text is about another item; the choice stays and is shown as theirs.
		const row = page.getByTestId('peer-matches').locator('tr[data-text="未为职工办理住房公积金账户设立手续"]');
		await row.getByLabel('对应事项').selectOption('HPF-37-1');
		await row.getByRole('button', { name: '确认' }).click();
		await expect.poll(() => page.getByRole('status').first().textContent()).toContain('已确认');
		await page.goto(`${baseUrl}/peers`);
		const again = page.getByTestId('peer-matches').locator('tr[data-text="未为职工办理住房公积金账户设立手续"]');
		expect(await again.getByLabel('对应事项').inputValue()).toBe('HPF-37-1');
		expect(await again.textContent()).toContain(accounts.analyst);
		expect(num(await page.locator('tr[data-item="HPF-37-1"][data-side="peers"]').getByTestId('peer-count').textContent())).toBeGreaterThan(count);
	});

	it('shows the officer the peers’ fines for the item beside the suggestion, with the decisions one click away', async () => {
		const officer = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		try {
			await signIn(officer, baseUrl, accounts.officer, accounts.password);
			await officer.goto(`${baseUrl}/suggest`);
			const box = officer.getByTestId('peer-fines');
			await box.waitFor({ timeout: 30_000 });
			const count = num(await box.getByTestId('peer-fines-count').textContent());
			expect(count).toBeGreaterThan(10);
			expect(await box.textContent()).toContain('4 个机关');
			await box.getByTestId('peer-fines-count').click();
			await officer.waitForURL(/\/peers\?item=/);
			expect(await officer.getByTestId('peer-decisions').locator('tbody tr').count()).toBe(Math.min(count, 50));
		} finally {
			await officer.close();
		}
	});
});
