import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signIn } from './browser';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
const artifacts = inject('artifacts');
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
		await expect.poll(() => status.textContent(), { timeout: 60_000 }).toMatch(/读取 4 行，新增 2，更新 0，未变 0，隔离 2/);
		const quarantine = (await page.getByTestId('quarantine').textContent()) ?? '';
		expect(quarantine).toContain('罚款金额：无法识别的金额「不详」');
		expect(quarantine).toContain('汇总行（合计/总计）');
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
