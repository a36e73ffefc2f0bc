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

/** A facts text as an officer writes it, in the words the demo ledgers use. */
const FACTS =
	'经查，该单位自2024年3月起未依法履行住房公积金缴存义务。涉及未缴存职工60人，逾期8个月。当事人积极配合调查，如实提供了相关材料。截至立案之日，当事人仍未改正。';

interface CliSuggestion {
	low: number;
	high: number;
	median: number;
	coverage_measured: number;
	checks?: { rule: string; severity: string; reason: string }[];
	facts_source: 'request' | 'case' | null;
	similar: { case_id: string; similarity: number; text_similarity: number | null; reasons: { zh: string; en: string }[]; phrases: string[] }[];
}

/** The command line's answer for the case; with a fine, the file carries it in 罚款金额 (yuan). */
function cliSuggest(fine = '', args: string[] = []): CliSuggestion {
	const file = join(dir, 'case.csv');
	const header =
		'案件编号,执法机关,承办部门,执法类别,事项编码,执法事项,案件状态,当事人类型,当事人名称,执法证号,立案日期,涉及职工人数,违法持续月数,前科次数,是否改正,是否配合调查,危害后果,罚款金额';
	const row = `E2E-1,临江市住房公积金管理中心,市直管理部,行政处罚,HPF-37-1,单位不办理住房公积金缴存登记,待审核,${CASE.party},临江市测试有限公司,35070100130;35070100254,2025-11-03,${CASE.employees},${CASE.months},${CASE.prior},否,是,${CASE.harm},${fine}`;
	writeFileSync(file, `${header}\n${row}\n`);
	const out = execFileSync(
		process.execPath,
		['--import', 'tsx', join(root, 'scripts/suggest.ts'), '--input', file, '--db', inject('cliDb'), '--model', inject('modelDir'), '--json', ...args],
		{
			cwd: root,
			encoding: 'utf8'
		}
	);
	const [first] = JSON.parse(out) as CliSuggestion[];
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
		expect(await page.getByTestId('similar').locator('tbody tr:not(.why-row)').count()).toBe(10);

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
		// A case that carries a fine is answered with the checks of that fine.
		expect(Object.keys(body).sort()).toEqual(
			['case_id', 'checks', 'coverage_measured', 'facts_source', 'high', 'level', 'low', 'median', 'note', 'p_value', 'similar'].sort()
		);
		expect(body.facts_source).toBeNull();
		expect((body.checks as { rule: string }[]).map((c) => c.rule)).toEqual(['R01', 'R02', 'R03']);
		const cli = cliSuggest();
		expect([body.low, body.high]).toEqual([cli.low, cli.high]);
		// Without a fine in the file there is nothing to check; with one, the same checks as the API.
		expect(cli.checks).toBeUndefined();
		expect(cliSuggest('60000').checks?.[0]).toEqual({ rule: 'R01', severity: 'error', reason: '拟罚款 60,000 元，超过法定上限 50,000 元' });
		expect(typeof body.p_value).toBe('number');

		const over = (await (await post({ item_code: 'HPF-37-1', fine_amount: 60000 })).json()) as { checks: { rule: string; severity: string; reason: string }[] };
		expect(over.checks[0]).toEqual({ rule: 'R01', severity: 'error', reason: '拟罚款 60,000 元，超过法定上限 50,000 元' });
		const word = await post({ item_code: 'HPF-37-1', employees_affected: 'abc' });
		expect(word.status()).toBe(400);
		expect(((await word.json()) as { errors: { field: string; zh: string }[] }).errors).toEqual([
			expect.objectContaining({ field: 'employees_affected', zh: '「涉及职工人数」应为数字' })
		]);

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

	it("checks the officer's intended fine against the statute, refuses a non-number and a case that does not exist", async () => {
		await page.goto(`${base}/suggest`);
		await page.getByTestId('item').selectOption('HPF-37-1');
		await page.getByLabel('涉及职工人数（人）').fill(CASE.employees);
		await page.getByLabel('违法持续月数（月）').fill(CASE.months);
		await page.getByLabel('前科次数（次）').fill(CASE.prior);
		await page.getByLabel('是否改正').selectOption(CASE.rectified);
		await page.getByTestId('fine').fill('60000');
		const first = page.getByTestId('checks').locator('li').first();
		await expect.poll(() => first.getAttribute('data-severity'), { timeout: 10_000 }).toBe('error');
		expect(await first.getAttribute('data-rule')).toBe('R01');
		expect(await first.innerText()).toContain('超过法定上限 50,000 元');
		// The range is read in whole hundreds, outward; the exact bounds stay in the data.
		const strong = page.getByTestId('range').locator('strong');
		const [low, high] = [Number(await strong.getAttribute('data-low')), Number(await strong.getAttribute('data-high'))];
		expect(await strong.innerText()).toBe(
			`${(Math.floor(low / 100) * 100).toLocaleString('zh-CN')} – ${(Math.ceil(high / 100) * 100).toLocaleString('zh-CN')} 元`
		);
		await page.screenshot({ path: join(inject('artifacts'), 'suggest-checks.png'), fullPage: true });

		// 前科次数 1 moves the case to 从重: the explanation names the benchmark condition.
		await page.getByLabel('前科次数（次）').fill('1');
		await expect.poll(() => page.getByTestId('tier').innerText(), { timeout: 10_000 }).toContain('从重');
		await expect.poll(() => page.locator('.drivers').innerText()).toContain('前科次数 ≥ 1');
		expect(await page.getByTestId('tier-condition').innerText()).toBe('本案情节：前科次数 ≥ 1（本案 1）');

		// 「abc」 is refused with a message and kept as typed, never read as unknown.
		await page.getByLabel('涉及职工人数（人）').fill('abc');
		await expect.poll(() => page.getByTestId('not-number').innerText()).toContain('「涉及职工人数」应为数字，「abc」不是数字');
		expect(await page.getByLabel('涉及职工人数（人）').inputValue()).toBe('abc');
		expect(await page.getByTestId('range').count()).toBe(0);
		await page.getByLabel('涉及职工人数（人）').fill(CASE.employees);

		// 减轻: the similar cases are cases decided as 减轻.
		await page.getByLabel('具有《行政处罚法》第三十二条规定的减轻处罚情形').check();
		await page.getByTestId('fine').fill('5000');
		await expect.poll(() => page.getByTestId('ground').innerText(), { timeout: 10_000 }).toContain('减轻');
		const tiers = await page
			.getByTestId('similar')
			.locator('td[data-tier]')
			.evaluateAll((tds) => tds.map((td) => td.getAttribute('data-tier')));
		expect(tiers.length).toBeGreaterThan(0);
		expect(new Set(tiers)).toEqual(new Set(['减轻']));

		// A proposal for a case number that does not exist is refused, never 「已保存」.
		await page.getByLabel('案件编号', { exact: true }).fill('LJ2025CF99999');
		await page.getByRole('button', { name: '保存拟处罚意见（连同所示建议）' }).click();
		await expect.poll(() => page.getByTestId('answer').getByRole('alert').last().innerText(), { timeout: 10_000 }).toContain('没有编号为 LJ2025CF99999 的案件');
		expect(await page.getByRole('status').count()).toBe(0);
	});

	it('compares the similar cases by the facts typed as well, and says why each is similar', async () => {
		await page.goto(`${base}/suggest`);
		await page.getByTestId('item').selectOption('HPF-37-1');
		await page.getByLabel('涉及职工人数（人）').fill(CASE.employees);
		await page.getByLabel('违法持续月数（月）').fill(CASE.months);
		await page.getByLabel('是否改正').selectOption(CASE.rectified);
		await page.getByLabel('是否配合调查').selectOption(CASE.cooperated);
		await expect.poll(() => page.getByTestId('similar-basis').innerText(), { timeout: 10_000 }).toContain('仅按情节排序');
		expect(await page.getByTestId('phrase').count()).toBe(0);

		await page.getByTestId('facts').fill(FACTS);
		await expect.poll(() => page.getByTestId('similar-basis').innerText(), { timeout: 10_000 }).toContain('违法事实文字（40%）');
		// The default demo cases carry no facts text (their template paragraphs would swamp the matching of peers'
		// violation texts): each case says it was compared by circumstances alone; phrases are tested on DuckDB.
		await expect
			.poll(async () => (await page.getByTestId('similar-why').allInnerTexts()).join('\n'), { timeout: 10_000 })
			.toContain('该案没有违法事实文本，仅按情节比较');
		for (const p of await page.getByTestId('phrase').allInnerTexts()) expect(FACTS).toContain(p);
		const why = (await page.getByTestId('similar-why').allInnerTexts()).join('\n');
		expect(why).toMatch(/均未改正|均配合调查|涉及职工人数(相近|相同)/);
		await page.screenshot({ path: join(inject('artifacts'), 'suggest-facts.png'), fullPage: true });

		// Too long a text is refused with a message, and kept as typed for the officer to shorten.
		const long = FACTS.repeat(40);
		await page.getByTestId('facts').fill(long);
		await expect
			.poll(() => page.getByTestId('answer').getByRole('alert').first().innerText(), { timeout: 10_000 })
			.toContain('「违法事实」过长：最多 2000 个字');
		expect(await page.getByTestId('facts').inputValue()).toBe(long);
	});

	it('takes the facts on the command line (--facts) and in the API', async () => {
		const cli = cliSuggest('', ['--facts', FACTS]);
		expect(cli.facts_source).toBe('request');
		expect(cli.similar).toHaveLength(10);
		// The demo writes facts for a share of its cases: a case without them says it was compared by circumstances only.
		for (const c of cli.similar)
			expect(
				c.reasons.some((r) => r.zh === '该案没有违法事实文本，仅按情节比较'),
				c.case_id
			).toBe(c.text_similarity === null);
		const sims = cli.similar.map((c) => c.similarity);
		expect([...sims].sort((a, b) => b - a)).toEqual(sims);
		expect(cli.similar[0]!.reasons.every((r) => /[\u4e00-\u9fff]/.test(r.zh) && /[a-z]/i.test(r.en))).toBe(true);
		// Without --facts, the circumstances alone.
		expect(cliSuggest().facts_source).toBeNull();

		const post = (data: unknown) => page.request.post(`${base}/api/suggest`, { data, headers: { origin: base } });
		const api = (await (
			await post({ item_code: 'HPF-37-1', employees_affected: 60, months_overdue: 8, rectified: false, cooperated: true, facts: FACTS })
		).json()) as CliSuggestion;
		expect(api.facts_source).toBe('request');
		expect(api.similar).toHaveLength(10);
		const refused = await post({ item_code: 'HPF-37-1', facts: 123 });
		expect(refused.status()).toBe(400);
		expect(((await refused.json()) as { errors: { field: string; zh: string }[] }).errors).toEqual([
			expect.objectContaining({ field: 'facts', zh: '「违法事实」应为文本' })
		]);
	});

	it('shows the model card with the baselines and the drifting branch', async () => {
		await page.goto(`${base}/model`);
		const rows = page.getByTestId('baselines').locator('tbody tr');
		expect(await rows.count()).toBe(4);
		expect(await page.getByTestId('branches').innerText()).toContain('南湖管理部');
		// The counts of the training data add up, and the page speaks no internal words.
		const total = await page.getByTestId('data-total').innerText();
		const parts = await page.getByTestId('data-uses').locator('tbody td.num').allInnerTexts();
		expect(parts.reduce((sum, x) => sum + Number(x.replace(/,/g, '')), 0)).toBe(Number(total.replace(/,/g, '')));
		const card = await page.getByTestId('card').innerText();
		expect(card).toContain(`${total} 件已决定`);
		expect(card).not.toMatch(/Model card|wasm|pinball|models\//i);
		await page.screenshot({ path: join(inject('artifacts'), 'model.png'), fullPage: true });
	});
});
