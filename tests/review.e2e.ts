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
		// The codes carry their rules' names; the case's review state stands beside them.
		expect((await first.locator('td').nth(2).innerText()).trim()).toMatch(/R\d\d [\u4e00-\u9fa5]/);
		expect((await first.locator('td').nth(1).innerText()).trim()).toMatch(/^待审核/);
		// A page of the queue, not every pending case at once.
		expect(await rows.count()).toBeLessThanOrEqual(30);
		expect(await page.getByTestId('queue-count').innerText()).toMatch(/共 \d+ 件待审核案件/);
		// The drifting branches are said in words, each with its cases one click away. They are the server's daily
		// computation: a page that comes before it is done says so, and a later one shows them.
		await expect.poll(async () => (await page.getByTestId('patterns').count()) || (await page.reload(), 0), { timeout: 30_000, interval: 1000 }).toBe(1);
		const patterns = await page.getByTestId('patterns').innerText();
		expect(patterns).toMatch(/的罚款比全中心同类案件的中位数[低高]约 [\d,]+ 元（同一事项、同一阶次，[\d,]+ 件）/);
		expect(patterns).not.toMatch(/e-\d|Bonferroni/);
		expect(await page.getByTestId('patterns').locator('a[href^="/cases?"]').count()).toBeGreaterThan(0);
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
		// Eight checks are met (符合); the ninth asks whether the case goes to the judiciary, answered 否.
		for (let i = 0; i < 8; i++) await page.locator(`input[name="point-${i}"][value="yes"]`).check();
		expect(await page.locator('li[data-point="8"]').innerText()).toMatch(/是否涉嫌犯罪、需要移送司法机关？\s*是\s*否/);
		await page.locator('input[name="point-8"][value="no"]').check();
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

	it('leads a reviewer from the supervision view to a decided case that broke the statute, whose page shows the flag', async () => {
		await page.goto(`${base}/review/supervision?rule=R01`);
		const rows = page.getByTestId('supervision').locator('tbody tr');
		expect(await rows.count()).toBeGreaterThan(0);
		expect(await rows.first().innerText()).toMatch(/R01 罚款超出法定幅度/);
		expect(await page.getByTestId('supervision-by-rule').innerText()).toMatch(/R01 罚款超出法定幅度/);
		await page.screenshot({ path: join(inject('artifacts'), 'review-supervision.png'), fullPage: true });
		const reason = (await rows.first().locator('td').nth(6).innerText()).trim();
		const caseId = (await rows.first().locator('td a').innerText()).trim();
		await rows.first().locator('td a').click();
		await page.waitForURL(/\/cases\//);
		expect(await page.locator('h1').innerText()).toContain(caseId);
		const flag = page.getByTestId('case-flags').locator('li[data-rule="R01"]');
		expect(await flag.innerText()).toContain('R01 罚款超出法定幅度');
		expect(await flag.innerText()).toContain(reason.split('（')[0]!);
		expect(await flag.locator('.badge.error').count()).toBe(1);
		await page.screenshot({ path: join(inject('artifacts'), 'review-supervision-case.png'), fullPage: true });

		// The export is the same list, as CSV for a spreadsheet.
		const csv = await page.request.get(`${base}/review/supervision/export?rule=R01`);
		expect(csv.status()).toBe(200);
		expect(csv.headers()['content-type']).toContain('text/csv');
		const text = await csv.text();
		expect(text.split('\r\n')[0]).toContain('"案件编号","决定日期","承办部门","执法人员"');
		expect(text).toContain(caseId);
		// Without signing in, the view leads to the sign-in page.
		expect((await fetch(`${base}/review/supervision`)).url).toContain('/login');
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
