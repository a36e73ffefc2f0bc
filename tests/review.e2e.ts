import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { join } from 'node:path';
import { launchBrowser, signIn } from './browser';

const base = inject('baseUrl');
const accounts = inject('accounts');
let browser: Browser;
let page: Page;

beforeAll(async () => {
	browser = await launchBrowser();
	page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
	await signIn(page, base, accounts.reviewer, accounts.password);
});

afterAll(async () => {
	await browser?.close();
});

describe('legal review (法制审核)', () => {
	it('lets a reviewer open the queue, review a flagged case, resolve its flag with a reason and record 通过', async () => {
		await page.goto(`${base}/review`);
		const rows = page.getByTestId('queue').locator('tbody tr');
		expect(await rows.count()).toBeGreaterThan(0);
		// Worst first: the first row of the queue carries a flag.
		const first = rows.first();
		const caseId = (await first.locator('td a').innerText()).trim();
		expect((await first.locator('td').nth(1).innerText()).trim()).toMatch(/R\d\d/);
		await page.screenshot({ path: join(inject('artifacts'), 'review-queue.png'), fullPage: true });
		await first.locator('td a').click();
		await page.waitForURL(/\/review\//);
		const flags = page.locator('fieldset.flag');
		const n = await flags.count();
		expect(n).toBeGreaterThan(0);

		// Submitting without answering is refused with the reasons, and what was typed stays.
		await page.locator('textarea[name="opinion"]').fill('材料齐全');
		await page.getByRole('button', { name: '提交审核结论' }).click();
		await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/九项审核要点|审核结论/);
		expect(await page.locator('textarea[name="opinion"]').inputValue()).toBe('材料齐全');

		for (let i = 0; i < n; i++) {
			const fl = flags.nth(i);
			await fl.getByLabel('有理由接受').check();
			await fl.locator('textarea').fill('当事人经营困难，已在审核意见中说明');
		}
		for (let i = 0; i < 9; i++) await page.locator(`input[name="point-${i}"][value="yes"]`).check();
		await page.locator('input[name="result"][value="通过"]').check();
		await page.locator('textarea[name="opinion"]').fill('事实清楚，证据充分，同意拟处罚意见。');
		await page.getByRole('button', { name: '提交审核结论' }).click();
		await expect.poll(() => page.getByRole('status').first().innerText(), { timeout: 10_000 }).toMatch(/审核结论已保存/);
		await page.screenshot({ path: join(inject('artifacts'), 'review-case.png'), fullPage: true });

		await page.goto(`${base}/review/${encodeURIComponent(caseId)}`);
		expect(await page.getByTestId('history').innerText()).toContain('通过');
		expect(await page.locator('fieldset.flag').count()).toBe(0);
		expect(await page.locator('body').innerText()).toContain('当事人经营困难');
	});

	it('answers GET /api/flags with the flags command objects, and refuses other roles', async () => {
		const res = await page.request.get(`${base}/api/flags?status=open`);
		expect(res.status()).toBe(200);
		const flags = (await res.json()) as Record<string, unknown>[];
		expect(flags.length).toBeGreaterThan(0);
		expect(Object.keys(flags[0]!).sort()).toEqual(['case_id', 'expected', 'reason', 'rule', 'severity', 'value']);
		const r03 = (await (await page.request.get(`${base}/api/flags?rule=R03`)).json()) as { rule: string }[];
		expect(r03.every((f) => f.rule === 'R03')).toBe(true);
		expect((await page.request.get(`${base}/api/flags?rule=R99`)).status()).toBe(400);
		// A page at a time, the next one named in the Link header; the pages join into the whole list.
		const whole = (await (await page.request.get(`${base}/api/flags?status=all`)).json()) as { case_id: string; rule: string }[];
		const first = await page.request.get(`${base}/api/flags?status=all&limit=2`);
		expect(((await first.json()) as unknown[]).length).toBe(2);
		const next = /<([^>]+)>; rel="next"/.exec(first.headers()['link'] ?? '')?.[1];
		expect(next).toContain('offset=2');
		expect(await (await page.request.get(`${base}${next}`)).json()).toEqual(whole.slice(2, 4));
		expect((await page.request.get(`${base}/api/flags?limit=0`)).status()).toBe(400);
		expect((await page.request.get(`${base}/api/flags?offset=-1`)).status()).toBe(400);
		expect((await fetch(`${base}/api/flags`)).status).toBe(401);
	});
});
