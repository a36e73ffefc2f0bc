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

/**
 * Reads the staged rows that need it and returns the staged rows' SQL with those circumstances filled and an
 * `extracted` column (NULL where nothing was read). `staged` selects rn, the case keys and extra.
 */
export async function stagedWithFacts(c: DuckDBConnection, staged: string, hasFacts: boolean, catalog: Catalog): Promise<string> {
	const none = `SELECT *, CAST(NULL AS VARCHAR) AS extracted FROM (${staged})`;
	if (!hasFacts) return none;
	// A blank the text may speak to: the gate's words are in it (FACTS_GATES), which DuckDB checks on all cores.
	// CASE, so that a recorded value's gates are never evaluated. Only the rows of items that use circumstances
	// (readingScope): at a million rows, checking the gates on inspections' texts was 8 of the import's 47 seconds.
	const blanks = EXTRACTED_KEYS.map(
		(k) => `CASE WHEN ${k} IS NULL THEN ${FACTS_GATES[k].map((g) => `regexp_matches(facts, ${lit(g)})`).join(' AND ')} ELSE false END`
	);
	// Paged by a number of its own: inside the import's transaction a new table's rowids do not start at 0.
	// Each gate is checked once a row: the list is made first, then the rows with any blank to read are kept.
	await c.run(`CREATE OR REPLACE TEMP TABLE ${SOURCE} AS SELECT row_number() OVER () - 1 AS i, rn, facts, blank
		FROM (SELECT rn, facts, [${blanks.join(', ')}] AS blank FROM (${staged})
			WHERE facts IS NOT NULL AND ${readingScope(catalog)} AND (${EXTRACTED_KEYS.map((k) => `${k} IS NULL`).join(' OR ')})) WHERE list_bool_or(blank)`);
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
	if (filled === 0) return none;
	const typed = (f: (typeof fields)[number]) => (f.type === 'enum' ? `f.${f.key}` : `CAST(f.${f.key} AS ${SQL_TYPE[f.type]})`);
	const replaced = fields.map((f) => `coalesce(s.${f.key}, ${typed(f)}) AS ${f.key}`);
	return `SELECT s.* REPLACE (${replaced.join(', ')}), f.extracted AS extracted FROM (${staged}) s LEFT JOIN ${TABLE} f ON f.rn = s.rn`;
}
