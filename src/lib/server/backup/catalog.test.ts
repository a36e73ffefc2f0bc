import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { loadCatalog } from '../catalog';
import { loadCalendar } from '../calendar';
import { seedDemo } from '../demo';
import { addDemoAccounts } from '../auth';
import { listAudit } from '../audit';
import { BackupBusyError, backupsDir, listBackups, pruneBackups, readManifest, restoreDatabase, restoreCommand, takeBackup, verifyBackup } from './index';

const work = mkdtempSync(join(tmpdir(), 'equitas-backups-'));
const files = join(work, 'files');
let db: Database;

/** An instant given as China time, the clock backup folders are named by. */
const cst = (s: string) => new Date(`${s}+08:00`);

beforeAll(async () => {
	db = await openMigrated(join(work, 'db.duckdb'));
	await seedDemo(db, loadCatalog(), loadCalendar(), { dir: join(work, 'demo'), cases: 60, seed: 3 });
	await addDemoAccounts(db);
}, 120_000);

afterAll(async () => {
	await db?.close();
	rmSync(work, { recursive: true, force: true });
});

describe('where backups go', () => {
	it('is EQUITAS_BACKUPS, else a backups folder beside the database file', () => {
		const saved = { b: process.env.EQUITAS_BACKUPS, d: process.env.EQUITAS_DB };
		try {
			process.env.EQUITAS_BACKUPS = '/srv/equitas-backups';
			expect(backupsDir()).toBe('/srv/equitas-backups');
			delete process.env.EQUITAS_BACKUPS;
			process.env.EQUITAS_DB = '/var/lib/equitas/equitas.duckdb';
			expect(backupsDir()).toBe('/var/lib/equitas/backups');
			expect(restoreCommand('/var/lib/equitas/backups/equitas-20260305-020000')).toMatch(
				/^npm run -s restore -- \/var\/lib\/equitas\/backups\/equitas-20260305-020000 --db \/var\/lib\/equitas\/equitas\.duckdb --files \S+ --force$/
			);
			expect(restoreCommand("/tmp/it's here")).toContain(`'/tmp/it'\\''s here'`);
		} finally {
			for (const [k, v] of [
				['EQUITAS_BACKUPS', saved.b],
				['EQUITAS_DB', saved.d]
			] as const) {
				if (v === undefined) delete process.env[k];
				else process.env[k] = v;
			}
		}
	});
});

describe('taking, listing and checking backups', () => {
	const dir = join(work, 'taken');

	it('names a backup by the China-time clock, adds -2 when that name is taken, lists it complete and audits it', async () => {
		const at = cst('2026-03-05T02:00:07');
		const first = await takeBackup(db, { user: 'admin', kind: 'manual', ip: '10.0.0.8' }, { dir, filesDir: files, now: at });
		const second = await takeBackup(db, { user: 'system', kind: 'scheduled' }, { dir, filesDir: files, now: at });
		expect(first.name).toBe('equitas-20260305-020007');
		expect(second.name).toBe('equitas-20260305-020007-2');

		const listed = listBackups(dir);
		expect(listed.map((b) => b.name)).toEqual([second.name, first.name]);
		const one = listed.find((b) => b.name === first.name)!;
		const manifest = readManifest(join(dir, first.name));
		expect(one).toMatchObject({
			complete: true,
			problem: null,
			kind: 'manual',
			takenBy: 'admin',
			tables: manifest.tables.length,
			schemaVersion: manifest.schemaVersion
		});
		expect(one.rows).toBe(manifest.tables.reduce((s, t) => s + t.rows, 0));
		expect(one.rows).toBe(first.rows);
		expect(one.bytes).toBeGreaterThan(0);
		expect(listed[0]!.kind).toBe('scheduled');

		const audit = await listAudit(db, { action: 'export', limit: 10, offset: 0 });
		const entry = audit.rows.find((e) => e.target_id === first.path);
		expect(entry).toMatchObject({ actor: 'admin', target_type: 'backup', ip: '10.0.0.8' });
		expect(JSON.parse(entry!.detail ?? '{}')).toMatchObject({ kind: 'backup', trigger: 'manual', rows: first.rows });
	});

	it('refuses a second backup while one is being taken, with a message that says so', async () => {
		const a = takeBackup(db, { user: 'admin', kind: 'manual' }, { dir, filesDir: files });
		const b = takeBackup(db, { user: 'admin', kind: 'manual' }, { dir, filesDir: files });
		await expect(b).rejects.toThrow(BackupBusyError);
		await expect(b).rejects.toThrow(/另一个备份（equitas-\d{8}-\d{6}(-\d+)?）正在进行/);
		const done = await a;
		expect(listBackups(dir).find((x) => x.name === done.name)?.complete).toBe(true);
	});

	it('lists a folder without a manifest, with a broken one, or left half-written, as incomplete with the reason', () => {
		mkdirSync(join(dir, 'equitas-20250101-020000'));
		mkdirSync(join(dir, 'equitas-20250102-020000'));
		writeFileSync(join(dir, 'equitas-20250102-020000', 'manifest.json'), '{ not json');
		mkdirSync(join(dir, 'equitas-20250103-020000.partial-4242-1735840800000'));
		writeFileSync(join(dir, 'a-stray-file.txt'), 'not a folder');
		const byName = new Map(listBackups(dir).map((b) => [b.name, b]));
		expect(byName.get('equitas-20250101-020000')).toMatchObject({ complete: false, problem: expect.stringMatching(/缺少 manifest\.json/) });
		expect(byName.get('equitas-20250102-020000')).toMatchObject({ complete: false, problem: expect.stringMatching(/无法解析/) });
		expect(byName.get('equitas-20250103-020000.partial-4242-1735840800000')).toMatchObject({ complete: false, problem: expect.stringMatching(/^未完成/) });
		expect(byName.has('a-stray-file.txt')).toBe(false);
		expect(listBackups(join(work, 'never-made'))).toEqual([]);
	});

	it('verifies a backup by its hashes, and names the damaged file', async () => {
		const [newest] = listBackups(dir).filter((b) => b.complete);
		const ok = await verifyBackup(dir, newest!.name);
		expect(ok).toMatchObject({ ok: true, rows: newest!.rows });

		const path = join(dir, newest!.name);
		const cases = readManifest(path).tables.find((t) => t.name === 'cases')!;
		const original = readFileSync(join(path, cases.file));
		const damaged = Buffer.from(original);
		damaged[damaged.length >> 1]! ^= 0xff;
		writeFileSync(join(path, cases.file), damaged);
		try {
			const bad = await verifyBackup(dir, newest!.name);
			expect(bad.ok).toBe(false);
			if (!bad.ok) expect(bad.problems.join('\n')).toMatch(/备份文件已损坏或被改动.*表 cases/);
		} finally {
			writeFileSync(join(path, cases.file), original);
		}
		const missing = await verifyBackup(dir, 'equitas-20250101-020000');
		expect(missing.ok).toBe(false);
		if (!missing.ok) expect(missing.problems[0]).toMatch(/缺少 manifest\.json/);
	});

	it('takes names from the listing only: a path from a form is refused before it reaches the disk', async () => {
		writeFileSync(join(work, 'manifest.json'), '{}');
		for (const name of ['..', '../taken', 'equitas-x/../../', '/etc', 'a\\b', '', 'equitas-29990101-000000']) {
			await expect(verifyBackup(dir, name), name).rejects.toThrow(/备份名称无效|没有名为/);
		}
	});

	it('restores a backup the page took (the kind note beside it does not disturb the restore)', async () => {
		const [newest] = listBackups(dir).filter((b) => b.complete);
		const r = await restoreDatabase(join(dir, newest!.name), join(work, 'restored.duckdb'), { filesDir: join(work, 'files-restored') });
		expect(r.rows).toBe(newest!.rows);
	});
});

describe('pruning', () => {
	const dir = join(work, 'pruned');

	it('removes the oldest complete scheduled backups beyond the number to keep, never manual or incomplete ones', async () => {
		const manual = await takeBackup(db, { user: 'admin', kind: 'manual' }, { dir, filesDir: files, now: cst('2026-03-01T09:00:00') });
		const scheduled: string[] = [];
		for (const day of ['02', '03', '04']) {
			scheduled.push((await takeBackup(db, { user: 'system', kind: 'scheduled' }, { dir, filesDir: files, now: cst(`2026-03-${day}T02:00:00`) })).name);
		}
		mkdirSync(join(dir, 'equitas-20260201-020000'));
		const removed = pruneBackups(dir, 1);
		expect(removed.sort()).toEqual(scheduled.slice(0, 2).sort());
		for (const name of removed) expect(existsSync(join(dir, name))).toBe(false);
		expect(
			listBackups(dir)
				.map((b) => b.name)
				.sort()
		).toEqual([manual.name, scheduled[2], 'equitas-20260201-020000'].sort());
		expect(pruneBackups(dir, 1)).toEqual([]);
		expect(() => pruneBackups(dir, 0)).toThrow(RangeError);
	});
});
