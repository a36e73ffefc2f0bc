import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openMigrated } from '../src/lib/server/db';
import { copyDatabaseWithAudit } from '../src/lib/server/audit';
import { createToken } from '../src/lib/server/auth';
import { PUBLICITY_COLUMNS } from '../src/lib/domain/publicity';
import type { FeedPage } from '../src/lib/domain/publicity-feed';
import { launchBrowser, signIn } from './browser';
import { freePort } from '../scripts/free-port';

/**
 * Publicity is counted to a day: this file runs its own server on a copy of the e2e data with the day fixed at the
 * demo's snapshot, so that the same decisions are on publicity whenever the tests run, and its withdrawals do not
 * change what the other files count.
 */
const TODAY = '2025-12-31';
const accounts = inject('accounts');
const artifacts = inject('artifacts');
const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'equitas-publicity-'));
let server: ChildProcess;
let baseUrl: string;
let token: string;
let browser: Browser;
let log = '';

async function pull(since: string): Promise<FeedPage> {
	const r = await fetch(`${baseUrl}/api/public/decisions?since=${since}&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
	expect(r.status).toBe(200);
	return (await r.json()) as FeedPage;
}

/** Every page of the feed after `since`, and the cursor at its end. */
async function pullAll(since: string): Promise<{ decisions: FeedPage['decisions']; cursor: string }> {
	const all: FeedPage['decisions'] = [];
	for (let cursor = since; ;) {
		const page = await pull(cursor);
		all.push(...page.decisions);
		cursor = page.cursor;
		if (!page.has_more) return { decisions: all, cursor };
	}
}

beforeAll(async () => {
	const db = join(dir, 'publicity.duckdb');
	copyDatabaseWithAudit(inject('cliDb'), db);
	const d = await openMigrated(db);
	token = (await createToken(d, '市公示平台', ['publicity'], 'e2e')).token;
	// As an export without the publication date would leave them: one decision still in time, one overdue.
	const pick = async (from: string, to: string) =>
		(
			await d.query<{ case_id: string }>(
				`SELECT case_id FROM cases WHERE category = '行政处罚' AND list_contains(penalty_types, '罚款') AND published_on IS NOT NULL AND withdrawn_on IS NULL
				   AND decided_on BETWEEN CAST(? AS DATE) AND CAST(? AS DATE) ORDER BY decided_on DESC, case_id LIMIT 1`,
				[from, to]
			)
		)[0]?.case_id ?? '';
	const [recent, older] = [await pick('2025-12-01', '2025-12-31'), await pick('2025-11-01', '2025-11-30')];
	await d.run(`UPDATE cases SET decided_on = DATE '2025-12-29', published_on = NULL WHERE case_id = ?`, [recent]);
	await d.run(`UPDATE cases SET published_on = NULL WHERE case_id = ?`, [older]);
	await d.close();
	const port = await freePort();
	baseUrl = `http://127.0.0.1:${port}`;
	server = spawn(process.execPath, [join(root, 'scripts/serve.js')], {
		cwd: root,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', EQUITAS_DB: db, EQUITAS_TODAY: TODAY, EQUITAS_MODEL: inject('modelDir') },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	server.stdout?.on('data', (b: Buffer) => (log += b.toString()));
	server.stderr?.on('data', (b: Buffer) => (log += b.toString()));
	for (let i = 0; ; i++) {
		if (server.exitCode !== null) throw new Error(`the publicity server exited:\n${log}`);
		if (
			await fetch(`${baseUrl}/health`).then(
				(r) => r.ok,
				() => false
			)
		)
			break;
		if (i > 240) throw new Error(`the publicity server did not start:\n${log}`);
		await new Promise((r) => setTimeout(r, 250));
	}
	browser = await launchBrowser();
});

afterAll(async () => {
	await browser?.close();
	if (server && server.exitCode === null) {
		const exited = new Promise((r) => server.once('exit', r));
		server.kill('SIGTERM');
		await exited;
	}
	rmSync(dir, { recursive: true, force: true });
});

async function anonymousPage(): Promise<Page> {
	return (await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
}

describe('公示网站 (public pages, no sign-in)', () => {
	it('opens every public page without signing in', async () => {
		const page = await anonymousPage();
		const pages: [string, string, string][] = [
			['/public', '执法主体', 'public-home'],
			['/public/catalog', '单位不办理住房公积金缴存登记', 'public-catalog'],
			['/public/benchmark', '从重', 'public-benchmark'],
			['/public/officers', '执法证号', 'public-officers'],
			['/public/flow', '法制审核', 'public-flow'],
			['/public/guide', '行政复议', 'public-guide'],
			['/public/decisions', '行政处罚决定公示', 'public-decisions']
		];
		for (const [path, text, shot] of pages) {
			const r = await page.goto(`${baseUrl}${path}`);
			expect(r?.status(), path).toBe(200);
			expect(new URL(page.url()).pathname, path).toBe(path);
			expect(await page.locator('main').textContent(), path).toContain(text);
			await page.screenshot({ path: join(artifacts, `${shot}.png`), fullPage: true });
		}
		await page.goto(`${baseUrl}/public/flow`);
		expect(await page.getByTestId('flow-penalty').locator('li').count()).toBeGreaterThan(8);
		const officers = (await page.goto(`${baseUrl}/public/officers`), await page.getByTestId('officers').textContent()) ?? '';
		expect(officers).toMatch(/至/);
		await page.context().close();
	});

	it('lists published decisions with natural persons’ ID numbers masked, and searches them', async () => {
		const page = await anonymousPage();
		await page.goto(`${baseUrl}/public/decisions`, { waitUntil: 'networkidle' });
		const total = Number((await page.getByTestId('decision-total').textContent())?.match(/(\d+)\s*件/)?.[1]);
		expect(total).toBeGreaterThan(0);
		const html = await page.content();
		// No full 18-character ID number anywhere on the page (credit codes of organisations have letters).
		expect(html).not.toMatch(/\b\d{17}[\dX]\b/);
		const first = (await page.getByTestId('decisions').locator('tbody tr summary').first().textContent())?.trim() ?? '';
		await page.getByLabel(/查询/).fill(first);
		await page.getByRole('button', { name: '查询' }).click();
		await page.waitForURL(/q=/);
		expect(await page.getByTestId('decision-total').textContent()).toContain('共 1 件');
		await page.context().close();
	});
});

describe('执法公示 (staff): due list, export, withdrawal and the data API', () => {
	it('shows the due and overdue decisions to a reviewer, and publishes one', async () => {
		const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
		const page = await context.newPage();
		await signIn(page, baseUrl, accounts.reviewer, accounts.password);
		await page.goto(`${baseUrl}/publicity`);
		expect(await page.getByTestId('publicity-summary').textContent()).toMatch(/2\s*待公示/);
		await page.screenshot({ path: join(artifacts, 'publicity-staff.png'), fullPage: true });
		const due = page.getByTestId('due').locator('tbody tr');
		expect(await due.count()).toBe(2);
		// Oldest first: the overdue one leads, highlighted, with the working days it is late.
		expect(await due.first().getAttribute('class')).toContain('overdue');
		expect(await due.first().textContent()).toMatch(/已逾期 \d+ 个工作日/);
		expect(await due.nth(1).textContent()).toMatch(/剩 \d+ 个工作日/);
		const no = (await due.first().locator('td').first().textContent())?.trim() ?? '';
		await due.first().getByRole('button', { name: '标记为今日公示' }).click();
		await page.getByRole('status').waitFor();
		expect(await due.count()).toBe(1);
		await page.goto(`${baseUrl}/publicity/published?q=${encodeURIComponent(no)}`);
		expect(await page.getByTestId('published').textContent()).toContain(no);
		await context.close();
	});

	it('exports the 双公示 CSV with a BOM and the format’s columns', async () => {
		const context = await browser.newContext({ acceptDownloads: true });
		const page = await context.newPage();
		await signIn(page, baseUrl, accounts.leader, accounts.password);
		await page.goto(`${baseUrl}/publicity/published`);
		await page.screenshot({ path: join(artifacts, 'publicity-published.png'), fullPage: true });
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
		const path = join(artifacts, 'publicity.csv');
		await download.saveAs(path);
		const bytes = readFileSync(path);
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const header = bytes.toString('utf8', 3).split('\r\n')[0] ?? '';
		expect(header).toBe(PUBLICITY_COLUMNS.map((c) => `"${c}"`).join(','));
		expect(bytes.toString('utf8')).not.toMatch(/"\d{17}[\dX]"/);
		// Leadership reads and exports but does not withdraw.
		expect(await page.getByRole('link', { name: '撤回公示' }).count()).toBe(0);
		await context.close();
	});

	it('withdraws a decision: the public page drops it, shows the notice, and the next pull reports it once', async () => {
		const start = await pullAll('0');
		expect(start.decisions.length).toBeGreaterThan(0);
		expect((await pull(start.cursor)).decisions).toEqual([]);

		const visitor = await anonymousPage();
		await visitor.goto(`${baseUrl}/public/decisions`);
		const no = (await visitor.getByTestId('decisions').locator('tbody tr summary').first().textContent())?.trim() ?? '';
		expect(no).not.toBe('');
		expect(start.decisions.some((d) => d.decision_no === no && d.change !== 'withdrawn')).toBe(true);

		const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		await signIn(page, baseUrl, accounts.reviewer, accounts.password);
		await page.goto(`${baseUrl}/publicity/published?q=${encodeURIComponent(no)}`);
		await page.getByTestId('published').getByRole('link', { name: '撤回公示' }).click();
		await page.waitForURL(/\/publicity\/withdraw\?/);
		expect(await page.getByTestId('withdraw-decision').textContent()).toBe(no);
		await page.getByLabel('撤回依据').selectOption('行政复议撤销');
		await page.getByLabel('复议决定或裁判日期').fill('2025-12-29');
		expect(await page.getByTestId('r09').textContent()).toContain('2026-01-01');
		await page.getByLabel(/撤回理由/).fill('行政复议决定撤销原处罚决定，依法撤回公示');
		await page.screenshot({ path: join(artifacts, 'publicity-withdraw.png'), fullPage: true });
		await page.getByRole('button', { name: '确认撤回' }).click();
		await page.waitForURL(/\/publicity\/withdrawn/);
		const withdrawn = (await page.getByTestId('withdrawn').textContent()) ?? '';
		expect(withdrawn).toContain(no);
		expect(withdrawn).toContain('按时');
		await context.close();

		await visitor.goto(`${baseUrl}/public/decisions?q=${encodeURIComponent(no)}`);
		expect(await visitor.getByTestId('decision-total').textContent()).toContain('共 0 件');
		expect(await visitor.getByTestId('withdrawals').textContent()).toContain('行政复议决定撤销原处罚决定');
		await visitor.context().close();

		const next = await pullAll(start.cursor);
		expect(next.decisions).toHaveLength(1);
		expect(next.decisions[0]).toMatchObject({
			decision_no: no,
			change: 'withdrawn',
			record: null,
			withdrawal: { ground: '行政复议撤销', withdrawn_on: TODAY }
		});
		expect((await pull(next.cursor)).decisions).toEqual([]);
	});

	it('refuses the API without a token, and a bad cursor', async () => {
		expect((await fetch(`${baseUrl}/api/public/decisions`)).status).toBe(401);
		const bad = await fetch(`${baseUrl}/api/public/decisions?since=abc`, { headers: { authorization: `Bearer ${token}` } });
		expect(bad.status).toBe(400);
	});
});
