import { LIST, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import Papa from 'papaparse';
import type { Database, Queryable } from '../db';
import { neutralizeFormula } from '../../domain/spreadsheet-safety';

/** A row that could not be a case: kept with its raw text, its line and every reason, never dropped. */
export interface QuarantinedRow {
	line: number | null;
	raw: string;
	cells: string[] | null;
	reasons: string[];
}

export function rawLine(cells: readonly string[], delimiter: string): string {
	return Papa.unparse([cells as string[]], { delimiter, newline: '\n' });
}

export async function storeQuarantine(c: DuckDBConnection, batch: number, rows: readonly QuarantinedRow[]): Promise<void> {
	if (rows.length === 0) return;
	const appender = await c.createAppender('quarantine');
	try {
		for (const r of rows) {
			appender.appendInteger(batch);
			if (r.line === null) appender.appendNull();
			else appender.appendInteger(r.line);
			appender.appendVarchar(r.raw);
			if (r.cells === null) appender.appendNull();
			else appender.appendVarchar(JSON.stringify(r.cells));
			appender.appendList(r.reasons, LIST(VARCHAR));
			appender.endRow();
		}
		appender.flushSync();
	} finally {
		appender.closeSync();
	}
}

export async function quarantineOf(db: Queryable, batch: number, limit = 1000, offset = 0): Promise<QuarantinedRow[]> {
	const rows = await db.query<{ line: number | null; raw: string; cells: string | null; reasons: string[] }>(
		'SELECT line, raw, cells, reasons FROM quarantine WHERE batch_id = ? ORDER BY line NULLS LAST LIMIT ? OFFSET ?',
		[batch, limit, offset]
	);
	return rows.map((r) => ({ line: r.line, raw: r.raw, cells: r.cells ? (JSON.parse(r.cells) as string[]) : null, reasons: r.reasons }));
}

/** The quarantined rows as a CSV to fix and import again: the original cells (with the header) plus the reasons. */
export async function quarantineCsv(db: Database, batch: number, header: readonly string[]): Promise<string> {
	const rows = await quarantineOf(db, batch, 1_000_000);
	// Every cell is neutralised: a value such as =HYPERLINK(…) must never run when the analyst opens the file.
	const data = rows.map((r) => [String(r.line ?? ''), r.reasons.join('；'), ...(r.cells ?? [r.raw])].map(neutralizeFormula));
	return '\uFEFF' + Papa.unparse({ fields: ['行号', '问题', ...header], data }, { newline: '\r\n' });
}
