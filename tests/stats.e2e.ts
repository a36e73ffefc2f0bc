import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { launchBrowser, signIn } from './browser';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
const expected = inject('expected');
const artifacts = inject('artifacts');
let browser: Browser;
let page: Page;
const num = (s: string | null) => Number((s ?? '').replace(/[^\d]/g, ''));

beforeAll(async () => {
	browser = await launchBrowser();
	page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
	await signIn(page, baseUrl, accounts.leader, accounts.password);
});
afterAll(async () => browser?.close());

describe('执法统计 (statistics)', () => {
	it('obeys the chosen year and leads from a bar to the cases of that branch', async () => {
		await page.goto(`${baseUrl}/stats`);
		await page.getByLabel('年度').selectOption('2023');
		await page.getByRole('button', { name: '应用' }).click();
		await page.waitForURL(/year=2023/);
		expect(num(await page.getByTestId('stat-cases').textContent())).toBe(expected.cases2023);
		expect(await page.getByTestId('consistency').textContent()).toContain('全中心');
		const bars = page.locator('[data-testid="branch-chart"] svg path[fill="#1d4f91"]');
		await bars.nth(1).waitFor({ timeout: 15_000 });
		await page.screenshot({ path: join(artifacts, 'stats.png'), fullPage: true });
		await bars.nth(1).click();
		await page.waitForURL(/\/cases\?.*department=/);
		const department = new URL(page.url()).searchParams.get('department') ?? '';
		expect(department).toMatch(/管理部$/);
		expect(num(await page.getByTestId('case-total').textContent())).toBeGreaterThan(0);
	});

	it('leads from the late-publication figure to exactly those cases', async () => {
		await page.goto(`${baseUrl}/stats?year=2023`);
		const tile = (await page.getByTestId('flag-late').locator('xpath=ancestor::div[1]').textContent()) ?? '';
		const late = Number(/逾期 (\d+)/.exec(tile)?.[1] ?? NaN);
		await page.getByTestId('flag-late').click();
		await page.waitForURL(/flag=published-late/);
		expect(num(await page.getByTestId('case-total').textContent())).toBe(late);
	});

	it('keeps the item filter from a tile to the case list: the list has as many cases as the tile', async () => {
		await page.goto(`${baseUrl}/stats?year=2023`);
		const all = num(await page.getByTestId('tile-decisions').locator('.value').textContent());
		await page.getByLabel('执法事项').selectOption('HPF-37-1');
		await page.getByRole('button', { name: '应用' }).click();
		await page.waitForURL(/item=HPF-37-1/);
		const decisions = num(await page.getByTestId('tile-decisions').locator('.value').textContent());
		expect(decisions).toBeGreaterThan(0);
		expect(decisions).toBeLessThan(all);
		await page.getByTestId('tile-decisions').click();
		await page.waitForURL(/\/cases\?.*item=HPF-37-1/);
		expect(num(await page.getByTestId('case-total').textContent())).toBe(decisions);
		// The filter is a control of the list, not a hidden parameter: the reader sees it and can change it.
		expect(await page.getByTestId('filter-item').inputValue()).toBe('HPF-37-1');
		expect(await page.getByTestId('figure-scope').textContent()).toContain('已作出决定');
		await page.screenshot({ path: join(artifacts, 'cases-from-tile.png'), fullPage: false });
	});

	it('says 无数据 in a chart with nothing to draw, not a blank box', async () => {
		// Inspections have no penalty decisions: the days-to-decision and fines charts are empty, the monthly one is not.
		await page.goto(`${baseUrl}/stats?year=2023&category=${encodeURIComponent('行政检查')}`);
		expect(num(await page.getByTestId('stat-cases').textContent())).toBeGreaterThan(0);
		const empty = page.getByTestId('chart-empty');
		await expect.poll(() => empty.count()).toBe(2);
		expect(await empty.allTextContents()).toEqual(['无数据', '无数据']);
	});

	it('keeps the officer filter from a tile to the case list', async () => {
		await page.goto(`${baseUrl}/scorecard`);
		// The scorecard's officer rows name officers with decided fines, and link with the year and the certificate number.
		const link = new URL((await page.getByTestId('by-officer').locator('tbody a').first().getAttribute('href')) ?? '', baseUrl);
		const year = link.searchParams.get('year') ?? '';
		const officer = link.searchParams.get('officer') ?? '';
		expect(officer).not.toBe('');
		await page.goto(`${baseUrl}/stats?${new URLSearchParams({ year, officer })}`);
		const cases = num(await page.getByTestId('stat-cases').textContent());
		expect(cases).toBeGreaterThan(0);
		expect(cases).toBeLessThan(expected.totalCases);
		await page.getByTestId('tile-cases').click();
		await page.waitForURL(/\/cases\?.*officer=/);
		expect(num(await page.getByTestId('case-total').textContent())).toBe(cases);
		expect(await page.getByTestId('filter-officer').inputValue()).toBe(officer);
	});

	it('prints the annual report on A4 without the navigation', async () => {
		await page.goto(`${baseUrl}/report?year=2023`);
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('nav').isVisible()).toBe(false);
		// Nor the red banner: printed from the page itself, the report carries none of the application.
		expect(await page.locator('header').first().isVisible()).toBe(false);
		const pdf = await page.pdf({ preferCSSPageSize: true, path: join(artifacts, 'report-2023.pdf') });
		expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
		// A4 landscape is 842 × 595 points.
		expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.9\d* 59[45]\.\d+\]/);
		await page.emulateMedia({ media: 'screen' });
	});

	it('sets our fines of the year beside the fines peers published, each count opening as many rows, and says 无数据 for a year without peers', async () => {
		await page.goto(`${baseUrl}/stats`);
		const section = page.getByTestId('stats-peers');
		expect(await section.textContent()).toMatch(/其他机关公示的罚款覆盖 2021–2025 年/);
		const own = section.locator('tr[data-item="HPF-37-1"][data-side="own"]');
		const peers = section.locator('tr[data-item="HPF-37-1"][data-side="peers"]');
		const ownCount = num(await own.getByTestId('stats-peers-own-count').textContent());
		const peerCount = num(await peers.getByTestId('stats-peers-peers-count').textContent());
		expect(ownCount).toBeGreaterThan(0);
		expect(peerCount).toBeGreaterThan(0);
		expect(await peers.textContent()).toContain('住房公积金管理中心');
		// Our boxes are drawn (the fill of our side's series).
		await section.locator('svg path[fill="#eaf2fb"]').first().waitFor({ timeout: 15_000 });
		await section.screenshot({ path: join(artifacts, 'stats-peers.png') });

		await own.getByTestId('stats-peers-own-count').click();
		await page.waitForURL(/\/cases\?.*item=HPF-37-1/);
		expect(num(await page.getByTestId('case-total').textContent())).toBe(ownCount);

		await page.goBack();
		await page.getByTestId('stats-peers').locator('tr[data-item="HPF-37-1"][data-side="peers"]').getByTestId('stats-peers-peers-count').click();
		await page.waitForURL(/\/peers\?item=HPF-37-1&year=\d{4}/);
		expect(await page.getByTestId('peers-year').textContent()).toMatch(/仅显示 \d{4} 年的罚款/);
		expect(await page.getByTestId('peer-decisions').locator('tbody tr').count()).toBe(Math.min(peerCount, 50));

		await page.goto(`${baseUrl}/stats?year=2020`);
		expect(await page.getByTestId('stats-peers-empty').textContent()).toContain('无数据');
		// A filter the lists cannot follow is said, not silently ignored.
		expect(await page.getByTestId('stats-peers-narrowed').count()).toBe(0);
		await page.goto(`${baseUrl}/stats?year=2024&category=${encodeURIComponent('行政处罚')}`);
		expect(await page.getByTestId('stats-peers-narrowed').textContent()).toContain('只随年度和事项筛选');
	});
});
