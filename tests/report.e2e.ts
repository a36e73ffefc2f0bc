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

	it('prints as a government form: no banner or navigation, the signature block, the 统计口径 and the reconciliation', async () => {
		await page.goto(`${baseUrl}/report?year=2023`);
		const penalised = num(await page.locator('[data-testid="table1"] [data-cell="table1:合计"]').textContent());
		await page.getByTestId('print-link').click();
		await page.waitForURL(/\/report\/print\?year=2023/);
		await page.getByTestId('document').waitFor();
		expect(await page.locator('header, nav').count()).toBe(0);
		const signatures = (await page.getByTestId('signatures').textContent()) ?? '';
		for (const field of ['填报单位', '单位负责人', '填表人', '报出日期']) expect(signatures).toContain(field);
		expect(signatures).toContain('管理中心');
		await page.getByLabel('填表人').fill('Wang Wu');
		expect(await page.getByTestId('scope-note').textContent()).toContain('统计口径');
		const line = (await page.getByTestId('reconciliation').textContent()) ?? '';
		const [decisions, inTable1, noPenalty] = [...line.matchAll(/([\d,]+) 件/g)].map((m) => num(m[1] ?? ''));
		expect(inTable1).toBe(penalised);
		expect(decisions).toBe((inTable1 ?? 0) + (noPenalty ?? 0));
		expect(noPenalty).toBeGreaterThan(0);

		await page.emulateMedia({ media: 'print' });
		expect(await page.getByTestId('print').isVisible()).toBe(false);
		expect(await page.getByLabel('填表人').inputValue()).toBe('Wang Wu');
		// A header never breaks one character per line: 警告 stays on one line, and no label has a line per character.
		const lines = await page.locator('table.report th').evaluateAll((ths) =>
			ths.map((th) => {
				// Each printed line of a label: the distinct tops of its text's boxes.
				const range = document.createRange();
				const tops = (node: Node) => {
					range.selectNodeContents(node);
					return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
				};
				const parts = [...th.querySelectorAll('.line')];
				return { text: th.textContent?.trim() ?? '', lines: parts.length ? parts.reduce((n, p) => n + tops(p), 0) : tops(th) };
			})
		);
		expect(lines.find((l) => l.text === '警告')?.lines).toBe(1);
		expect(lines.find((l) => l.text === '吊销许可证件')?.lines).toBe(1);
		for (const l of lines) if (l.text.length > 1) expect(l.lines, l.text).toBeLessThan(l.text.length);
		const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, path: join(artifacts, 'report-form-2023.pdf') });
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.9\d* 59[45]\.\d+\]/);
		await page.screenshot({ path: join(artifacts, 'report-form.png'), fullPage: true });
		await page.emulateMedia({ media: 'screen' });
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
