import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signIn } from './browser';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
const artifacts = inject('artifacts');
const demoDir = inject('demoDir');
let browser: Browser;
let page: Page;

/** The committed GBK sample's title and header with two new cases, one unreadable row and the ledger's total row. */
function messyGbkFile(): string {
	const text = iconv.decode(readFileSync(resolve(import.meta.dirname, '../data/samples/cases-legacy-gbk.csv')), 'gbk').trimEnd();
	const lines = text.split('\r\n');
	const sample = lines[2]!.split(',');
	const newCase = (id: string, fine: string) => {
		const c = [...sample];
		c[0] = id;
		c[36] = fine;
		return c.join(',');
	};
	const extra = [newCase('E2E-1', '1.2'), newCase('E2E-2', '不详'), newCase('E2E-3', '2'), '合计,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,3.2,,,,'];
	const dir = mkdtempSync(join(tmpdir(), 'equitas-e2e-upload-'));
	const path = join(dir, '旧系统台账-补充.csv');
	writeFileSync(path, iconv.encode([...lines.slice(0, 2), ...extra].join('\r\n') + '\r\n', 'gbk'));
	return path;
}

/**
 * The shipped sample export saved as a workbook the way spreadsheet programs save one: empty cells left out (most
 * rows end in some), text in shared strings, dates as date cells.
 */
async function sampleWorkbook(): Promise<{ path: string; rows: number }> {
	const text = readFileSync(resolve(import.meta.dirname, '../data/samples/cases-current-utf8.csv'), 'utf8').replace(/^\uFEFF/, '');
	const [header, ...rows] = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' }).data;
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('案件台账');
	ws.addRow(header);
	for (const r of rows) ws.addRow(r.map((v, i) => (v === '' ? null : header![i]!.endsWith('日期') ? new Date(`${v}T00:00:00Z`) : v)));
	const path = join(mkdtempSync(join(tmpdir(), 'equitas-e2e-book-')), '案件台账.xlsx');
	await wb.xlsx.writeFile(path);
	return { path, rows: rows.length };
}

/** Other test files count the demo data: a test that adds to it takes it away again. */
async function undoNewestBatch(file: string): Promise<void> {
	await page.goto(`${baseUrl}/import`);
	const first = page.getByTestId('batches').locator('tbody tr').first();
	expect(await first.textContent()).toContain(file);
	page.once('dialog', (d) => void d.accept());
	await first.getByRole('button', { name: '撤销' }).click();
	await expect.poll(() => page.getByRole('status').textContent()).toMatch(/已撤销第 \d+ 批次/);
}

beforeAll(async () => {
	browser = await launchBrowser();
	page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
	await signIn(page, baseUrl, accounts.analyst, accounts.password);
});
afterAll(async () => browser?.close());

describe('数据导入 (import page)', () => {
	it('uploads a GBK ledger, shows the encoding and mapping, imports it and shows the quarantine', async () => {
		await page.goto(`${baseUrl}/import`);
		await page.getByTestId('file').setInputFiles(messyGbkFile());
		await expect.poll(() => page.getByTestId('browser-encoding').textContent()).toBe('GB18030');
		await page.getByRole('button', { name: '上传' }).click();
		await expect.poll(() => page.getByTestId('server-encoding').textContent(), { timeout: 30_000 }).toBe('GB18030');
		// The alias header 罚款金额(万元) was mapped to the fine without asking.
		expect(await page.getByLabel('罚款金额(万元)').inputValue()).toBe('fine_amount');
		await page.getByRole('button', { name: '开始导入' }).click();
		const status = page.getByTestId('result').getByRole('status');
		await expect.poll(() => status.textContent(), { timeout: 60_000 }).toMatch(/读取 4 行，新增 2，更新 0，未变 0，隔离 1，跳过 1/);
		const quarantine = (await page.getByTestId('quarantine').textContent()) ?? '';
		expect(quarantine).toContain('罚款金额：无法识别的金额「不详」');
		// Each reason carries its stable code, and the result counts the rows by the kind of reason.
		expect(await page.getByTestId('quarantine').locator('[data-code]').first().getAttribute('data-code')).toBe('money-unreadable');
		expect(await page.getByTestId('quarantine-reasons').textContent()).toMatch(/无法识别的金额：1 行/);
		// The ledger's total row is not a case and not an error: skipped, said by its line.
		expect(quarantine).not.toContain('汇总行');
		expect(await page.getByTestId('skipped').textContent()).toMatch(/跳过的汇总行（合计\/总计，不是案件）：6/);
		await page.screenshot({ path: join(artifacts, 'import.png'), fullPage: true });
	});

	it('lists the batch and undoes it', async () => {
		await page.goto(`${baseUrl}/import`);
		const first = page.getByTestId('batches').locator('tbody tr').first();
		expect(await first.textContent()).toContain('旧系统台账-补充.csv');
		page.once('dialog', (d) => void d.accept());
		await first.getByRole('button', { name: '撤销' }).click();
		await expect.poll(() => page.getByRole('status').textContent()).toMatch(/已撤销第 \d+ 批次：移除 2 件，恢复 0 件/);
	});

	it('imports every row of a workbook whose rows end in empty cells', async () => {
		const book = await sampleWorkbook();
		await page.goto(`${baseUrl}/import`);
		await page.getByTestId('file').setInputFiles(book.path);
		await page.getByRole('button', { name: '上传' }).click();
		await expect.poll(() => page.getByTestId('server-encoding').textContent(), { timeout: 30_000 }).toBe('XLSX');
		await page.getByRole('button', { name: '开始导入' }).click();
		const status = page.getByTestId('result').getByRole('status');
		// Every row is a case (new, or already there from the demo data); none is refused for its short row.
		await expect.poll(() => status.textContent(), { timeout: 60_000 }).toMatch(new RegExp(`读取 ${book.rows} 行，.*隔离 0`));
		// Each warning opens exactly the cases it counts.
		const links = page.getByTestId('warnings').getByRole('link');
		const warned: { href: string; count: number }[] = [];
		for (const link of await links.all())
			warned.push({ href: (await link.getAttribute('href')) ?? '', count: Number((await link.textContent())?.replace(/[^\d]/g, '')) });
		for (const { href, count } of warned) {
			await page.goto(`${baseUrl}${href}`);
			expect(await page.getByTestId('batch-filter').textContent()).toMatch(/第 \d+ 批次导入的案件：/);
			expect(Number((await page.getByTestId('case-total').textContent())?.replace(/[^\d]/g, ''))).toBe(count);
		}
		await undoNewestBatch('案件台账.xlsx');
	});

	it('uploads the officer roster from the page', async () => {
		await page.goto(`${baseUrl}/import`);
		await page.getByRole('radio', { name: '执法人员清单' }).check();
		// The roster the test database was seeded with: read again, it changes nothing that other tests count.
		await page.getByTestId('file').setInputFiles(join(demoDir, 'roster.csv'));
		await page.getByRole('button', { name: '上传' }).click();
		await page.getByRole('button', { name: '开始导入' }).click();
		const status = page.getByTestId('result').getByRole('status');
		await expect.poll(() => status.textContent(), { timeout: 60_000 }).toMatch(/读取 48 行，新增 0，更新 0，未变 48，隔离 0/);
		expect(await page.getByTestId('result').textContent()).toMatch(/现有执法人员 48 名/);
	});

	it('maps a file with no known header: header row, columns, values for the whole file and recodes, saved as a profile', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'equitas-e2e-vendor-'));
		const path = join(dir, '厂商导出.csv');
		writeFileSync(
			path,
			[
				'导出时间：2024-01-05',
				'PUNISH_NO,CASE_NO,PARTY_NAME,PARTY_KIND,OFFICERS,FILED,ITEM',
				'临公积金罚决字〔2023〕第901号,E2E-V1,临江市甲公司,机构,35070200516;35070200266,2023-03-01,HPF-37-1',
				'临公积金罚决字〔2023〕第902号,E2E-V2,临江市乙公司,机构,35070200516;35070200266,2023-03-02,HPF-37-1'
			].join('\n')
		);
		await page.goto(`${baseUrl}/import`);
		await page.getByTestId('file').setInputFiles(path);
		await page.getByRole('button', { name: '上传' }).click();
		await expect.poll(() => page.getByTestId('needs-header').textContent(), { timeout: 30_000 }).toContain('没有找到表头');
		await page.getByRole('button', { name: '以第 2 行为表头' }).click();
		await expect.poll(() => page.getByLabel('PUNISH_NO').count()).toBe(1);
		const map = {
			PUNISH_NO: 'decision_no',
			CASE_NO: 'case_id',
			PARTY_NAME: 'party_name',
			PARTY_KIND: 'party_type',
			OFFICERS: 'officer_ids',
			FILED: 'filed_on',
			ITEM: 'item_code'
		};
		for (const [header, key] of Object.entries(map)) await page.getByLabel(header, { exact: true }).selectOption(key);
		// Before the import: what every row would lack under this mapping.
		await expect.poll(() => page.getByTestId('gaps').textContent()).toContain('缺少必填项「执法机关」：2 行将进入隔离区');
		const constants: [string, string][] = [
			['agency', '临江市住房公积金管理中心'],
			['category', '行政处罚'],
			['status', '办理中']
		];
		for (const [i, [key, value]] of constants.entries()) {
			await page.getByRole('button', { name: '添加常量' }).click();
			const row = page.getByTestId('constant').nth(i);
			await row.getByLabel('字段').selectOption(key);
			await row.getByLabel('值').fill(value);
			await row.getByLabel('值').press('Tab');
		}
		await page.getByRole('button', { name: '添加转换' }).click();
		const recode = page.getByTestId('recode').first();
		await recode.getByLabel('字段').selectOption('party_type');
		await recode.getByLabel('文件中的写法').fill('机构');
		await recode.getByLabel('转换为').selectOption('法人及非法人组织');
		await expect.poll(() => page.getByTestId('gaps').textContent()).toContain('必填项均有对应的列或常量');
		await page.getByText('将此对应关系保存为映射方案').click();
		await page.getByLabel('方案名称').fill('厂商导出');
		await page.screenshot({ path: join(artifacts, 'import-mapping.png'), fullPage: true });
		await page.getByRole('button', { name: '开始导入' }).click();
		const status = page.getByTestId('result').getByRole('status');
		await expect.poll(() => status.textContent(), { timeout: 60_000 }).toMatch(/读取 2 行，新增 2，更新 0，未变 0，隔离 0/);
		await page.goto(`${baseUrl}/import`);
		const profile = page.getByTestId('profiles').locator('tr', { hasText: '厂商导出' });
		expect(await profile.textContent()).toContain('法人及非法人组织');
		// Edited on its own page: a bad header row is refused in words, then the status constant is changed and saved.
		await profile.getByRole('link', { name: '编辑' }).click();
		await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('编辑映射方案「厂商导出」');
		expect(await page.getByTestId('profile-mapping').getByLabel('CASE_NO', { exact: true }).inputValue()).toBe('case_id');
		await page.getByLabel('表头行').fill('abc');
		await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('表头行应为 1 到 20 之间的整数');
		await page.getByLabel('表头行').fill('2');
		const status3 = page.getByTestId('constant').nth(2);
		await status3.getByLabel('值').fill('已结案');
		await page.getByRole('button', { name: '保存方案' }).click();
		await expect.poll(() => page.getByRole('status').first().textContent()).toContain('已保存映射方案「厂商导出」');
		await page.goto(`${baseUrl}/import`);
		expect(await profile.textContent()).toContain('已结案');
		page.once('dialog', (d) => void d.accept());
		await profile.getByRole('button', { name: '删除' }).click();
		await expect.poll(() => page.getByRole('status').first().textContent()).toContain('已删除映射方案「厂商导出」');
		await undoNewestBatch('厂商导出.csv');
	});

	it('refuses a file that is not an export, saying why, and keeps the page usable', async () => {
		await page.goto(`${baseUrl}/import`);
		const dir = mkdtempSync(join(tmpdir(), 'equitas-e2e-bad-'));
		const bad = join(dir, 'notes.csv');
		writeFileSync(bad, 'a,b,c\n1,2,3\n');
		await page.getByTestId('file').setInputFiles(bad);
		await page.getByRole('button', { name: '上传' }).click();
		await expect.poll(() => page.getByRole('alert').textContent()).toContain('没有找到表头');
	});
});
