import { resolve } from 'node:path';
import { openDatabase, type Database } from './database';
import { migrate } from './migrations';
import { normalizeMacros } from './sql-normalize';
import { explainStorage } from './storage-errors';

export type { Database, Queryable, Param, Params } from './database';
export type { Row, SqlValue } from './convert';
export { configuredMemoryLimit, openDatabase, queryable, transactionOn } from './database';
export { migrate, MIGRATIONS } from './migrations';
export { alignFieldColumns, FIELD_STEP_BASE, FIELD_TABLES, FieldColumnError, planFieldColumns, SQL_TYPE, type FieldColumn } from './field-columns';
export { lit } from './sql-literal';
export { instantSql } from './instant';
export { normalizeMacros, settledExpr, valueExpr } from './sql-normalize';
export { decimalToFen, toPlain } from './convert';

export const DEFAULT_DB_PATH = 'data/equitas.duckdb';

/** The database file: `--db` of a CLI, else EQUITAS_DB, else data/equitas.duckdb. */
export function databasePath(explicit?: string): string {
	return resolve(explicit ?? process.env.EQUITAS_DB ?? DEFAULT_DB_PATH);
}

/** Opens a database file and brings its schema up to date. */
export async function openMigrated(path: string): Promise<Database> {
	const db = await openDatabase(path).catch((e: unknown) => Promise.reject(explainStorage(e, path)));
	try {
		await migrate(db);
		// The importer's SQL readers live in the database, so every connection has them.
		for (const sql of normalizeMacros()) await db.run(sql);
	} catch (e) {
		await db.close();
		// Opening writes (migrations, macros): a read-only folder or a full disk shows here, at start-up.
		throw explainStorage(e, path);
	}
	return db;
}

let shared: Promise<Database> | null = null;

/** The one database of this process (DuckDB allows one writer per file), opened and migrated on first use. */
export function getDatabase(): Promise<Database> {
	shared ??= openMigrated(databasePath());
	return shared;
}

/** Checkpoints and closes the process's database, if it was opened. */
export async function closeDatabase(): Promise<void> {
	if (!shared) return;
	const db = await shared.catch(() => null);
	shared = null;
	await db?.close();
}

/**
 * Opens the database for a command-line tool. DuckDB lets one process write a file: while the server runs, a
 * tool cannot open it, and says so in words instead of a lock error.
 */
export async function openForCli(path: string): Promise<Database> {
	try {
		return await openMigrated(path);
	} catch (e) {
		const msg = e instanceof Error ? e.message : String(e);
		if (/lock/i.test(msg)) {
			throw new Error(
				`数据库正被另一个进程（通常是正在运行的服务器）使用：${path}\n请先停止服务器，或在网页上完成此操作。\n/ the database is in use by another process (usually the running server): stop it first, or use the web pages.`,
				{ cause: e }
			);
		}
		throw e;
	}
}

/** Checkpoint and clean close on SIGINT/SIGTERM for command-line tools (the server uses its own shutdown hook). */
export function closeOnSignals(db: Database): void {
	const stop = (signal: NodeJS.Signals) => {
		process.stderr.write(`\n收到 ${signal}，正在保存并关闭数据库…\n`);
		db.close().finally(() => process.exit(130));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}
export { dataVersion } from './data-version';
export { explainStorage, storageProblem, StorageError, type StorageProblem } from './storage-errors';
export { cachedOnData, currentDataVersion, dataChanged } from './data-cache';
export { streamRows } from './stream';
