import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { launchBrowser, signIn } from './browser';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
const expected = inject('expected');
const artifacts = inject('artifacts');
let browser: Browser;
let page: Page;
const num = (s: string | null) => Number((s ?? '').replace(/[,\s]/g, ''));

beforeAll(async () => {
	browser = await launchBrowser();
	page = await (await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } })).newPage();
	await signIn(page, baseUrl, accounts.leader, accounts.password);
});
afterAll(async () => browser?.close());

describe('统计年报 (annual report)', () => {
	it('shows the year chosen, and every number leads to the cases behind it', async () => {
		await page.goto(`${baseUrl}/report`);
		await page.getByLabel('年度').selectOption('2023');
		await page.getByRole('button', { name: '查看' }).click();
		await page.waitForURL(/year=2023/);
		const fines = page.locator('[data-cell="table1:罚款"]');
		expect(num(await fines.textContent())).toBe(expected.fines2023);
		await page.screenshot({ path: join(artifacts, 'report.png'), fullPage: true });
		await fines.click();
		await page.waitForURL(/\/cases\?/);
		expect(await page.getByTestId('cell').textContent()).toContain('2023 年 罚款');
		expect(num((await page.getByTestId('case-total').textContent())?.replace('共', '').replace('件', '') ?? '')).toBe(expected.fines2023);
	});

	it('downloads the XLSX in the template layout', async () => {
		await page.goto(`${baseUrl}/report?year=2023`);
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('xlsx').click()]);
		const path = join(artifacts, 'report-2023.xlsx');
		await download.saveAs(path);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.readFile(path);
		expect(String(wb.worksheets[0]!.getCell('A1').value)).toMatch(/2023年度行政执法统计年报/);
	});
});

describe('案件 (case list)', () => {
	it("masks a natural person's name for leadership", async () => {
		expect(expected.naturalPerson.caseId).not.toBe('');
		await page.goto(`${baseUrl}/cases?q=${encodeURIComponent(expected.naturalPerson.caseId)}`);
		const text = (await page.getByTestId('cases').textContent()) ?? '';
		expect(text).toContain(expected.naturalPerson.name.slice(0, 1) + '*');
		expect(text).not.toContain(expected.naturalPerson.name);
	});

	it('opens a case as its whole-process timeline with deadlines, still masked', async () => {
		await page.goto(`${baseUrl}/cases?q=${encodeURIComponent(expected.naturalPerson.caseId)}`);
		await page.getByRole('link', { name: expected.naturalPerson.caseId }).click();
		await page.waitForURL(/\/cases\/.+/);
		const timeline = (await page.getByTestId('timeline').textContent()) ?? '';
		expect(timeline).toContain('立案');
		expect(timeline).toContain('期限');
		const body = (await page.locator('main').textContent()) ?? '';
		expect(body).not.toContain(expected.naturalPerson.name);
		await page.screenshot({ path: join(artifacts, 'case.png'), fullPage: true });
	});
});
