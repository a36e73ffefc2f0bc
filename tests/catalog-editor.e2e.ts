/**
 * The catalog editor on the built server: an analyst changes a tier and publishes it as a new version, and the
 * flags, the officer's suggestion and the public benchmark then show it. It runs its own server on its own small
 * database, since a published version changes how the shared server judges every case the other files look at.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectTier } from '../src/lib/domain/catalog';
import type { CaseRecord } from '../src/lib/domain/case-schema';
import { ruleFlags } from '../src/lib/domain/review-rules';
import { openMigrated } from '../src/lib/server/db';
import { CASE_SELECT } from '../src/lib/server/cases';
import { loadCatalog } from '../src/lib/server/catalog';
import { loadCalendar } from '../src/lib/server/calendar';
import { seedDemo } from '../src/lib/server/demo';
import { addDemoAccounts, DEMO_PASSWORD } from '../src/lib/server/auth';
import { launchBrowser, signIn } from './browser';
import { freePort } from '../scripts/free-port';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'equitas-catalog-e2e-'));
const ITEM = 'HPF-37-1';
const NEW_TEXT = '省局修订：本阶次罚款统一为法定上限';
const NOTE = '依省局裁量基准修订';
const catalog = loadCatalog();
const statuteMax = catalog.byCode.get(ITEM)!.fine!.max;
let server: ChildProcess | undefined;
let log = '';
let base = '';
let browser: Browser;
/** The pending proposal the officer opens, the tier its circumstances select, and a decided case of that tier. */
let pendingId = '';
let tier = '';
let decidedId = '';

beforeAll(async () => {
	const dbPath = join(work, 'catalog-e2e.duckdb');
	const db = await openMigrated(dbPath);
	const cal = loadCalendar();
	await seedDemo(db, catalog, cal, { dir: join(work, 'demo'), cases: 2500, seed: 23 });
	await addDemoAccounts(db);
	const item = catalog.byCode.get(ITEM)!;
	const pending = (await db.query(
		`SELECT ${CASE_SELECT} FROM cases
		 WHERE department = (SELECT department FROM users WHERE username = 'zhifa') AND status = '待审核' AND item_code = ? ORDER BY case_id`,
		[ITEM]
	)) as CaseRecord[];
	const chosen = pending.find((c) => ['从轻', '一般', '从重'].includes(selectTier(item, c)?.tier ?? ''));
	if (!chosen) throw new Error('no pending proposal of the demo officer to open');
	pendingId = chosen.case_id!;
	tier = selectTier(item, chosen)!.tier;
	const decided = (await db.query(
		`SELECT ${CASE_SELECT} FROM cases WHERE item_code = ? AND decided_on IS NOT NULL AND status <> '待审核' AND fine_amount > 0 AND fine_amount < ? ORDER BY case_id`,
		[ITEM, statuteMax * 100]
	)) as CaseRecord[];
	const ctx = { catalog, cal, roster: new Map() };
	const inTier = decided.find(
		(c) =>
			selectTier(item, c)?.tier === tier &&
			!['减轻', '不予处罚'].includes(c.circumstance_tier ?? '') &&
			!ruleFlags(c, ctx).some((f) => f.rule === 'R01' || f.rule === 'R02')
	);
	if (!inTier) throw new Error(`no decided case of tier ${tier} inside it`);
	decidedId = inTier.case_id!;
	await db.close();

	const port = await freePort();
	server = spawn(process.execPath, [join(root, 'scripts/serve.js')], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			EQUITAS_DB: dbPath,
			EQUITAS_MODEL: join(root, 'models/default'),
			EQUITAS_FILES: join(work, 'files'),
			EQUITAS_PUSH_EVERY_MS: '3600000'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	server.stdout?.on('data', (d: Buffer) => (log += d.toString()));
	server.stderr?.on('data', (d: Buffer) => (log += d.toString()));
	base = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}:\n${log}`);
		if (Date.now() > deadline) throw new Error(`the server did not answer within 60 s:\n${log}`);
		if (
			await fetch(`${base}/health`).then(
				(r) => r.ok,
				() => false
			)
		)
			break;
		await new Promise((r) => setTimeout(r, 200));
	}
	browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
	await browser?.close();
	if (server && server.exitCode === null) {
		const exited = new Promise((r) => server?.once('exit', r));
		server.kill('SIGTERM');
		await exited;
	}
	rmSync(work, { recursive: true, force: true });
});

async function signedIn(username: string): Promise<Page> {
	const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
	await signIn(page, base, username, DEMO_PASSWORD);
	return page;
}

describe('事项清单编辑', () => {
	it('publishes a tier change that the flags, the suggestion and the public page then show', async () => {
		const analyst = await signedIn('fenxi');
		await analyst.goto(`${base}/catalog`);
		await analyst.locator(`details[data-code="${ITEM}"] > summary`).click();
		const row = analyst.locator(`details[data-code="${ITEM}"] [data-testid="tier"][data-tier="${tier}"]`);
		await row.getByTestId('tier-min').fill(String(statuteMax));
		await row.getByTestId('tier-max').fill(String(statuteMax));
		await row.getByTestId('tier-text').fill(NEW_TEXT);
		await analyst.getByTestId('effective').fill('2000-01-02');
		await analyst.getByTestId('note').fill(NOTE);
		expect(await analyst.getByTestId('publish').isDisabled()).toBe(true);

		// The check: the side-by-side lines of the change, and the cases it moves, before anything is published.
		await analyst.getByTestId('check').click();
		await expect.poll(() => analyst.getByTestId('diff').isVisible(), { timeout: 60_000 }).toBe(true);
		const diff = await analyst.getByTestId('diff').innerText();
		expect(diff).toContain(`阶次「${tier}」 › 适用情形`);
		expect(diff).toContain(NEW_TEXT);
		const impact = await analyst.getByTestId('impact').innerText();
		expect(Number(/已决定 (\d+) 件/.exec(impact)?.[1])).toBeGreaterThan(0);

		await analyst.getByTestId('publish').click();
		await expect
			.poll(
				() =>
					analyst
						.getByTestId('published')
						.isVisible()
						.catch(() => false),
				{ timeout: 120_000 }
			)
			.toBe(true);
		expect(await analyst.getByTestId('published').innerText()).toContain('已发布第 2 版');
		await analyst.goto(`${base}/catalog`);
		expect(await analyst.getByTestId('versions').innerText()).toContain(NOTE);

		// The flags: a decided case inside its old tier is now outside the new one (R02), judged by version 2.
		await analyst.goto(`${base}/cases/${encodeURIComponent(decidedId)}`);
		const benchmark = await analyst.getByTestId('case-benchmark').innerText();
		expect(benchmark).toContain('第 2 版');
		expect(benchmark).toContain(NEW_TEXT);
		expect(await analyst.locator('[data-testid="case-flags"] li[data-rule="R02"]').count()).toBe(1);

		// The suggestion for a proposal written today shows the tier of the version in force.
		const officer = await signedIn('zhifa');
		await officer.goto(`${base}/suggest?case=${encodeURIComponent(pendingId)}`);
		await expect.poll(() => officer.getByTestId('tier').isVisible(), { timeout: 30_000 }).toBe(true);
		const shown = await officer.getByTestId('tier').innerText();
		expect(shown).toContain(NEW_TEXT);
		expect(shown).toContain(statuteMax.toLocaleString('zh-CN'));
		expect(await officer.getByTestId('tier-version').innerText()).toContain('第 2 版');

		// The model page: the shipped model learned under version 1, whose tiers the new version changed.
		await analyst.goto(`${base}/model`);
		expect(await analyst.getByTestId('model-catalog').innerText()).toContain('第 1 版');
		expect(await analyst.getByTestId('catalog-changed').innerText()).toMatch(/第 2 版.*建议重新训练模型/s);
		expect(await analyst.getByRole('button', { name: '用当前数据重新训练' }).count()).toBeGreaterThan(0);

		// The public benchmark: the new text in force, and the history with its date and note.
		const visitor = await browser.newPage();
		await visitor.goto(`${base}/public/benchmark`);
		expect(await visitor.getByTestId('in-force').innerText()).toContain('2000-01-02 起施行');
		expect(await visitor.locator('main, body').first().innerText()).toContain(NEW_TEXT);
		expect(await visitor.getByTestId('history').innerText()).toContain(NOTE);
	}, 240_000);

	it('refuses a draft with an error, naming the item and field in Chinese', async () => {
		const analyst = await signedIn('fenxi');
		await analyst.goto(`${base}/catalog`);
		await analyst.locator(`details[data-code="${ITEM}"] > summary`).click();
		await analyst.locator(`details[data-code="${ITEM}"] [data-testid="tier"][data-tier="${tier}"]`).getByTestId('tier-text').fill('');
		await analyst.getByTestId('effective').fill('2001-01-01');
		await analyst.getByTestId('check').click();
		await expect.poll(() => analyst.getByTestId('problems').isVisible(), { timeout: 30_000 }).toBe(true);
		expect(await analyst.getByTestId('problems').innerText()).toMatch(new RegExp(`事项「[^」]+」（${ITEM}） › 第 \\d+ 个阶次 › 适用情形：不能为空`));
		expect(await analyst.getByTestId('publish').isDisabled()).toBe(true);
	});
	it('builds a tier condition from the circumstance fields, operators and any/all, and shows it in words', async () => {
		const analyst = await signedIn('fenxi');
		await analyst.goto(`${base}/catalog`);
		await analyst.locator(`details[data-code="${ITEM}"] > summary`).click();
		const row = analyst.locator(`details[data-code="${ITEM}"] [data-testid="tier"][data-tier="从轻"]`);
		const group = row.getByTestId('condition-group').first();
		await group.locator('legend select').selectOption('any');
		await group.getByTestId('comparison').first().getByLabel('取值').fill('30');
		await group.getByRole('button', { name: '添加条件', exact: true }).click();
		const added = group.getByTestId('comparison').last();
		await added.getByLabel('情节').selectOption('prior_violations');
		await added.getByLabel('比较').selectOption('<');
		await added.getByLabel('取值').fill('2');
		await analyst.getByTestId('effective').fill('2001-06-01');
		await analyst.getByTestId('check').click();
		await expect.poll(() => analyst.getByTestId('diff').isVisible(), { timeout: 60_000 }).toBe(true);
		const line = analyst.locator('[data-testid="diff"] tr', { hasText: '阶次「从轻」 › 适用条件' });
		const after = await line.locator('td.now').innerText();
		expect(after).toMatch(/^涉及职工人数 ≤ 30 或 /);
		expect(after).toMatch(/ 或 前科次数 < 2$/);
		expect(await line.locator('td.was').innerText()).toMatch(/^涉及职工人数 ≤ 20 且 /);
	});
	it('exports a version as JSON and loads a JSON file into the editor', async () => {
		const analyst = await signedIn('fenxi');
		const res = await analyst.request.get(`${base}/catalog/export?version=1`);
		expect(res.status()).toBe(200);
		const v1 = (await res.json()) as { name: string; version: string; items: { code: string }[] };
		expect([v1.version, v1.items.length]).toEqual([catalog.version, catalog.items.length]);
		expect((await analyst.request.get(`${base}/catalog/export?version=99`)).status()).toBe(404);

		await analyst.goto(`${base}/catalog`);
		const file = {
			name: 'mine.json',
			mimeType: 'application/json',
			buffer: Buffer.from(JSON.stringify({ ...v1, name: '本中心事项清单（导入）', version: '2027.1' }))
		};
		await analyst.getByTestId('import-file').setInputFiles(file);
		await expect.poll(() => analyst.getByTestId('draft-label').inputValue()).toBe('2027.1');
		await analyst.getByTestId('effective').fill('2002-01-01');
		await analyst.getByTestId('check').click();
		await expect.poll(() => analyst.getByTestId('diff').isVisible(), { timeout: 60_000 }).toBe(true);
		const diff = await analyst.getByTestId('diff').innerText();
		expect(diff).toContain('本中心事项清单（导入）');
		expect(diff).toContain('2027.1');
	});
});
