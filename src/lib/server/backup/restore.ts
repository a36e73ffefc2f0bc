import { chmodSync, closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { BACKUP_KEY_FILE, restoreKeyring, sidecarPaths } from '../audit/sidecar';
import { resetAuditHead } from '../audit/log';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { openDatabase, openMigrated, queryable, type Queryable } from '../db';
import { blobPath, filesDir } from '../files';
import { baseTables, quoteIdent, sequencePositions } from './backup';
import { BackupError, readManifest, sha256File, type BackupManifest } from './manifest';
import { msg } from '../../i18n/message';

export interface RestoreResult {
	manifest: BackupManifest;
	/** The restored database file. */
	path: string;
	/** Where the database that was there before went (only with force). */
	replaced: string | null;
	rows: number;
	/** Case-file documents copied into the store (those already there are kept as they are). */
	filesCopied: number;
}

function sqlString(s: string): string {
	return `'${s.replaceAll("'", "''")}'`;
}

/** Checks every file against the manifest before anything is written: a damaged backup is refused whole. */
export async function verifyBackupFiles(dir: string, manifest: BackupManifest): Promise<void> {
	for (const t of manifest.tables) {
		const path = join(dir, t.file);
		if (!existsSync(path)) throw new BackupError(msg('err.backup.lacksFile', { file: t.file, table: t.name }));
		if (statSync(path).size !== t.bytes || (await sha256File(path)) !== t.sha256) {
			throw new BackupError(msg('err.backup.damaged', { file: t.file, table: t.name }));
		}
	}
}

/** The case-file documents a backup holds, each named by its SHA-256 (files/<first two>/<hash>). */
export function* backupDocuments(dir: string, manifest: BackupManifest): Generator<{ name: string; path: string }> {
	const files = manifest.files;
	if (!files || files.count === 0) return;
	const root = join(dir, files.dir);
	for (const sub of readdirSync(root)) for (const name of readdirSync(join(root, sub))) yield { name, path: join(root, sub, name) };
}

/** Puts the backup's case-file documents into the store, each checked against the hash that names it. */
async function restoreCaseFiles(dir: string, manifest: BackupManifest, store: string): Promise<number> {
	let copied = 0;
	for (const { name, path: from } of backupDocuments(dir, manifest)) {
		if ((await sha256File(from)) !== name) throw new BackupError(msg('err.backup.documentDamaged', { name }));
		const to = blobPath(name, store);
		if (existsSync(to)) continue;
		mkdirSync(dirname(to), { recursive: true });
		copyFileSync(from, `${to}.restoring`);
		renameSync(`${to}.restoring`, to);
		// The store keeps its files read-only, as it wrote them.
		chmodSync(to, 0o444);
		copied++;
	}
	return copied;
}

/**
 * EXPORT DATABASE writes macros in name order, so one may come before a macro it calls: statements that fail are
 * run again after the others, until all ran or a round makes no progress (then the first real error is thrown).
 */
async function runSchema(c: DuckDBConnection, sql: string): Promise<void> {
	let extracted = await c.extractStatements(sql);
	let pending = Array.from({ length: extracted.count }, (_, i) => i);
	for (let round = 0; pending.length > 0; round++) {
		// An extracted statement can be prepared once: each round extracts the text again.
		if (round > 0) extracted = await c.extractStatements(sql);
		const failed: { i: number; e: unknown }[] = [];
		for (const i of pending) {
			try {
				await (await extracted.prepare(i)).run();
			} catch (e) {
				failed.push({ i, e });
			}
		}
		if (failed.length === pending.length) throw failed[0]!.e;
		pending = failed.map((f) => f.i);
	}
}

/** Every column filled from a sequence must be below that sequence's next value, or the next insert would collide. */
export async function checkSequences(db: Queryable): Promise<void> {
	const next = new Map((await sequencePositions(db)).map((s) => [s.name, s.next]));
	const cols = await db.query<{ table_name: string; column_name: string; column_default: string }>(
		`SELECT table_name, column_name, column_default FROM duckdb_columns()
		 WHERE database_name = current_database() AND schema_name = 'main' AND column_default LIKE 'nextval(%'`
	);
	for (const col of cols) {
		const seq = /nextval\('([^']+)'/.exec(col.column_default)?.[1];
		if (!seq || !next.has(seq)) continue;
		const [m] = await db.query<{ m: number | null }>(`SELECT max(${quoteIdent(col.column_name)}) AS m FROM ${quoteIdent(col.table_name)}`);
		if (m?.m !== null && m?.m !== undefined && m.m >= next.get(seq)!) {
			throw new BackupError(msg('err.backup.sequence', { sequence: seq, next: next.get(seq) ?? 0, column: `${col.table_name}.${col.column_name}`, max: m.m }));
		}
	}
}

/** Fails with a message when another process (the server) holds the file: it must be stopped before a restore. */
async function assertNotInUse(path: string): Promise<void> {
	try {
		const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
		instance.closeSync();
	} catch (e) {
		const text = e instanceof Error ? e.message : String(e);
		if (/lock/i.test(text)) {
			throw new BackupError(msg('err.backup.inUse', { path }));
		}
		// An unreadable or damaged file is what a restore is for: it is replaced, not opened.
	}
}

function stamp(): string {
	return new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
}

function fsyncDir(path: string): void {
	const fd = openSync(path, 'r');
	try {
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}

/** The restored log's key file and head: the replaced database's head is kept beside it, not compared with the backup. */
async function restoreAuditFiles(from: string, path: string, keep: string): Promise<void> {
	const { keyFile, headFile } = sidecarPaths(path);
	if (existsSync(keyFile)) copyFileSync(keyFile, `${keep}.audit-key`);
	if (existsSync(headFile)) renameSync(headFile, `${keep}.audit-head`);
	restoreKeyring(join(from, BACKUP_KEY_FILE), path);
	const db = await openMigrated(path);
	try {
		await resetAuditHead(db);
	} finally {
		await db.close();
	}
}

/**
 * Restores a backup into `target`. The database is built in a new file beside it, checked (row counts against the
 * manifest, sequences ahead of every id), then renamed into place, so a failed restore leaves `target` as it was.
 * An existing database is replaced only with `force`, and is then kept beside it as `<name>.before-restore-<time>`.
 */
export async function restoreDatabase(dir: string, target: string, options: { force?: boolean; filesDir?: string } = {}): Promise<RestoreResult> {
	const from = resolve(dir);
	const path = resolve(target);
	const manifest = readManifest(from);
	const exists = existsSync(path);
	if (exists && !options.force) {
		throw new BackupError(msg('err.backup.exists', { path }));
	}
	if (exists) await assertNotInUse(path);
	await verifyBackupFiles(from, manifest);

	const tmp = `${path}.restoring-${process.pid}`;
	const clean = () => {
		rmSync(tmp, { force: true });
		rmSync(`${tmp}.wal`, { force: true });
	};
	clean();
	let rows = 0;
	try {
		const db = await openDatabase(tmp, { connections: 1 });
		try {
			const schema = await readFile(join(from, manifest.schemaFile), 'utf8');
			await db.withConnection((c) => runSchema(c, schema));
			await db.transaction(async (tx) => {
				for (const t of manifest.tables) {
					await tx.run(`COPY ${quoteIdent(t.name)} FROM ${sqlString(join(from, t.file))} (FORMAT parquet)`);
				}
			});
			const tables = new Set(await baseTables(db));
			for (const t of manifest.tables) {
				if (!tables.has(t.name)) throw new BackupError(msg('err.backup.tableMissing', { table: t.name }));
				const [n] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${quoteIdent(t.name)}`);
				if ((n?.n ?? -1) !== t.rows) {
					throw new BackupError(msg('err.backup.rowCount', { table: t.name, restored: n?.n ?? 0, rows: t.rows }));
				}
				rows += t.rows;
			}
			await db.withConnection((c) => checkSequences(queryable(c)));
		} finally {
			await db.close();
		}
		// Brings a backup of an older version up to this one's schema and puts the importer's SQL macros back.
		await (await openMigrated(tmp)).close();
	} catch (e) {
		clean();
		throw e;
	}

	// Documents first: should copying them fail, the database that was there stays (extra documents are harmless).
	let filesCopied: number;
	try {
		filesCopied = await restoreCaseFiles(from, manifest, options.filesDir ?? filesDir());
	} catch (e) {
		clean();
		throw e;
	}
	let replaced: string | null = null;
	const when = stamp();
	if (exists) {
		replaced = `${path}.before-restore-${when}`;
		renameSync(path, replaced);
	}
	// A WAL left beside the old file belongs to it: it must not be replayed into the restored one.
	if (existsSync(`${path}.wal`)) renameSync(`${path}.wal`, `${path}.before-restore-${when}.wal`);
	renameSync(tmp, path);
	fsyncDir(dirname(path));
	await restoreAuditFiles(from, path, `${path}.before-restore-${when}`);
	return { manifest, path, replaced, rows, filesCopied };
}
