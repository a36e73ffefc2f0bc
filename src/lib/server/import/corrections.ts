import type { DuckDBConnection } from '@duckdb/node-api';
import { FIELDS } from '../../domain/case-schema';
import { EXTRACTED_KEYS } from '../../domain/facts-circumstances';
import { lit, SQL_TYPE } from '../db';

/**
 * An analyst's corrections of circumstances (circumstance_corrections), applied again at import. What a file records
 * in its column wins; where it leaves the column blank, the correction wins over what was read from the facts text,
 * and its key leaves `extracted`. The case then hashes as it was stored after the correction, so re-importing the
 * same file counts it unchanged. Most databases have no correction: then the staged rows are left as they were.
 */

const TABLE = 'imp_corrections';

export const CORRECTION_WORK_TABLES = [TABLE];

const fields = EXTRACTED_KEYS.map((k) => {
	const f = FIELDS.find((x) => x.key === k);
	if (!f) throw new Error(`no field ${k}`);
	return f;
});

/** The SQL value of a correction's JSON (`value`): an amount is kept in fen, the column holds yuan. */
function typedValue(f: (typeof fields)[number]): string {
	const text = `json_extract_string(value, '$')`;
	if (f.type === 'money') return `CAST(CAST(${text} AS DECIMAL(18,0)) * 0.01 AS ${SQL_TYPE.money})`;
	return `CAST(${text} AS ${SQL_TYPE[f.type]})`;
}

/**
 * The staged rows' SQL with the corrections applied, and whether there were any to apply. `staged` selects agency, case_id, the circumstances and
 * `extracted` (fillFromFacts): a value is the file's own when it is not NULL and its key is not in `extracted`.
 */
export async function stagedWithCorrections(c: DuckDBConnection, staged: string): Promise<{ sql: string; changed: boolean }> {
	const any = await c.runAndReadAll('SELECT EXISTS (SELECT 1 FROM circumstance_corrections) AS any');
	if (!(any.getRowObjectsJS()[0] as { any: boolean } | undefined)?.any) return { sql: staged, changed: false };
	// One row a corrected case: for each circumstance whether it was corrected (has_*) and to what (one row a key,
	// so max picks it; CASE, so that a value is cast only as its own key's type).
	await c.run(`CREATE OR REPLACE TEMP TABLE ${TABLE} AS SELECT agency, case_id, ${fields
		.map((f) => `bool_or(key = ${lit(f.key)}) AS has_${f.key}, max(CASE WHEN key = ${lit(f.key)} THEN ${typedValue(f)} END) AS ${f.key}`)
		.join(', ')}
		FROM circumstance_corrections GROUP BY agency, case_id`);
	const read = (k: string) => `coalesce(json_exists(s.extracted, ${lit(`$.${k}`)}), false)`;
	const applies = (k: string) => `coalesce(k.has_${k}, false) AND (s.${k} IS NULL OR ${read(k)})`;
	const values = fields.map((f) => `CASE WHEN ${applies(f.key)} THEN k.${f.key} ELSE s.${f.key} END AS ${f.key}`);
	// The corrected keys found in the map leave it, by one JSON merge patch ({"key": null} removes a key); a row
	// with none keeps its map as it was. The map emptied becomes NULL, as the case page's correction leaves it.
	// DuckDB writes the patched map compactly and in order, as JSON.stringify does, so the row hash agrees.
	const patch = `concat_ws(',', ${EXTRACTED_KEYS.map((k) => `CASE WHEN coalesce(k.has_${k}, false) AND ${read(k)} THEN ${lit(`"${k}":null`)} END`).join(', ')})`;
	const extracted = `CASE WHEN ${patch} = '' THEN s.extracted ELSE nullif(CAST(json_merge_patch(s.extracted, '{' || ${patch} || '}') AS VARCHAR), '{}') END`;
	return {
		sql: `SELECT s.* REPLACE (${values.join(', ')}, ${extracted} AS extracted)
		FROM (${staged}) s LEFT JOIN ${TABLE} k ON k.agency = s.agency AND k.case_id = s.case_id`,
		changed: true
	};
}
