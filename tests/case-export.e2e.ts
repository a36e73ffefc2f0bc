import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, signIn } from './browser';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
const artifacts = inject('artifacts');

let browser: Browser;
let page: Page;

beforeAll(async () => {
	browser = await launchBrowser();
	page = await (await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } })).newPage();
	await signIn(page, baseUrl, accounts.leader, accounts.password);
}, 120_000);

afterAll(async () => {
	await browser?.close();
});

/** The count the page shows, 「共 1,234 件」 → 1234. */
async function shownTotal(): Promise<number> {
	return Number((await page.getByTestId('case-total').innerText()).replace(/[^\d]/g, ''));
}

describe('案件列表导出 (case list export)', () => {
	it('filters the list, searches the facts text and downloads every filtered case as CSV, masked', async () => {
		await page.goto(`${baseUrl}/cases`);
		const all = await shownTotal();
		await page.locator('select[name=year]').selectOption('2023');
		await page.locator('select[name=status]').selectOption('已结案');
		await page.locator('input[name=q]').fill('逾期');
		await Promise.all([page.waitForURL(/q=/), page.getByRole('button', { name: '筛选' }).click()]);
		const total = await shownTotal();
		// More than one page of 50, and fewer than all: the export must carry the filter and every page.
		expect(total).toBeGreaterThan(50);
		expect(total).toBeLessThan(all);
		await page.screenshot({ path: join(artifacts, 'case-list-export.png'), fullPage: false });

		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
		expect(download.suggestedFilename()).toBe('案件列表（2023 年）.csv');
		const path = join(artifacts, 'case-list-export.csv');
		await download.saveAs(path);
		const [header, ...rows] = Papa.parse<string[]>(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
		expect(rows.length).toBe(total);
		const col = (h: string) => header!.indexOf(h);
		for (const r of rows) {
			expect(r[col('违法事实')]).toContain('逾期');
			expect(r[col('案件状态')]).toBe('已结案');
			const year = (r[col('决定日期')] || r[col('立案日期')])!.slice(0, 4);
			expect(year).toBe('2023');
			// Leadership has no need for a natural person's name: every one is masked, in the name and the facts.
			if (r[col('当事人类型')] === '自然人') expect(r[col('当事人名称')]).toMatch(/^.\*+$/);
		}
		expect(rows.some((r) => r[col('当事人类型')] === '自然人')).toBe(true);
	});

	it('downloads the same filtered list as XLSX', async () => {
		const total = await shownTotal();
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
		const path = join(artifacts, 'case-list-export.xlsx');
		await download.saveAs(path);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.readFile(path);
		expect(wb.worksheets[0]!.rowCount).toBe(total + 1);
		expect(wb.worksheets[0]!.getCell('A1').value).toBe('案件编号');
	});
});
