import {
	chmodSync,
	closeSync,
	copyFileSync,
	existsSync,
	fsyncSync,
	mkdirSync,
	openSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { queryable, type Database, type Queryable } from '../db';
import { blobPath, filesDir } from '../files';
import { BACKUP_KEY_FILE, sidecarOf, writeKeyringCopy } from '../audit/sidecar';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BackupError, MANIFEST_FILE, sha256File, type BackupManifest, type BackupTable } from './manifest';
import { msg } from '../../i18n/message';

/**
 * A backup is DuckDB's `EXPORT DATABASE … (FORMAT parquet)` run inside one read transaction of the process that
 * holds the database, next to the row counts and sequence positions read in the same transaction.
 *
 * Why this and not a copy of the database file: DuckDB lets one process open a file, so only the server can
 * read it while it runs; a file copy would need every writer stopped between a CHECKPOINT and the end of the
 * copy, while a transaction sees one snapshot however long the export takes and lets imports and reviews go on.
 * Parquet files are also readable by any later DuckDB (a database file is tied to its storage version) and by
 * other engines, which is the way past one machine (docs/scale.md).
 */

function sqlString(s: string): string {
	return `'${s.replaceAll("'", "''")}'`;
}

function fsyncPath(path: string): void {
	const fd = openSync(path, 'r');
	try {
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}

/** A backup holds every table unmasked (password hashes too): its folders 0700 and files 0600, the server user's alone. */
function ownerOnly(dir: string): void {
	chmodSync(dir, 0o700);
	for (const e of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, e.name);
		if (e.isDirectory()) ownerOnly(p);
		else chmodSync(p, 0o600);
	}
}

/** The database's own tables (not those of an attached database, nor temporary ones). */
export async function baseTables(db: Queryable): Promise<string[]> {
	const rows = await db.query<{ name: string }>(
		`SELECT table_name AS name FROM information_schema.tables
		 WHERE table_catalog = current_database() AND table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name`
	);
	return rows.map((r) => r.name);
}

export function quoteIdent(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

/** Each sequence's next value: the one the next insert will take. */
export async function sequencePositions(db: Queryable): Promise<{ name: string; next: number }[]> {
	const rows = await db.query<{ name: string; start_value: number; last_value: number | null; increment_by: number }>(
		`SELECT sequence_name AS name, start_value, last_value, increment_by FROM duckdb_sequences()
		 WHERE database_name = current_database() AND NOT temporary ORDER BY sequence_name`
	);
	return rows.map((r) => ({ name: r.name, next: r.last_value === null ? Number(r.start_value) : Number(r.last_value) + Number(r.increment_by) }));
}

/** Which Parquet file holds which table: EXPORT DATABASE writes that in load.sql (it renames files on clashes). */
function filesOf(work: string): Map<string, string> {
	const files = new Map<string, string>();
	for (const line of readFileSync(join(work, 'load.sql'), 'utf8').split('\n')) {
		const m = /^COPY\s+(?:"((?:[^"]|"")+)"|(\S+))\s+FROM\s+'((?:[^']|'')+)'/.exec(line.trim());
		if (m) files.set((m[1] ?? m[2] ?? '').replaceAll('""', '"'), basename(m[3]!.replaceAll("''", "'")));
	}
	return files;
}

/**
 * The case file's documents live outside the database, named by their SHA-256 and never changed or deleted, so
 * copying those that the exported rows name, after the snapshot, gives exactly the snapshot's documents.
 */
async function copyCaseFiles(db: Database, work: string, tables: BackupTable[], store: string): Promise<BackupManifest['files']> {
	const out = { dir: 'files', count: 0, bytes: 0, missing: [] as string[] };
	const table = tables.find((t) => t.name === 'case_files');
	if (!table || table.rows === 0) return out;
	const rows = await db.query<{ sha256: string }>(`SELECT DISTINCT sha256 FROM read_parquet(${sqlString(join(work, table.file))}) ORDER BY 1`);
	for (const { sha256 } of rows) {
		const from = blobPath(sha256, store);
		if (!existsSync(from)) {
			out.missing.push(sha256);
			continue;
		}
		const to = blobPath(sha256, join(work, out.dir));
		mkdirSync(dirname(to), { recursive: true });
		copyFileSync(from, to);
		out.count++;
		out.bytes += statSync(to).size;
	}
	return out;
}

/**
 * Writes a consistent backup of `db` into `dir`, which must not exist yet or be empty. The files go to a sibling
 * folder first and are renamed into place with the manifest last, so `dir` is either a whole backup or absent.
 */
export async function backupDatabase(db: Database, dir: string, options: { filesDir?: string } = {}): Promise<BackupManifest> {
	const target = resolve(dir);
	if (existsSync(target) && (!statSync(target).isDirectory() || readdirSync(target).length > 0)) {
		throw new BackupError(msg('err.backup.folderNotEmpty', { path: target }));
	}
	mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
	const work = `${target}.partial-${process.pid}-${Date.now()}`;
	rmSync(work, { recursive: true, force: true });

	try {
		const snapshot = await db.withConnection(async (c) => {
			const q = queryable(c);
			// One transaction: the counts, the sequence positions and the exported rows are the same snapshot.
			await c.run('BEGIN TRANSACTION');
			try {
				const names = await baseTables(q);
				const counts = new Map<string, number>();
				for (const n of names) counts.set(n, (await q.query<{ n: number }>(`SELECT count(*) AS n FROM ${quoteIdent(n)}`))[0]?.n ?? 0);
				const sequences = await sequencePositions(q);
				const [v] = await q.query<{ v: string }>('SELECT version() AS v');
				const hasMigrations = names.includes('schema_migrations');
				const [s] = hasMigrations ? await q.query<{ s: number | null }>('SELECT max(version) AS s FROM schema_migrations') : [];
				await c.run(`EXPORT DATABASE ${sqlString(work)} (FORMAT parquet)`);
				await c.run('COMMIT');
				return { counts, sequences, duckdbVersion: v?.v ?? '', schemaVersion: s?.s ?? 0 };
			} catch (e) {
				await c.run('ROLLBACK').catch(() => undefined);
				throw e;
			}
		});

		const exported = filesOf(work);
		const tables: BackupTable[] = [];
		for (const [name, rows] of snapshot.counts) {
			const file = exported.get(name);
			if (!file) throw new BackupError(msg('err.backup.exportLacks', { table: name }));
			const path = join(work, file);
			fsyncPath(path);
			tables.push({ name, file, rows, bytes: statSync(path).size, sha256: await sha256File(path) });
		}
		const files = await copyCaseFiles(db, work, tables, options.filesDir ?? filesDir());
		// load.sql names the files by the folder they were written to; point it at the final folder, so that
		// DuckDB's own IMPORT DATABASE works on the backup too.
		const load = join(work, 'load.sql');
		writeFileSync(load, readFileSync(load, 'utf8').replaceAll(`${work.replaceAll("'", "''")}/`, `${target.replaceAll("'", "''")}/`));
		const manifest: BackupManifest = {
			format: BACKUP_FORMAT,
			formatVersion: BACKUP_FORMAT_VERSION,
			createdAt: new Date().toISOString(),
			source: db.path,
			duckdbVersion: snapshot.duckdbVersion,
			schemaVersion: snapshot.schemaVersion,
			tables,
			sequences: snapshot.sequences,
			schemaFile: 'schema.sql',
			files
		};
		// Read after the snapshot: the key file only gains keys, so it holds every key the exported entries need.
		const ring = sidecarOf(db).readKeyring();
		if (ring) writeKeyringCopy(ring, join(work, BACKUP_KEY_FILE));
		writeFileSync(join(work, MANIFEST_FILE), JSON.stringify(manifest, null, '\t') + '\n');
		ownerOnly(work);
		for (const f of ['schema.sql', 'load.sql', MANIFEST_FILE]) fsyncPath(join(work, f));
		if (existsSync(target)) rmSync(target, { recursive: true });
		renameSync(work, target);
		fsyncPath(dirname(target));
		return manifest;
	} catch (e) {
		rmSync(work, { recursive: true, force: true });
		throw e;
	}
}
