import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { toPlain, type Row } from './convert';
import type { Database, Param } from './database';

/**
 * A query's rows a chunk at a time (DuckDB's vectors, about 2,000 rows), for exports of a million rows that must
 * not be held whole. One connection of the pool is borrowed until the rows are read or the loop is left (break,
 * an error, `return()` of the iterator), so a consumer must finish or end the iteration.
 */
export async function* streamRows<T extends object = Row>(db: Database, sql: string, params: readonly Param[] = []): AsyncGenerator<T[]> {
	let giveBack: () => void = () => undefined;
	const returned = new Promise<void>((resolve) => (giveBack = resolve));
	// withConnection lends the connection for as long as its callback runs: here, until the generator ends.
	let lent: Promise<void> = Promise.resolve();
	const connection = await new Promise<DuckDBConnection>((resolve, reject) => {
		lent = db.withConnection((c) => (resolve(c), returned)).catch(reject);
	});
	try {
		const result = await connection.stream(sql, params as DuckDBValue[]);
		const names = result.columnNames();
		for (;;) {
			const chunk = await result.fetchChunk();
			if (!chunk || chunk.rowCount === 0) break;
			// Column by column: reading a chunk's vectors whole is about twice as fast as reading it row by row.
			const columns = chunk.getColumns().map((values) => values.map(toPlain));
			const rows: T[] = [];
			for (let r = 0; r < chunk.rowCount; r++) {
				const row: Row = {};
				for (let c = 0; c < names.length; c++) row[names[c] ?? `col${c}`] = columns[c]![r] ?? null;
				rows.push(row as T);
			}
			yield rows;
		}
	} finally {
		giveBack();
		await lent;
	}
}
