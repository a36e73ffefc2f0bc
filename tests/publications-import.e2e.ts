import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, signIn } from './browser';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
const artifacts = inject('artifacts');
const dir = mkdtempSync(join(tmpdir(), 'equitas-e2e-publications-'));
let browser: Browser;
let analyst: Page;
let officer: Page;
const num = (s: string | null) => Number((s ?? '').replace(/[^\d]/g, ''));

/** A centre none of the demo's lists names, and a violation text of its own: what this list adds is told apart. */
const AGENCY = '临海市住房公积金管理中心';
const TEXT = '单位未为新录用职工办理住房公积金账户设立手续';
const FILE = '临海市处罚公示.csv';

/** RULES.md §5's columns, the violation under a header no list uses (案由说明), fines in a column or only in the text. */
function list(): string {
	const path = join(dir, FILE);
	const rows = [
		'行政相对人名称,行政相对人类别,行政处罚决定书文号,案由说明,处罚内容,罚款金额（万元）,处罚决定日期,处罚机关',
		`临海宏达商贸有限公司,法人及非法人组织,临公积金罚字〔2025〕第1号,${TEXT},处以贰万元罚款,,2025-03-10,${AGENCY}`,
		`临海永安物流有限公司,法人及非法人组织,临公积金罚字〔2025〕第2号,${TEXT},罚款3万元,3,2025-05-02,${AGENCY}`,
		`临海华联餐饮有限公司,法人及非法人组织,临公积金罚字〔2025〕第3号,${TEXT},对该公司罚款一万五千元。对直接负责的主管人员罚款二千元,,2025-07-19,${AGENCY}`,
		`临海建安建筑有限公司,法人及非法人组织,临公积金罚字〔2024〕第9号,${TEXT},警告，罚款人民币12000元,,2024-11-05,${AGENCY}`,
		`,,,${TEXT},,,2025-08-01,${AGENCY}`
	];
	writeFileSync(path, rows.join('\r\n') + '\r\n');
	return path;
}

/** The officer's comparison for an item on the suggestion page: the peers' count and the agencies line. */
async function peerFines(item: string): Promise<{ count: number; text: string }> {
	await officer.goto(`${baseUrl}/suggest`);
	await officer.getByTestId('item').selectOption(item);
	const box = officer.getByTestId('peer-fines');
	await box.waitFor({ timeout: 30_000 });
	return { count: num(await box.getByTestId('peer-fines-count').textContent()), text: (await box.textContent()) ?? '' };
}

beforeAll(async () => {
	browser = await launchBrowser();
	analyst = await browser.newPage({ viewport: { width: 1280, height: 900 } });
	await signIn(analyst, baseUrl, accounts.analyst, accounts.password);
	officer = await browser.newPage({ viewport: { width: 1280, height: 900 } });
	await signIn(officer, baseUrl, accounts.officer, accounts.password);
});
afterAll(async () => {
	await browser?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('行政处罚公示（同类机关） on the import page', () => {
	it('imports a peer list with a corrected column, confirms its match, and the officer sees the peers’ fines grow; undone, they are as before', async () => {
		const before = await peerFines('HPF-37-2');
		const agenciesBefore = Number(/(\d+) 个机关/.exec(before.text)?.[1] ?? NaN);
		expect(before.count).toBeGreaterThan(0);

		await analyst.goto(`${baseUrl}/import`);
		await analyst.getByLabel('行政处罚公示（同类机关）').check();
		await analyst.getByTestId('file').setInputFiles(list());
		await analyst.getByRole('button', { name: '上传' }).click();
		const mapping = analyst.getByTestId('publication-mapping');
		await mapping.waitFor({ timeout: 30_000 });
		// Recognised by name without asking; the unknown header is the analyst's to map.
		expect(await mapping.getByLabel('处罚内容').inputValue()).toBe('content');
		expect(await mapping.getByLabel('案由说明').inputValue()).toBe('');
		await mapping.getByLabel('案由说明').selectOption('violation');
		// The correction is kept as a publicity list profile for the next list with these headers.
		await mapping.getByLabel('将此对应关系保存为映射方案（同样的表头再次导入时自动套用）').check();
		await mapping.getByLabel('方案名称').fill('公积金公示');
		await analyst.getByRole('button', { name: '开始导入' }).click();

		const status = analyst.getByTestId('result').getByRole('status');
		await expect.poll(() => status.textContent(), { timeout: 60_000 }).toMatch(/读取 5 行，新增 4，更新 0，未变 0，隔离 1，跳过 0/);
		expect(await analyst.getByTestId('publication-fines').textContent()).toContain('罚款从处罚内容文字中读出 3 条');
		await analyst.getByTestId('quarantine').waitFor();
		expect(await analyst.getByTestId('quarantine').textContent()).toContain('行政相对人名称');

		// The text's automatic match and its score; the analyst settles it on HPF-37-2, in place.
		const row = analyst.getByTestId('publication-matches').locator(`tr[data-text="${TEXT}"]`);
		// Four decisions state it: the quarantined row is none.
		expect(num(await row.locator('td').nth(1).textContent())).toBe(4);
		expect(await row.getByTestId('match-by').textContent()).toBe('自动对应');
		expect(Number(await row.getByTestId('match-score').textContent())).toBeGreaterThan(0);
		await row.getByLabel('对应事项').selectOption('HPF-37-2');
		await row.getByRole('button', { name: '确认' }).click();
		await expect.poll(() => row.getByTestId('match-by').textContent()).toBe(accounts.analyst);
		expect(await row.getByTestId('match-score').textContent()).toBe('1.00');
		await analyst.screenshot({ path: join(artifacts, 'import-publications.png'), fullPage: true });

		// The officer's comparison for the item now holds the four fined decisions of the new centre.
		const after = await peerFines('HPF-37-2');
		expect(after.count).toBe(before.count + 4);
		expect(after.text).toContain(`${agenciesBefore + 1} 个机关`);

		// The batch is in the history and undone like a case batch; the comparison is as it was.
		await analyst.goto(`${baseUrl}/import`);
		const saved = analyst.getByTestId('profiles').locator('tbody tr', { hasText: '公积金公示' });
		expect(await saved.locator('td').nth(1).textContent()).toBe('处罚公示');
		// No case-field editor for it: only deleting.
		expect(await saved.getByRole('link', { name: '编辑' }).count()).toBe(0);
		const first = analyst.getByTestId('batches').locator('tbody tr').first();
		expect(await first.textContent()).toContain(`${FILE}（行政处罚公示（同类机关））`);
		analyst.once('dialog', (d) => void d.accept());
		await first.getByRole('button', { name: '撤销' }).click();
		await expect.poll(() => analyst.getByRole('status').textContent()).toMatch(/已撤销第 \d+ 批次：移除 4 件/);
		expect((await peerFines('HPF-37-2')).count).toBe(before.count);
	});

	it('refuses a case ledger offered as a publicity list with a Chinese message, keeping the file chosen', async () => {
		const path = join(dir, '案件.csv');
		writeFileSync(path, '案件编号,立案日期,执法类别\nA1,2024-01-02,行政处罚\n');
		await analyst.goto(`${baseUrl}/import`);
		await analyst.getByLabel('行政处罚公示（同类机关）').check();
		await analyst.getByTestId('file').setInputFiles(path);
		await analyst.getByRole('button', { name: '上传' }).click();
		await expect.poll(() => analyst.getByRole('alert').textContent(), { timeout: 30_000 }).toMatch(/上传失败：.*没有找到表头.*行政相对人名称/);
		// The file is still chosen: the analyst can pick the right kind and upload it again.
		expect(await analyst.getByRole('button', { name: '上传' }).isEnabled()).toBe(true);
	});
});
