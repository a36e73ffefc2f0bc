import { LIST, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import Papa from 'papaparse';
import type { Database, Queryable } from '../db';
import { neutralizeFormula } from '../../domain/spreadsheet-safety';
import { isQuarantineCode, reasonMessage, type QuarantineReason } from '../../domain/import-reasons';
import { bilingual } from '../../i18n';

/** A row that could not be a case: kept with its raw text, its line and every reason, never dropped. */
export interface QuarantinedRow {
	line: number | null;
	raw: string;
	cells: string[] | null;
	reasons: QuarantineReason[];
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
			// The Chinese text stays in `reasons` for whoever reads the table with SQL; the codes are the contract.
			appender.appendList(
				r.reasons.map((x) => bilingual(reasonMessage(x)).zh),
				LIST(VARCHAR)
			);
			appender.appendVarchar(JSON.stringify(r.reasons));
			appender.endRow();
		}
		appender.flushSync();
	} finally {
		appender.closeSync();
	}
}

/** Reasons as stored: coded ones as they are; rows quarantined before codes existed keep their text as `legacy`. */
function storedReasons(data: string | null, texts: readonly string[]): QuarantineReason[] {
	if (data) {
		const parsed = JSON.parse(data) as unknown;
		if (Array.isArray(parsed) && parsed.every((x) => isQuarantineCode((x as QuarantineReason | null)?.code))) return parsed as QuarantineReason[];
	}
	return texts.map((text) => ({ code: 'legacy', values: { text } }));
}

export async function quarantineOf(db: Queryable, batch: number, limit = 1000, offset = 0): Promise<QuarantinedRow[]> {
	const rows = await db.query<{ line: number | null; raw: string; cells: string | null; reasons: string[]; reason_data: string | null }>(
		'SELECT line, raw, cells, reasons, reason_data FROM quarantine WHERE batch_id = ? ORDER BY line NULLS LAST LIMIT ? OFFSET ?',
		[batch, limit, offset]
	);
	return rows.map((r) => ({
		line: r.line,
		raw: r.raw,
		cells: r.cells ? (JSON.parse(r.cells) as string[]) : null,
		reasons: storedReasons(r.reason_data, r.reasons)
	}));
}

/** Every reason of a row in one language, joined as that language lists them. */
export function reasonsText(reasons: readonly QuarantineReason[], lang: 'zh' | 'en'): string {
	return reasons.map((x) => bilingual(reasonMessage(x))[lang]).join(lang === 'zh' ? '；' : '; ');
}

/**
 * The quarantined rows as a CSV to fix and import again: the line, the reasons' codes and texts in Chinese and
 * English, then the original cells under the file's own header.
 */
export async function quarantineCsv(db: Database, batch: number, header: readonly string[]): Promise<string> {
	const rows = await quarantineOf(db, batch, 1_000_000);
	// Every cell is neutralised: a value such as =HYPERLINK(…) must never run when the analyst opens the file.
	const data = rows.map((r) =>
		[String(r.line ?? ''), r.reasons.map((x) => x.code).join(' '), reasonsText(r.reasons, 'zh'), reasonsText(r.reasons, 'en'), ...(r.cells ?? [r.raw])].map(
			neutralizeFormula
		)
	);
	return '\uFEFF' + Papa.unparse({ fields: ['行号', '问题代码 / Code', '问题', 'Problem', ...header], data }, { newline: '\r\n' });
}
