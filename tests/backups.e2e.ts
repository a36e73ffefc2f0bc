/**
 * The administrator's backups page on the built server. It runs its own server, on its own small database with its
 * own administrator and backups folder: the shared server's administrator still has its one-time password (the
 * sign-in tests change it, in whatever order the files run), and the daily schedule is set here to run at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openMigrated } from '../src/lib/server/db';
import { loadCatalog } from '../src/lib/server/catalog';
import { loadCalendar } from '../src/lib/server/calendar';
import { seedDemo } from '../src/lib/server/demo';
import { addDemoAccounts, addUser, DEMO_PASSWORD } from '../src/lib/server/auth';
import type { BackupManifest } from '../src/lib/server/backup';
import { launchBrowser, signIn } from './browser';
import { freePort } from '../scripts/free-port';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'equitas-backups-e2e-'));
const backups = join(work, 'backups');
const ADMIN = 'beifen';
let server: ChildProcess | undefined;
let log = '';
let base = '';
let browser: Browser;
let page: Page;

beforeAll(async () => {
	const dbPath = join(work, 'backups-e2e.duckdb');
	const db = await openMigrated(dbPath);
	await seedDemo(db, loadCatalog(), loadCalendar(), { dir: join(work, 'demo'), cases: 200, seed: 17 });
	await addDemoAccounts(db);
	await addUser(db, { username: ADMIN, displayName: '备份管理员', roles: ['admin'], password: DEMO_PASSWORD });
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
			EQUITAS_BACKUPS: backups,
			// The schedule is checked every second, so that the scheduled backup below comes within the test.
			EQUITAS_BACKUP_CHECK_MS: '1000',
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
	page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
	await signIn(page, base, ADMIN, DEMO_PASSWORD);
}, 180_000);

afterAll(async () => {
	await browser?.close();
	if (server && server.exitCode === null) {
		const exited = new Promise((r) => server?.once('exit', r));
		server.kill('SIGTERM');
		await exited;
	}
	rmSync(work, { recursive: true, force: true });
});

const manifestOf = (name: string) => JSON.parse(readFileSync(join(backups, name, 'manifest.json'), 'utf8')) as BackupManifest;
const zhNumber = (x: number) => new Intl.NumberFormat('zh-CN').format(x);

describe('管理 › 数据备份', () => {
	let taken = '';

	it('takes a backup from the page and lists it complete, with its row count', async () => {
		await page.goto(`${base}/admin/backups`);
		expect(await page.locator('h1').textContent()).toBe('数据备份');
		expect(await page.locator('nav a').allTextContents()).toContain('数据备份');
		expect(await page.getByTestId('schedule-status').textContent()).toContain('自动备份未启用');

		await page.getByRole('button', { name: '立即备份' }).click();
		const message = page.getByTestId('taken');
		await message.waitFor({ timeout: 30_000 });
		taken = /备份完成：(equitas-\d{8}-\d{6}(?:-\d+)?)/.exec((await message.textContent()) ?? '')?.[1] ?? '';
		expect(taken).not.toBe('');

		const rows = manifestOf(taken).tables.reduce((s, t) => s + t.rows, 0);
		expect(rows).toBeGreaterThan(200);
		const row = page.locator(`tr[data-backup="${taken}"]`);
		const cells = await row.locator('td').allTextContents();
		expect(cells[2]).toContain('手动');
		expect(cells[3]?.trim()).toBe(zhNumber(rows));
		expect(cells[6]).toContain('完整');
		expect(cells[6]).not.toContain('不完整');
		// The restore box gives the exact command for it.
		expect(await page.locator(`code#restore-${taken}`).textContent()).toMatch(
			new RegExp(`^npm run -s restore -- ${join(backups, taken)} --db \\S+ --files \\S+ --force$`)
		);
		const restore = page.locator('.restore li', { has: page.locator(`code#restore-${taken}`) });
		await restore.getByRole('button', { name: '复制' }).click();
		await expect.poll(() => restore.getByRole('button').textContent()).toBe('已复制');
	});

	it('lists a folder that is not a whole backup as incomplete, with the reason', async () => {
		mkdirSync(join(backups, 'equitas-20250101-020000'), { recursive: true });
		await page.goto(`${base}/admin/backups`);
		const cells = await page.locator('tr[data-backup="equitas-20250101-020000"] td').allTextContents();
		expect(cells[6]).toContain('不完整');
		expect(cells[6]).toContain('缺少 manifest.json');
		expect(await page.locator('tr[data-backup="equitas-20250101-020000"]').getByRole('button', { name: '校验' }).count()).toBe(0);
	});

	it('verifies it against its hashes, and names a file that was changed since', async () => {
		const row = page.locator(`tr[data-backup="${taken}"]`);
		await row.getByRole('button', { name: '校验' }).click();
		await expect.poll(() => row.getByTestId('verified').textContent(), { timeout: 30_000 }).toContain('校验通过');

		const cases = join(backups, taken, manifestOf(taken).tables.find((t) => t.name === 'cases')!.file);
		const original = readFileSync(cases);
		const damaged = Buffer.from(original);
		damaged[damaged.length >> 1]! ^= 0xff;
		writeFileSync(cases, damaged);
		try {
			await row.getByRole('button', { name: '校验' }).click();
			await expect.poll(() => row.getByTestId('verified').textContent(), { timeout: 30_000 }).toContain('校验未通过');
			expect(await row.getByTestId('verified').textContent()).toContain('表 cases');
			await page.screenshot({ path: '/tmp/admin-backups-damaged.png', fullPage: true });
		} finally {
			writeFileSync(cases, original);
		}
	});

	it('refuses a second backup while one is being taken', async () => {
		const post = () =>
			page.request.post(`${base}/admin/backups?/backup`, {
				headers: { origin: base, accept: 'application/json', 'x-sveltekit-action': 'true' },
				form: {}
			});
		const bodies = await Promise.all([post(), post()].map(async (r) => (await r).text()));
		expect(bodies.filter((b) => b.includes('另一个备份')).length).toBe(1);
		expect(bodies.filter((b) => b.includes('"type":"success"')).length).toBe(1);
	});

	it('keeps what was typed and says why when the schedule is refused, then saves it and runs it', async () => {
		await page.goto(`${base}/admin/backups`);
		await page.getByLabel('每天自动备份').check();
		await page.getByLabel('每天备份时间（北京时间）').fill('25:61');
		await page.getByLabel('保留最近几份自动备份（1–365）').fill('0');
		await page.getByRole('button', { name: '保存设置' }).click();
		await expect.poll(() => page.locator('.schedule [role="alert"]').textContent()).toContain('设置未保存');
		expect(await page.locator('.schedule [role="alert"]').textContent()).toContain('每天备份的时间应为 00:00 至 23:59');
		expect(await page.getByLabel('每天备份时间（北京时间）').inputValue()).toBe('25:61');
		expect(await page.getByLabel('保留最近几份自动备份（1–365）').inputValue()).toBe('0');
		await page.screenshot({ path: '/tmp/admin-backups-refused.png', fullPage: true });

		// 00:00 has always passed today, so the minute check takes today's backup at once.
		await page.getByLabel('每天备份时间（北京时间）').fill('00:00');
		await page.getByLabel('保留最近几份自动备份（1–365）').fill('3');
		await page.getByRole('button', { name: '保存设置' }).click();
		await expect.poll(() => page.locator('.schedule [role="status"]').textContent()).toContain('自动备份设置已保存');
		expect(await page.getByLabel('每天备份时间（北京时间）').inputValue()).toBe('00:00');

		await expect
			.poll(
				async () => {
					await page.goto(`${base}/admin/backups`);
					return page.getByTestId('schedule-status').textContent();
				},
				{ timeout: 30_000, interval: 1_000 }
			)
			.toContain('上次自动备份');
		const status = (await page.getByTestId('schedule-status').textContent()) ?? '';
		expect(status).toContain('下次自动备份');
		// The time is labelled 「（北京时间）」 before the backup's name.
		const scheduled = /上次自动备份：\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）（(equitas-[\d-]+)）/.exec(status)?.[1] ?? '';
		expect(await page.locator(`tr[data-backup="${scheduled}"] td`).nth(2).textContent()).toContain('定时');
		expect(manifestOf(scheduled).tables.length).toBeGreaterThan(10);
		await page.screenshot({ path: join(inject('artifacts'), 'admin-backups.png'), fullPage: true });
		await page.screenshot({ path: '/tmp/admin-backups.png', fullPage: true });
	});

	it('is the administrator’s only: an analyst gets 403', async () => {
		const context = await browser.newContext();
		const analyst = await context.newPage();
		await signIn(analyst, base, 'fenxi', DEMO_PASSWORD);
		expect((await context.request.get(`${base}/admin/backups`, { maxRedirects: 0 })).status()).toBe(403);
		const post = await context.request.post(`${base}/admin/backups?/backup`, { headers: { origin: base }, form: {}, maxRedirects: 0 });
		expect(post.status()).toBe(403);
		expect(await analyst.locator('nav a').allTextContents()).not.toContain('数据备份');
		await context.close();
	});
});
