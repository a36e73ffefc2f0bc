import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { toPlain, type Row } from './convert';
import { explainStorage } from './storage-errors';

/** Bound parameters only: values never enter SQL text. */
export type Param = string | number | boolean | bigint | null;
export type Params = readonly Param[] | Readonly<Record<string, Param>>;

/** What a query runs on: the pool, or one connection inside a transaction. */
export interface Queryable {
	query<T extends object = Row>(sql: string, params?: Params): Promise<T[]>;
	run(sql: string, params?: Params): Promise<void>;
}

export interface Database extends Queryable {
	readonly path: string;
	/** Runs `fn` inside BEGIN … COMMIT on one connection; any error rolls everything back. */
	transaction<T>(fn: (tx: Queryable & { connection: DuckDBConnection }) => Promise<T>): Promise<T>;
	/** Borrows one connection for work that needs it whole (appenders); no one else uses it meanwhile. */
	withConnection<T>(fn: (connection: DuckDBConnection) => Promise<T>): Promise<T>;
	checkpoint(): Promise<void>;
	close(): Promise<void>;
}

function bind(params: Params | undefined): DuckDBValue[] | Record<string, DuckDBValue> | undefined {
	if (params === undefined) return undefined;
	return params as DuckDBValue[] | Record<string, DuckDBValue>;
}

/** Queries on one borrowed connection (inside withConnection). */
export function queryable(connection: DuckDBConnection): Queryable {
	return {
		async query<T extends object = Row>(sql: string, params?: Params): Promise<T[]> {
			const reader = await connection.runAndReadAll(sql, bind(params));
			const names = reader.columnNames();
			return reader.getRows().map((values) => {
				const row: Row = {};
				values.forEach((v, i) => (row[names[i] ?? `col${i}`] = toPlain(v)));
				return row as T;
			});
		},
		async run(sql: string, params?: Params): Promise<void> {
			await connection.run(sql, bind(params)).catch((e: unknown) => Promise.reject(explainStorage(e)));
		}
	};
}

/** BEGIN … COMMIT on a connection already borrowed; any error rolls everything back. */
export async function transactionOn<T>(c: DuckDBConnection, fn: (tx: Queryable & { connection: DuckDBConnection }) => Promise<T>): Promise<T> {
	await c.run('BEGIN TRANSACTION');
	try {
		const result = await fn({ ...queryable(c), connection: c });
		await c.run('COMMIT');
		return result;
	} catch (e) {
		await c.run('ROLLBACK').catch(() => undefined);
		// A commit that cannot reach the disk says so in words (full disk, read-only folder), not as an IO error.
		throw explainStorage(e);
	}
}

/** EQUITAS_DUCKDB_MEMORY caps DuckDB's memory (e.g. '4GB'); unset, DuckDB may use 80% of the machine's. */
export function configuredMemoryLimit(): string | undefined {
	return process.env.EQUITAS_DUCKDB_MEMORY || undefined;
}

/**
 * A small pool of connections over one DuckDB instance. A connection is lent to one caller at a time, so two
 * requests never interleave statements (or transactions) on the same connection.
 */
export async function openDatabase(path: string, options: { connections?: number; readOnly?: boolean } = {}): Promise<Database> {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const config: Record<string, string> = {};
	const memory = configuredMemoryLimit();
	if (memory) config.memory_limit = memory;
	if (options.readOnly) config.access_mode = 'READ_ONLY';
	const instance = await DuckDBInstance.create(path, config);
	const size = Math.max(1, options.connections ?? 4);
	const idle: DuckDBConnection[] = [];
	for (let i = 0; i < size; i++) idle.push(await instance.connect());
	const waiting: ((c: DuckDBConnection) => void)[] = [];
	let busy = 0;
	let closed = false;

	function acquire(): Promise<DuckDBConnection> {
		if (closed) return Promise.reject(new Error('数据库已关闭 / the database is closed'));
		const c = idle.pop();
		if (c) {
			busy++;
			return Promise.resolve(c);
		}
		return new Promise((resolve) => waiting.push((conn) => (busy++, resolve(conn))));
	}

	function release(c: DuckDBConnection): void {
		busy--;
		const next = waiting.shift();
		if (next) next(c);
		else idle.push(c);
	}

	async function withConnection<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
		const c = await acquire();
		try {
			return await fn(c);
		} finally {
			release(c);
		}
	}

	return {
		path,
		withConnection,
		query: (sql, params) => withConnection((c) => queryable(c).query(sql, params)),
		run: (sql, params) => withConnection((c) => queryable(c).run(sql, params)),
		transaction: (fn) => withConnection((c) => transactionOn(c, fn)),
		checkpoint: () => withConnection(async (c) => void (await c.run('CHECKPOINT'))),
		async close() {
			if (closed) return;
			// Let work already lent out finish, then checkpoint so the file is complete without its WAL.
			while (busy > 0) await new Promise((r) => setTimeout(r, 10));
			if (!options.readOnly && path !== ':memory:') {
				const c = idle[0];
				if (c) await c.run('CHECKPOINT').catch(() => undefined);
			}
			closed = true;
			for (const c of idle) c.closeSync();
			idle.length = 0;
			instance.closeSync();
		}
	};
}
