import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, signIn } from './browser';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
const artifacts = inject('artifacts');
const demoDir = inject('demoDir');

let browser: Browser;
let page: Page;
let analyst: Page;
let imported = false;

/** Words only the added cases' facts hold: the search must find them in 违法事实 and nowhere else. */
const PHRASE = '拒不整改经核对';
const ADDED = 60;
const PERSON = '欧阳测试';

/**
 * The demo's cases carry no facts text, so the test brings its own: 60 copies of a decided 2023 case of the demo
 * file with facts that name the phrase (every third a natural person, named in the facts too). Undone afterwards,
 * as other test files count the demo data.
 */
function casesWithFacts(): string {
	const text = readFileSync(join(demoDir, 'cases-current-utf8.csv'), 'utf8').replace(/^\uFEFF/, '');
	const [header, ...rows] = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' }).data;
	const col = (h: string) => header!.indexOf(h);
	const template = rows.find((r) => r[col('案件状态')] === '已结案' && r[col('决定日期')]!.startsWith('2023') && r[col('立案日期')]!.startsWith('2023'))!;
	const added = Array.from({ length: ADDED }, (_, i) => {
		const r = [...template];
		const person = i % 3 === 0;
		r[col('案件编号')] = `E2E-EXP-${String(i + 1).padStart(3, '0')}`;
		r[col('当事人类型')] = person ? '自然人' : template[col('当事人类型')]!;
		r[col('当事人名称')] = person ? PERSON : template[col('当事人名称')]!;
		if (person) r[col('统一社会信用代码')] = '';
		r[col('违法事实')] = `经查，${r[col('当事人名称')]}逾期未缴存住房公积金，${PHRASE}。`;
		return r;
	});
	const path = join(mkdtempSync(join(tmpdir(), 'equitas-e2e-export-')), '违法事实补充.csv');
	writeFileSync(path, '\uFEFF' + Papa.unparse([header!, ...added], { newline: '\r\n' }));
	return path;
}

beforeAll(async () => {
	browser = await launchBrowser();
	analyst = await browser.newPage({ viewport: { width: 1280, height: 900 } });
	await signIn(analyst, baseUrl, accounts.analyst, accounts.password);
	await analyst.goto(`${baseUrl}/import`);
	await analyst.getByTestId('file').setInputFiles(casesWithFacts());
	await analyst.getByRole('button', { name: '上传' }).click();
	// Playwright's own waits: expect.poll belongs to tests, and this is their common ground.
	await analyst.getByTestId('server-encoding').filter({ hasText: 'UTF-8' }).waitFor({ timeout: 30_000 });
	await analyst.getByRole('button', { name: '开始导入' }).click();
	await analyst
		.getByTestId('result')
		.getByRole('status')
		.filter({ hasText: `新增 ${ADDED}，` })
		.waitFor({ timeout: 60_000 });
	imported = true;

	page = await (await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } })).newPage();
	await signIn(page, baseUrl, accounts.leader, accounts.password);
}, 180_000);

afterAll(async () => {
	if (imported) {
		await analyst.goto(`${baseUrl}/import`);
		const first = analyst.getByTestId('batches').locator('tbody tr').first();
		expect(await first.textContent()).toContain('违法事实补充.csv');
		analyst.once('dialog', (d) => void d.accept());
		await first.getByRole('button', { name: '撤销' }).click();
		await analyst
			.getByRole('status')
			.filter({ hasText: /已撤销第 \d+ 批次/ })
			.waitFor({ timeout: 30_000 });
	}
	await browser?.close();
}, 120_000);

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
		await page.locator('input[name=q]').fill(PHRASE);
		await Promise.all([page.waitForURL(/q=/), page.getByRole('button', { name: '筛选' }).click()]);
		const total = await shownTotal();
		// More than one page of 50, and fewer than all: the export must carry the filter and every page.
		expect(total).toBe(ADDED);
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
			expect(r[col('违法事实')]).toContain(PHRASE);
			expect(r[col('违法事实')]).not.toContain(PERSON);
			expect(r[col('案件状态')]).toBe('已结案');
			const year = (r[col('决定日期')] || r[col('立案日期')])!.slice(0, 4);
			expect(year).toBe('2023');
			// Leadership has no need for a natural person's name: every one is masked, in the name and the facts.
			if (r[col('当事人类型')] === '自然人') expect(r[col('当事人名称')]).toMatch(/^.\*+$/);
		}
		expect(rows.filter((r) => r[col('当事人类型')] === '自然人').length).toBe(ADDED / 3);
		// Trying the masked name's characters finds nothing for leadership: the name is not in the facts they read.
		await page.goto(`${baseUrl}/cases?year=2023&q=${encodeURIComponent(PERSON)}`);
		expect(await shownTotal()).toBe(0);
		await page.goto(`${baseUrl}/cases?year=2023&status=${encodeURIComponent('已结案')}&q=${encodeURIComponent(PHRASE)}`);
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
