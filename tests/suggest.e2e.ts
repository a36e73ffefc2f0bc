import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, signIn } from './browser';

const base = inject('baseUrl');
const accounts = inject('accounts');
const expected = inject('expected');
const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'equitas-suggest-'));
let browser: Browser;
let page: Page;

/** The circumstances entered on the page, and the same case as a file for the command line. */
const CASE = { employees: '60', months: '8', prior: '0', rectified: 'false', cooperated: 'true', harm: '一般', party: '法人及非法人组织' };

function cliSuggest(): { low: number; high: number; median: number; coverage_measured: number } {
	const file = join(dir, 'case.csv');
	const header =
		'案件编号,执法机关,承办部门,执法类别,事项编码,执法事项,案件状态,当事人类型,当事人名称,执法证号,立案日期,涉及职工人数,违法持续月数,前科次数,是否改正,是否配合调查,危害后果';
	const row = `E2E-1,临江市住房公积金管理中心,市直管理部,行政处罚,HPF-37-1,单位不办理住房公积金缴存登记,待审核,${CASE.party},临江市测试有限公司,35070100130;35070100254,2025-11-03,${CASE.employees},${CASE.months},${CASE.prior},否,是,${CASE.harm}`;
	writeFileSync(file, `${header}\n${row}\n`);
	const out = execFileSync(
		process.execPath,
		['--import', 'tsx', join(root, 'scripts/suggest.ts'), '--input', file, '--db', inject('cliDb'), '--model', inject('modelDir'), '--json'],
		{
			cwd: root,
			encoding: 'utf8'
		}
	);
	const [first] = JSON.parse(out) as { low: number; high: number; median: number; coverage_measured: number }[];
	if (!first) throw new Error(`no suggestion in ${out}`);
	return first;
}

beforeAll(async () => {
	browser = await launchBrowser();
	page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
	await signIn(page, base, accounts.officer, accounts.password);
});

afterAll(async () => {
	await browser?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('discretion assistant (裁量辅助)', () => {
	it('gives the officer the same range as the command line, and warns about a fine outside it', async () => {
		await page.goto(`${base}/suggest`);
		await page.getByTestId('item').selectOption('HPF-37-1');
		await page.getByLabel('当事人类型').selectOption(CASE.party);
		await page.getByLabel('涉及职工人数（人）').fill(CASE.employees);
		await page.getByLabel('违法持续月数（月）').fill(CASE.months);
		await page.getByLabel('前科次数（次）').fill(CASE.prior);
		await page.getByLabel('是否改正').selectOption(CASE.rectified);
		await page.getByLabel('是否配合调查').selectOption(CASE.cooperated);
		await page.getByLabel('危害后果').selectOption(CASE.harm);
		const cli = cliSuggest();
		const strong = page.getByTestId('range').locator('strong');
		await expect
			.poll(async () => (await strong.getAttribute('data-low')) === String(cli.low) && (await strong.getAttribute('data-high')) === String(cli.high), {
				timeout: 10_000
			})
			.toBe(true);
		await expect.poll(() => page.getByTestId('answer').innerText()).toContain(`${(cli.coverage_measured * 100).toFixed(1)}%`);
		await expect.poll(() => page.getByTestId('tier').innerText()).toContain('一般');
		expect(await page.getByTestId('similar').locator('tbody tr').count()).toBe(10);

		await page.getByTestId('fine').fill(String(Math.min(50_000, cli.high + 8000)));
		const position = page.getByTestId('position');
		await expect.poll(() => position.getAttribute('data-position'), { timeout: 10_000 }).toBe('above');
		expect(await position.innerText()).toMatch(/高于区间/);
		await page.getByTestId('fine').fill(String(cli.median));
		await expect.poll(() => position.getAttribute('data-position'), { timeout: 10_000 }).toBe('inside');
		await page.screenshot({ path: join(inject('artifacts'), 'suggest.png'), fullPage: true });
	});

	it('opens a pending proposal by its number and saves the proposal with the suggestion shown', async () => {
		const id = expected.pendingCase;
		expect(id).not.toBe('');
		await page.goto(`${base}/suggest?case=${encodeURIComponent(id)}`);
		await expect.poll(() => page.getByTestId('range').isVisible(), { timeout: 10_000 }).toBe(true);
		const low = await page.getByTestId('range').locator('strong').getAttribute('data-low');
		await page.getByRole('button', { name: '保存拟处罚意见（连同所示建议）' }).click();
		await expect.poll(() => page.getByRole('status').first().innerText(), { timeout: 10_000 }).toMatch(/已保存/);
		await page.goto(`${base}/suggest?case=${encodeURIComponent(id)}`);
		const saved = page.locator('li', { hasText: '当时区间' }).first();
		expect(await saved.innerText()).toContain(Number(low).toLocaleString('zh-CN'));
	});

	it('answers POST /api/suggest with the command-line object, and bad input with field errors in both languages', async () => {
		const post = (data: unknown) => page.request.post(`${base}/api/suggest`, { data, headers: { origin: base } });
		const good = await post({
			item_code: 'HPF-37-1',
			employees_affected: 60,
			months_overdue: 8,
			prior_violations: 0,
			rectified: false,
			cooperated: true,
			harm: '一般',
			party_type: '法人及非法人组织',
			fine_amount: 30000
		});
		expect(good.status()).toBe(200);
		const body = (await good.json()) as Record<string, unknown>;
		expect(Object.keys(body).sort()).toEqual(['case_id', 'coverage_measured', 'high', 'level', 'low', 'median', 'note', 'p_value', 'similar'].sort());
		const cli = cliSuggest();
		expect([body.low, body.high]).toEqual([cli.low, cli.high]);
		expect(typeof body.p_value).toBe('number');

		const bad = await post({ item_code: '', employees_affected: -3, harm: '很大', level: 2 });
		expect(bad.status()).toBe(400);
		const errors = ((await bad.json()) as { errors: { field: string; zh: string; en: string }[] }).errors;
		expect(errors.map((e) => e.field).sort()).toEqual(['employees_affected', 'harm', 'item_code', 'level']);
		for (const e of errors) {
			expect(e.zh).toMatch(/[\u4e00-\u9fff]/);
			expect(e.en).toMatch(/[a-z]/);
		}
		const notJson = await page.request.post(`${base}/api/suggest`, { data: 'not json', headers: { origin: base, 'content-type': 'application/json' } });
		expect(notJson.status()).toBe(400);
		const anonymous = await fetch(`${base}/api/suggest`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
		expect(anonymous.status).toBe(401);
	});

	it('shows the model card with the baselines and the drifting branch', async () => {
		await page.goto(`${base}/model`);
		const rows = page.getByTestId('baselines').locator('tbody tr');
		expect(await rows.count()).toBe(4);
		expect(await page.getByTestId('branches').innerText()).toContain('南湖管理部');
	});
});
