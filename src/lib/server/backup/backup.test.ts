import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { loadCatalog } from '../catalog';
import { loadCalendar } from '../calendar';
import { seedDemo } from '../demo';
import { addDemoAccounts, addUser, createSession, createToken, ensureAdmin } from '../auth';
import { appendAudit, verifyAudit } from '../audit/log';
import { computeFlags, saveReview } from '../review';
import { ensureCalendarTable } from '../stats';
import { syncFeed } from '../publicity';
import { blobPath, storeStream } from '../files';
import { REVIEW_POINTS } from '../../domain/review-points';
import { backupDatabase, BackupError, MANIFEST_FILE, readManifest, restoreDatabase } from './index';

const dir = mkdtempSync(join(tmpdir(), 'equitas-backup-'));
const source = join(dir, 'source.duckdb');
const store = join(dir, 'files');
/** The one case-file document of the source. */
let docSha = '';
let db: Database;

/** Fills every kind of table a centre's database holds: cases and their batches, accounts, audit, flags, reviews, publicity. */
async function fill(d: Database): Promise<void> {
	const catalog = loadCatalog();
	const cal = loadCalendar();
	await seedDemo(d, catalog, cal, { dir: join(dir, 'demo'), cases: 400, seed: 21 });
	await ensureCalendarTable(d, cal);
	await addDemoAccounts(d);
	await ensureAdmin(d);
	const [admin] = await d.query<{ id: number }>(`SELECT id FROM users WHERE username = 'admin'`);
	await createSession(d, admin!.id, { ip: '127.0.0.1', userAgent: 'test' });
	await createToken(d, '公示平台', ['publicity'], 'admin');
	await computeFlags(d, catalog, cal, null, { threshold: 0.002 });
	const [flag] = await d.query<{ id: number; agency: string; case_id: string }>(
		`SELECT id, agency, case_id FROM flags WHERE status = 'open' ORDER BY id LIMIT 1`
	);
	expect(flag, 'the demo data has rule flags').toBeTruthy();
	await saveReview(d, {
		agency: flag!.agency,
		caseId: flag!.case_id,
		reviewer: 'shenhe',
		submission: {
			points: REVIEW_POINTS.map(() => 'yes'),
			notes: REVIEW_POINTS.map(() => ''),
			result: '通过',
			opinion: '事实清楚，证据确凿，程序合法。',
			disagreement: false,
			resolutions: [{ flag: flag!.id, resolution: 'accepted', reason: '已核实，理由成立' }]
		},
		proposalId: null
	});
	// The demo's decisions are all published by its source system; the agency's own act is one row of its table.
	await d.run(
		`INSERT INTO publicity_acts (agency, case_id, published_on, published_by) SELECT agency, case_id, decided_on, 'admin' FROM cases WHERE decided_on IS NOT NULL ORDER BY case_id LIMIT 1`
	);
	await syncFeed(d, '2026-01-31');
	const doc = await storeStream(Readable.from([Buffer.from('%PDF-1.4 行政处罚决定书')]), 1024 * 1024, store);
	await d.run(
		`INSERT INTO case_files (agency, case_id, stage, doc_type, title, media_type, size_bytes, sha256, source, uploaded_by)
		 SELECT agency, case_id, '决定', '行政处罚决定书', '决定书', 'application/pdf', ?, ?, 'upload', 'zhifa' FROM cases ORDER BY case_id LIMIT 1`,
		[doc.size, doc.sha256]
	);
	docSha = doc.sha256;
	// EXPORT DATABASE writes macros in name order: this one comes before the macro it calls.
	await d.run('CREATE OR REPLACE MACRO zz_base(x) AS x * 2');
	await d.run('CREATE OR REPLACE MACRO aa_uses_zz(x) AS zz_base(x) + 1');
	await appendAudit(d, { actor: 'admin', action: 'export', detail: { note: '含 "引号" 与 \'撇号\'，以及换行\n' } });
}

/** Every table of `a` equals the same table of `b`, row by row (as multisets, with the same column types). */
async function compareDatabases(a: string, b: string): Promise<{ table: string; rows: number }[]> {
	const instance = await DuckDBInstance.create(':memory:');
	const c = await instance.connect();
	try {
		await c.run(`ATTACH '${a}' AS a (READ_ONLY)`);
		await c.run(`ATTACH '${b}' AS b (READ_ONLY)`);
		const columns = async (cat: string) =>
			(
				await c.runAndReadAll(
					`SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_catalog = '${cat}' AND table_schema = 'main' ORDER BY table_name, ordinal_position`
				)
			).getRowObjectsJS();
		expect(await columns('b')).toEqual(await columns('a'));
		const tables = (
			await c.runAndReadAll(
				`SELECT table_name FROM information_schema.tables WHERE table_catalog = 'a' AND table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY 1`
			)
		)
			.getRowObjectsJS()
			.map((r) => String(r.table_name));
		const out: { table: string; rows: number }[] = [];
		for (const t of tables) {
			const one = async (sql: string) => Number((await c.runAndReadAll(sql)).getRows()[0]?.[0] ?? -1);
			const rows = await one(`SELECT count(*) FROM a."${t}"`);
			expect(await one(`SELECT count(*) FROM b."${t}"`), t).toBe(rows);
			expect(await one(`SELECT count(*) FROM (SELECT * FROM a."${t}" EXCEPT ALL SELECT * FROM b."${t}")`), `${t}: rows only in the source`).toBe(0);
			expect(await one(`SELECT count(*) FROM (SELECT * FROM b."${t}" EXCEPT ALL SELECT * FROM a."${t}")`), `${t}: rows only in the restore`).toBe(0);
			out.push({ table: t, rows });
		}
		return out;
	} finally {
		c.closeSync();
		instance.closeSync();
	}
}

beforeAll(async () => {
	db = await openMigrated(source);
	await fill(db);
}, 120_000);

afterAll(async () => {
	await db?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
	const backup = join(dir, 'backup-1');
	const restored = join(dir, 'restored.duckdb');

	it('backs up every table while the database is open and restores it, equal row by row', async () => {
		const manifest = await backupDatabase(db, backup, { filesDir: store });
		expect(existsSync(join(backup, MANIFEST_FILE))).toBe(true);
		expect(manifest.files).toMatchObject({ count: 1, missing: [] });
		const names = manifest.tables.map((t) => t.name);
		for (const t of [
			'cases',
			'case_versions',
			'batches',
			'officers',
			'users',
			'sessions',
			'api_tokens',
			'settings',
			'audit_log',
			'flags',
			'reviews',
			'publicity_acts',
			'publicity_feed',
			'case_files',
			'schema_migrations',
			'working_days'
		]) {
			expect(names, t).toContain(t);
		}
		const counts = Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows]));
		expect(counts.cases).toBeGreaterThan(300);
		expect(counts.reviews).toBe(1);
		expect(counts.publicity_acts).toBe(1);

		// The comparison reads the source file itself, so the source is closed meanwhile.
		await db.close();
		try {
			const newStore = join(dir, 'files-restored');
			const r = await restoreDatabase(backup, restored, { filesDir: newStore });
			expect(r.replaced).toBeNull();
			expect(r.filesCopied).toBe(1);
			expect(readFileSync(blobPath(docSha, newStore))).toEqual(readFileSync(blobPath(docSha, store)));
			const compared = await compareDatabases(source, restored);
			// The table list comes from the source's information_schema, so a table added later is compared too.
			expect(compared.map((t) => t.table)).toEqual(names);
			expect(compared.reduce((s, t) => s + t.rows, 0)).toBe(r.rows);
		} finally {
			db = await openMigrated(source);
		}
	});

	it('keeps the audit chain intact and the sequences ahead of every id', async () => {
		const back = await openMigrated(restored);
		try {
			expect(await back.query('SELECT aa_uses_zz(1) AS v')).toEqual([{ v: 3 }]);
			const chain = await verifyAudit(back);
			expect(chain.ok).toBe(true);
			expect(chain.entries).toBeGreaterThan(3);
			const [maxUser] = await back.query<{ m: number }>('SELECT max(id) AS m FROM users');
			const { user } = await addUser(back, { username: 'huifu', displayName: '恢复后', roles: ['analyst'], password: 'Restored#2026x' });
			expect(user.id).toBe(maxUser!.m + 1);
			const [maxBatch] = await back.query<{ m: number }>('SELECT max(id) AS m FROM batches');
			const [batch] = await back.query<{ id: number }>(`INSERT INTO batches (kind, file_name) VALUES ('cases', 'after-restore.csv') RETURNING id`);
			expect(batch!.id).toBe(maxBatch!.m + 1);
			const [maxReview] = await back.query<{ m: number }>('SELECT max(id) AS m FROM reviews');
			const [review] = await back.query<{ id: number }>(
				`INSERT INTO reviews (agency, case_id, reviewer, checklist, result, opinion) VALUES ('a', 'b', 'shenhe', '[]', '通过', '') RETURNING id`
			);
			expect(review!.id).toBe(maxReview!.m + 1);
			await appendAudit(back, { actor: 'admin', action: 'export' });
			expect((await verifyAudit(back)).ok).toBe(true);
		} finally {
			await back.close();
		}
	});

	it('refuses to overwrite a database without --force, and keeps the replaced one with it', async () => {
		const before = readFileSync(restored);
		await expect(restoreDatabase(backup, restored, { filesDir: join(dir, 'files-restored') })).rejects.toThrow(/数据库已存在.*\n.*--force/s);
		expect(readFileSync(restored).equals(before)).toBe(true);
		const r = await restoreDatabase(backup, restored, { force: true, filesDir: join(dir, 'files-restored') });
		expect(r.replaced).toMatch(/restored\.duckdb\.before-restore-\d{8}-\d{6}$/);
		expect(readFileSync(r.replaced!).equals(before)).toBe(true);
		await db.close();
		try {
			await compareDatabases(source, restored);
		} finally {
			db = await openMigrated(source);
		}
	});

	it('takes one snapshot while writes go on: the backup holds exactly what was committed when it began', async () => {
		const during = join(dir, 'backup-during');
		const writes = (async () => {
			for (let i = 0; i < 30; i++) await appendAudit(db, { actor: 'admin', action: 'export', detail: { i } });
		})();
		const manifest = await backupDatabase(db, during, { filesDir: store });
		await writes;
		const target = join(dir, 'during.duckdb');
		await restoreDatabase(during, target, { filesDir: join(dir, 'files-restored') });
		const back = await openMigrated(target);
		try {
			const [n] = await back.query<{ n: number }>('SELECT count(*) AS n FROM audit_log');
			expect(n!.n).toBe(manifest.tables.find((t) => t.name === 'audit_log')?.rows);
			// Whatever prefix of the 30 appends the snapshot caught, it is a whole chain.
			expect((await verifyAudit(back)).ok).toBe(true);
		} finally {
			await back.close();
		}
	});

	it('refuses a damaged or unfinished backup and leaves no file behind', async () => {
		const target = join(dir, 'never.duckdb');
		const m = readManifest(backup);
		const cases = join(backup, m.tables.find((t) => t.name === 'cases')!.file);
		const original = readFileSync(cases);
		const damaged = Buffer.from(original);
		const at = Math.floor(damaged.length / 2);
		damaged[at] = (damaged[at] ?? 0) ^ 0xff;
		writeFileSync(cases, damaged);
		try {
			await expect(restoreDatabase(backup, target, { filesDir: join(dir, 'files-restored') })).rejects.toThrow(BackupError);
			await expect(restoreDatabase(backup, target, { filesDir: join(dir, 'files-restored') })).rejects.toThrow(/已损坏.*cases/s);
		} finally {
			writeFileSync(cases, original);
		}
		rmSync(join(backup, MANIFEST_FILE));
		await expect(restoreDatabase(backup, target, { filesDir: join(dir, 'files-restored') })).rejects.toThrow(/缺少 manifest\.json/);
		expect(existsSync(target)).toBe(false);
		expect(existsSync(`${target}.restoring-${process.pid}`)).toBe(false);
	});

	it('will not write into a folder that already holds files', async () => {
		await expect(backupDatabase(db, backup, { filesDir: store })).rejects.toThrow(/备份目录已存在且不为空/);
	});
});
