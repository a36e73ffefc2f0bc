import type { DuckDBConnection } from '@duckdb/node-api';
import { FIELDS, type CaseRecord, type Field } from '../../domain/case-schema';
import { formatFen } from '../../domain/cell-values';
import { SQL_TYPE } from '../db';

/**
 * A staging table of text that the appender fills fast; SQL then casts it into `cases` in one statement.
 * Lists travel joined by the unit separator (U+001F), which no export uses inside a value.
 */

const US = '\u001f';

export function stagingCell(f: Field, v: CaseRecord[Field['key']]): string | null {
	if (v === null) return null;
	if (f.type === 'money') return formatFen(v as number);
	if (f.type === 'list') return (v as string[]).join(US);
	return String(v);
}

export function castFromStaging(f: Field): string {
	if (f.type === 'list') return `CASE WHEN ${f.key} IS NULL THEN NULL ELSE string_split(${f.key}, chr(31)) END`;
	if (f.type === 'text' || f.type === 'enum') return f.key;
	return `CAST(${f.key} AS ${SQL_TYPE[f.type]})`;
}

export async function createCaseStaging(c: DuckDBConnection, name: string): Promise<void> {
	await c.run(`CREATE OR REPLACE TEMP TABLE ${name} (${FIELDS.map((f) => `${f.key} VARCHAR`).join(', ')}, extra VARCHAR, row_number INTEGER)`);
}

export interface StagedRow {
	record: CaseRecord;
	extra: Record<string, string>;
	rowNumber: number;
}

/** Appends rows to a staging table created by createCaseStaging. */
export async function appendStaged(c: DuckDBConnection, name: string, rows: Iterable<StagedRow>): Promise<number> {
	const appender = await c.createAppender(name, 'main', 'temp');
	let n = 0;
	try {
		for (const { record, extra, rowNumber } of rows) {
			for (const f of FIELDS) {
				const v = stagingCell(f, record[f.key]);
				if (v === null) appender.appendNull();
				else appender.appendVarchar(v);
			}
			if (Object.keys(extra).length) appender.appendVarchar(JSON.stringify(extra));
			else appender.appendNull();
			appender.appendInteger(rowNumber);
			appender.endRow();
			n++;
		}
		appender.flushSync();
	} finally {
		appender.closeSync();
	}
	return n;
}
