import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openDatabase } from '../src/lib/server/db';
import { PAGE_TITLES } from '../src/lib/page-titles';
import { launchBrowser, signIn } from './browser';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
const artifacts = inject('artifacts');
let browser: Browser;
let leader: BrowserContext;
let page: Page;
const num = (s: string | null) => Number((s ?? '').replace(/[^\d.-]/g, ''));
/** Ids the routes with a path parameter need, from a copy of the served data. */
const ids = { case: '', pending: '', published: '', agency: '' };

async function caseTotal(p: Page): Promise<number> {
	return num((await p.getByTestId('case-total').textContent()) ?? '');
}

beforeAll(async () => {
	const db = await openDatabase(inject('cliDb'), { readOnly: true });
	try {
		const one = async (sql: string) => (await db.query<{ id: string }>(sql))[0]?.id ?? '';
		ids.case = await one(`SELECT case_id AS id FROM cases WHERE status = '已结案' ORDER BY case_id LIMIT 1`);
		ids.pending = await one(`SELECT case_id AS id FROM cases WHERE status = '待审核' ORDER BY case_id LIMIT 1`);
		ids.published = await one(
			`SELECT case_id AS id FROM cases WHERE category = '行政处罚' AND status IN ('已决定', '已结案') AND published_on IS NOT NULL AND withdrawn_on IS NULL AND decision_no IS NOT NULL AND fine_amount > 0 ORDER BY decided_on DESC, case_id LIMIT 1`
		);
		ids.agency = await one(`SELECT agency AS id FROM cases LIMIT 1`);
	} finally {
		await db.close();
	}
	browser = await launchBrowser();
	leader = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
	page = await leader.newPage();
	await signIn(page, baseUrl, accounts.leader, accounts.password);
});
afterAll(async () => browser?.close());

describe('执法评估 (scorecard)', () => {
	it('ranks the lenient branch first, below the norm, and each count opens its cases', async () => {
		await page.goto(`${baseUrl}/scorecard`);
		await expect.poll(() => page.locator('h1').textContent()).toBe('三项制度实施情况评估');
		const first = page.getByTestId('by-department').locator('tbody tr').first();
		expect(await first.locator('th').textContent()).toBe('南湖管理部');
		expect(await first.textContent()).toContain('偏轻');
		const n = num(await first.locator('a').textContent());
		expect(n).toBeGreaterThan(0);
		await page.screenshot({ path: join(artifacts, 'scorecard.png'), fullPage: true });
		await first.locator('a').click();
		await page.waitForURL(/\/cases\?.*flag=sc-fined/);
		expect(await caseTotal(page)).toBe(n);
	});

	it('sets each system beside the year before, and its shortfall is one click from its cases', async () => {
		await page.goto(`${baseUrl}/scorecard`);
		const row = page.locator('[data-row="publicity"]');
		const [part, whole] = ((await row.locator('td').first().locator('a').textContent()) ?? '').split('/').map(num);
		expect(whole).toBeGreaterThan(0);
		await page.getByTestId('short-publicity').click();
		await page.waitForURL(/flag=sc-publicity-late/);
		expect(await caseTotal(page)).toBe((whole ?? 0) - (part ?? 0));
		await page.goto(`${baseUrl}/scorecard`);
		await row.locator('td').first().locator('a').click();
		await page.waitForURL(/flag=sc-publicity-due/);
		expect(await caseTotal(page)).toBe(whole);
	});

	it('the overview leads with the year against the last, each headline leading to its cases', async () => {
		await page.goto(baseUrl);
		const lead = page.getByTestId('year-lead');
		expect(await lead.locator('h2').textContent()).toMatch(/^\d{4} 年与 \d{4} 年对比$/);
		const cases = num(await page.getByTestId('year-cases').locator('.value').textContent());
		await page.getByTestId('year-cases').click();
		await page.waitForURL(/\/cases\?year=\d{4}$/);
		expect(await caseTotal(page)).toBe(cases);
		await page.goto(baseUrl);
		const decisions = num(await page.getByTestId('year-decisions').locator('.value').textContent());
		await page.getByTestId('year-decisions').click();
		await page.waitForURL(/cell=table1/);
		expect(await caseTotal(page)).toBe(decisions);
	});

	it('prints the evaluation report to PDF in Chromium as a document without the application, with no navigation', async () => {
		await page.goto(`${baseUrl}/scorecard`);
		const spread = (await page.getByTestId('spread').locator('.value').textContent())?.replace(' 元', '') ?? '';
		await page.getByTestId('print-link').click();
		await page.waitForURL(/\/scorecard\/print\?year=\d{4}/);
		await page.getByTestId('document').waitFor();
		expect(await page.locator('header, nav').count()).toBe(0);
		expect(await page.locator('h1').textContent()).toMatch(/\d{4}年度三项制度实施情况评估报告/);
		expect(await page.getByTestId('print-spread').textContent()).toBe(spread);
		expect(await page.getByTestId('print-notes').locator('li').count()).toBeGreaterThan(5);
		const before = page.url();
		let navigations = 0;
		page.on('framenavigated', () => navigations++);
		await page.emulateMedia({ media: 'print' });
		expect(await page.getByTestId('print').isVisible()).toBe(false);
		const pdf = await page.pdf({ format: 'A4', printBackground: true });
		writeFileSync(join(artifacts, 'scorecard.pdf'), pdf);
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0).toBeGreaterThan(1);
		expect(navigations).toBe(0);
		expect(page.url()).toBe(before);
		await page.emulateMedia({ media: 'screen' });
	});

	it('downloads the evaluation as XLSX with the same figures', async () => {
		await page.goto(`${baseUrl}/scorecard`);
		const spread = (await page.getByTestId('spread').locator('.value').textContent())?.replace(/[ 元,]/g, '') ?? '';
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 XLSX' }).click()]);
		const path = join(artifacts, 'scorecard.xlsx');
		await download.saveAs(path);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.readFile(path);
		const cells: string[] = [];
		wb.worksheets[0]!.eachRow((r) => r.eachCell((c) => cells.push(String(c.value))));
		expect(cells[0]).toMatch(/\d{4}年度三项制度实施情况评估/);
		expect(cells).toContain(spread);
		expect(cells).toContain('南湖管理部');
	});
});

describe('page titles', () => {
	/** A concrete address of each route and who may open it. */
	const VISITS: Record<string, { path: () => string; who: 'leader' | 'officer' | 'reviewer' | 'analyst' | 'admin' | null; year?: boolean }> = {
		'/': { path: () => '/', who: 'leader', year: false },
		'/account': { path: () => '/account', who: 'leader' },
		'/admin/audit': { path: () => '/admin/audit', who: 'admin' },
		'/admin/backups': { path: () => '/admin/backups', who: 'admin' },
		'/admin/users': { path: () => '/admin/users', who: 'admin' },
		'/case-files': { path: () => '/case-files?year=2023', who: 'leader', year: true },
		'/cases': { path: () => '/cases?year=2024', who: 'leader', year: true },
		'/cases/[id]': { path: () => `/cases/${ids.case}`, who: 'leader' },
		// No demo case has a document before the case-file test files one: the route's missing document is an error page.
		'/cases/[id]/files/[file]': { path: () => `/cases/${ids.case}/files/999999`, who: 'leader' },
		'/catalog': { path: () => '/catalog', who: 'leader' },
		'/forbidden': { path: () => '/forbidden', who: 'officer' },
		'/import': { path: () => '/import', who: 'analyst' },
		// The demo has no saved mapping profile: the route's missing profile is an error page.
		'/import/profiles/[name]': { path: () => '/import/profiles/demo-none', who: 'analyst' },
		'/login': { path: () => '/login', who: null },
		'/model': { path: () => '/model', who: 'leader' },
		'/peers': { path: () => '/peers', who: 'leader' },
		'/publicity': { path: () => '/publicity', who: 'leader' },
		'/publicity/exchange': { path: () => '/publicity/exchange', who: 'admin' },
		'/publicity/published': { path: () => '/publicity/published', who: 'leader' },
		'/publicity/withdraw': {
			path: () => `/publicity/withdraw?agency=${encodeURIComponent(ids.agency)}&case=${encodeURIComponent(ids.published)}`,
			who: 'reviewer'
		},
		'/publicity/withdrawn': { path: () => '/publicity/withdrawn', who: 'leader' },
		'/report': { path: () => '/report?year=2023', who: 'leader', year: true },
		'/report/print': { path: () => '/report/print?year=2023', who: 'leader', year: true },
		'/review': { path: () => '/review', who: 'reviewer' },
		'/review/[id]': { path: () => `/review/${ids.pending}`, who: 'reviewer' },
		'/review/supervision': { path: () => '/review/supervision', who: 'reviewer' },
		'/roster': { path: () => '/roster', who: 'leader' },
		'/scorecard': { path: () => '/scorecard?year=2024', who: 'leader', year: true },
		'/scorecard/print': { path: () => '/scorecard/print?year=2024', who: 'leader', year: true },
		'/stats': { path: () => '/stats?year=2024', who: 'leader', year: true },
		'/suggest': { path: () => '/suggest', who: 'officer' }
	};

	it('covers every route that has a title', () => {
		expect(Object.keys(VISITS).sort()).toEqual(Object.keys(PAGE_TITLES).sort());
	});

	it('gives every page a title that names it, the year it shows and the application', async () => {
		const contexts = new Map<string, BrowserContext>();
		const contextFor = async (who: string | null) => {
			const key = who ?? 'anonymous';
			let c = contexts.get(key);
			if (!c) {
				c = await browser.newContext({ locale: 'zh-CN' });
				const p = await c.newPage();
				const username = who === 'admin' ? accounts.auditor : who ? accounts[who as 'leader'] : null;
				if (username) await signIn(p, baseUrl, username, accounts.password);
				contexts.set(key, c);
			}
			return c;
		};
		const seen: string[] = [];
		try {
			for (const [route, v] of Object.entries(VISITS)) {
				const c = await contextFor(v.who);
				const p = c.pages()[0]!;
				const r = await p.goto(`${baseUrl}${v.path()}`);
				const title = await p.title();
				seen.push(`${route} → ${title}`);
				expect(title, route).toMatch(/ · 同案同罚$/);
				if (route === '/cases/[id]/files/[file]' || route === '/import/profiles/[name]') {
					expect(r?.status(), route).toBe(404);
					expect(title).toBe('出错了 · 同案同罚');
					continue;
				}
				expect(r?.status(), `${route} ${v.path()}`).toBe(200);
				// The title names the page as its heading does.
				const h1 = ((await p.locator('h1').first().textContent()) ?? '').trim();
				expect(h1.length, route).toBeGreaterThan(0);
				expect(title.split(' · ').length, route).toBeGreaterThanOrEqual(2);
				if (v.year) expect(title, route).toMatch(/ · \d{4} 年 · 同案同罚$/);
			}
			const stats = contexts.get('leader')!.pages()[0]!;
			await stats.goto(`${baseUrl}/stats?year=2024`);
			expect(await stats.title()).toBe('执法统计 · 2024 年 · 同案同罚');
		} finally {
			writeFileSync(join(artifacts, 'page-titles.txt'), seen.join('\n'));
			for (const c of contexts.values()) await c.close();
		}
	});
});
