import type { DuckDBConnection } from '@duckdb/node-api';
import { FIELDS, type CaseRecord } from '../../domain/case-schema';
import { circumstancesFromFacts, EXTRACTED_KEYS, FACTS_GATES, type ExtractedKey } from '../../domain/facts-circumstances';
import type { Catalog } from '../../domain/catalog';
import { lit, SQL_TYPE } from '../db';
import { stagingCell } from './staging';

/**
 * Circumstances read from the facts text (违法事实) for the rows whose structured column is missing or blank: a
 * recorded value always wins, and each value read keeps its phrase in `extracted` ({"months_overdue": "逾期8个月"}).
 * Only rows with facts and a blank circumstance pay for the reading; a file with every circumstance filled pays for
 * one filtered scan.
 */

const TABLE = 'imp_facts';
const SOURCE = 'imp_facts_src';
const PAGE = 10_000;

export const FACTS_WORK_TABLES = [TABLE, SOURCE];

const fields = EXTRACTED_KEYS.map((k) => {
	const f = FIELDS.find((x) => x.key === k);
	if (!f) throw new Error(`no field ${k}`);
	return f;
});

/** The circumstances a row left blank, read from its text: the values to fill and the phrase map. */
export function fillFromText(facts: string, blank: readonly ExtractedKey[]): { values: Partial<CaseRecord>; extracted: Record<string, string> } | null {
	const found = circumstancesFromFacts(facts, blank);
	if (found.length === 0) return null;
	const values: Partial<CaseRecord> = {};
	const extracted: Record<string, string> = {};
	for (const x of found) {
		(values as Record<string, unknown>)[x.key] = x.value;
		extracted[x.key] = x.phrase;
	}
	return { values, extracted };
}

/**
 * The rows whose text is read: the catalog sets per item which circumstances matter (DATA-DICTIONARY §5), and an
 * item that names none (an inspection, a confirmation) has no discretion for them to inform. A case whose item is
 * not in the catalog, or has no code, is read. (All seven are read for an item that names some: the text's other
 * circumstances are shown on the case page, and a revised catalog may come to use them.)
 */
export function readingScope(catalog: Catalog): string {
	const none = catalog.items.filter((i) => i.circumstances.length === 0).map((i) => lit(i.code));
	return none.length ? `(item_code IS NULL OR NOT list_contains([${none.join(', ')}], item_code))` : 'true';
}

/** The circumstances a row leaves blank that its text may state: the gates (FACTS_GATES) DuckDB checks on all cores. */
function blanksSql(catalog: Catalog): { list: string; candidate: string } {
	// CASE, so that a recorded value's gates are never evaluated; only for items that use circumstances (readingScope).
	const list = `[${EXTRACTED_KEYS.map(
		(k) => `CASE WHEN ${k} IS NULL AND facts IS NOT NULL THEN ${FACTS_GATES[k].map((g) => `regexp_matches(facts, ${lit(g)})`).join(' AND ')} ELSE false END`
	).join(', ')}]`;
	return { list, candidate: `${readingScope(catalog)} AND (${EXTRACTED_KEYS.map((k) => `${k} IS NULL`).join(' OR ')})` };
}

/**
 * Reads the texts of the batch's rows that leave a circumstance blank which their text may state, fills those
 * blanks with what the text states and records each value's phrase in `extracted`. Returns how many rows were
 * filled. The batch's rows are changed only where something was read: an update inside the import's transaction
 * makes its commit rewrite the rows' blocks (a mark set on 16,650 of a million rows and cleared again cost the
 * commit 4.7 s), so the rows to read are found by a scan instead (3 s at a million rows with paragraphs of facts).
 */
export async function fillFromFacts(c: DuckDBConnection, batch: number, catalog: Catalog): Promise<number> {
	const { list, candidate } = blanksSql(catalog);
	// Paged by a number of its own: inside the import's transaction the rowids of new rows are far from 0. The
	// text is looked at only in the list, for the rows the WHERE keeps: a filter on it read every row's.
	await c.run(`CREATE OR REPLACE TEMP TABLE ${SOURCE} AS SELECT row_number() OVER () - 1 AS i, rn, facts, blank
		FROM (SELECT rowid AS rn, facts, ${list} AS blank FROM cases WHERE batch_id = ${batch} AND ${candidate}) WHERE list_bool_or(blank)`);
	await c.run(`CREATE OR REPLACE TEMP TABLE ${TABLE} (rn BIGINT, ${EXTRACTED_KEYS.map((k) => `${k} VARCHAR`).join(', ')}, extracted VARCHAR)`);
	let filled = 0;
	for (let after = 0; ; after += PAGE) {
		const reader = await c.runAndReadAll(`SELECT rn, facts, blank FROM ${SOURCE} WHERE i >= ${after} AND i < ${after + PAGE}`);
		const rows = reader.getRowObjectsJS() as { rn: bigint; facts: string; blank: boolean[] }[];
		if (rows.length === 0) break;
		const appender = await c.createAppender(TABLE, 'main', 'temp');
		try {
			for (const row of rows) {
				const wanted = EXTRACTED_KEYS.filter((_, i) => row.blank[i]);
				const fill = fillFromText(row.facts, wanted);
				if (!fill) continue;
				appender.appendBigInt(row.rn);
				for (const f of fields) {
					const v = stagingCell(f, fill.values[f.key as keyof CaseRecord] ?? null);
					if (v === null) appender.appendNull();
					else appender.appendVarchar(v);
				}
				appender.appendVarchar(JSON.stringify(fill.extracted));
				appender.endRow();
				filled++;
			}
			appender.flushSync();
		} finally {
			appender.closeSync();
		}
	}
	if (filled > 0) {
		const typed = (f: (typeof fields)[number]) => (f.type === 'enum' ? `f.${f.key}` : `CAST(f.${f.key} AS ${SQL_TYPE[f.type]})`);
		await c.run(`UPDATE cases SET ${fields.map((f) => `${f.key} = coalesce(cases.${f.key}, ${typed(f)})`).join(', ')}, extracted = f.extracted
			FROM ${TABLE} f WHERE cases.rowid = f.rn`);
	}
	return filled;
}
