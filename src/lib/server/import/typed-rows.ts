import { FIELDS, MEASURES_IN_PENALTIES, type CaseKey } from '../../domain/case-schema';
import type { MappedColumn } from '../../domain/headers';
import { lit, settledExpr, SQL_TYPE, valueExpr } from '../db';

/**
 * The one statement that turns the raw cells of an export into typed rows, read straight from the file: each
 * field's value, the unknown columns as JSON (extra), whether the row is a summary or blank, and whether SQL
 * settled it whole (ok). The raw cells are kept only for the rows that are neither ok nor blank, which the
 * JavaScript readers will decide; the other rows keep no copy of the text, which is most of the file's size.
 * Row order is kept only where the source gives the file's row number (withRowNumber).
 */

export interface TypedRowsSpec {
	/** A table function or subquery giving the cells c0 … c(n-1) in file order. */
	source: string;
	columns: readonly MappedColumn[];
	/** Number of cells per row (the header's). */
	width: number;
	/** Item name → code, from the catalog: the code when the export gives only the name. */
	itemCodes: ReadonlyMap<string, string>;
	/** Item code → name, from the catalog: the name when the export gives only the code. */
	itemNamesByCode?: ReadonlyMap<string, string>;
	/** The source has the file's row number as `rn`, to be kept beside the values. */
	withRowNumber?: boolean;
}

const SUMMARY_RE = lit('^[\\s\u3000]*(合计|总计|小计|共计)');

const cell = (i: number) => `c${i}`;

/** What DuckDB's trim() removes: the Unicode space separators (Zs), no more. */
const SPACE_CODES = [32, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8239, 8287, 12288];

/** x IS NOT NULL AND trim(x) <> '', without trimming (which copies) the cells that do not start with a space. */
const filled = (x: string) =>
	`CASE WHEN ${x} IS NULL THEN false WHEN list_contains([${SPACE_CODES.join(', ')}], ord(${x})) THEN trim(${x}) <> '' ELSE ${x} <> '' END`;

/** A summary row (合计, 总计…) has one of those words in its first three non-empty cells. */
function summaryExpr(width: number): string {
	const cells = `[${Array.from({ length: width }, (_, i) => cell(i)).join(', ')}]`;
	const full = `list_bool_or(list_transform(list_filter(${cells}, x -> x IS NOT NULL AND trim(x) <> '')[1:3], x -> regexp_matches(x, ${SUMMARY_RE}))) IS TRUE`;
	if (width < 3) return full;
	// Almost every row has its first three cells filled, and then those are the three to look at; all four words
	// end in 计, which is cheap to look for.
	const first = [0, 1, 2].map(cell);
	return `CASE WHEN ${first.map(filled).join(' AND ')} THEN CASE WHEN ${first.map((x) => `contains(${x}, '计')`).join(' OR ')}
		THEN ${first.map((x) => `regexp_matches(${x}, ${SUMMARY_RE})`).join(' OR ')} ELSE false END ELSE ${full} END`;
}

function blankExpr(width: number): string {
	const all = Array.from({ length: width }, (_, i) => `NOT ${filled(cell(i))}`).join(' AND ');
	return width > 0 ? `CASE WHEN ${filled(cell(0))} THEN false ELSE ${all} END` : 'true';
}

/** The unknown columns' non-empty cells as a JSON object by header, or NULL when there are none. */
function extraExpr(unknown: readonly MappedColumn[]): string {
	if (unknown.length === 0) return 'CAST(NULL AS VARCHAR)';
	const entries = unknown.map((m) => `struct_pack(k := ${lit(m.header)}, v := ${cell(m.index)})`).join(', ');
	const full = `CAST(to_json(map_from_entries(list_filter([${entries}], e -> e.v IS NOT NULL AND trim(e.v) <> ''))) AS VARCHAR)`;
	// With every cell filled there is nothing to leave out: json_object writes the same text without a lambda (two
	// milliseconds a vector). Not for repeated headers, which map_from_entries refuses as it always did.
	const all =
		new Set(unknown.map((m) => m.header)).size === unknown.length
			? `WHEN ${unknown.map((m) => filled(cell(m.index))).join(' AND ')} THEN CAST(json_object(${unknown.map((m) => `${lit(m.header)}, ${cell(m.index)}`).join(', ')}) AS VARCHAR)`
			: '';
	return `CASE WHEN ${unknown.map((m) => `NOT ${filled(cell(m.index))}`).join(' AND ')} THEN NULL ${all} ELSE ${full} END`;
}

/** Fields a case must have given what it is, as SQL over the typed columns (domain/case-row.ts missingRequired). */
function missingExpr(): string {
	const parts = FIELDS.map((f) => {
		const missing = f.type === 'list' ? `(${f.key} IS NULL OR len(${f.key}) = 0)` : `${f.key} IS NULL`;
		if (f.required === 'always') return missing;
		if (f.required === 'penalty') return `(category = '行政处罚' AND ${missing})`;
		if (f.required === 'decided') return `(category = '行政处罚' AND list_contains(['已决定', '已结案'], status) AND ${missing})`;
		return null;
	}).filter((x): x is string => x !== null);
	return parts.length ? `(${parts.join(' OR ')})` : 'false';
}

/**
 * SELECT … for CREATE TABLE AS. Nested projections, so that each value is computed once: the values; the item
 * code from the catalog; whether the row is ok; then the raw cells of the rows that are not.
 */
export function typedRowsSql(spec: TypedRowsSpec): string {
	const mapped = new Map<CaseKey, MappedColumn>(spec.columns.filter((m): m is MappedColumn & { key: CaseKey } => m.key !== null).map((m) => [m.key, m]));
	const unknown = spec.columns.filter((m) => m.key === null && m.header.trim() !== '');
	const cells = Array.from({ length: spec.width }, (_, i) => cell(i));
	const values = FIELDS.map((f) => {
		const m = mapped.get(f.key);
		return m ? `${valueExpr(f, cell(m.index), m.unit)} AS ${f.key}` : `CAST(NULL AS ${SQL_TYPE[f.type]}) AS ${f.key}`;
	});
	// The catalog names an item's code when the export gives only its name.
	const itemCode = spec.itemCodes.size
		? `coalesce(item_code, map_extract_value(MAP {${[...spec.itemCodes].map(([name, code]) => `${lit(name)}: ${lit(code)}`).join(', ')}}, item_name))`
		: 'item_code';
	// A text value is NULL exactly when its cell is blank, so only the other types can leave a cell unsettled.
	// Measures listed among the penalties (责令改正 …) move to `measures`, as readCaseRow does. Every such word has
	// 改正, 限期 or 整改 in it: only cells with one of those pay for the lambdas.
	const penalties = mapped.get('penalty_types');
	const measureList = `[${MEASURES_IN_PENALTIES.map(lit).join(', ')}]`;
	const movesMeasures = penalties
		? `, CASE WHEN penalty_types IS NOT NULL AND (contains(${cell(penalties.index)}, '改正') OR contains(${cell(penalties.index)}, '限期') OR contains(${cell(penalties.index)}, '整改'))
			THEN nullif(list_filter(penalty_types, x -> NOT list_contains(${measureList}, x)), []) ELSE penalty_types END AS penalty_types,
			CASE WHEN penalty_types IS NOT NULL AND list_has_any(penalty_types, ${measureList})
			THEN list_concat(coalesce(measures, []), list_filter(penalty_types, x -> list_contains(${measureList}, x) AND NOT list_contains(coalesce(measures, []), x))) ELSE measures END AS measures`
		: '';
	const settled = [...mapped].filter(([key]) => FIELDS.find((f) => f.key === key)?.type !== 'text').map(([key, m]) => settledExpr(key, cell(m.index)));
	const ok = [...settled, 'NOT summary', 'NOT blank', `NOT ${missingExpr()}`].join(' AND ');
	const byCode = spec.itemNamesByCode ?? new Map<string, string>();
	const itemName = byCode.size
		? `, coalesce(item_name, map_extract_value(MAP {${[...byCode].map(([code, name]) => `${lit(code)}: ${lit(name)}`).join(', ')}}, item_code)) AS item_name`
		: '';
	const keys = FIELDS.map((f) => f.key).join(', ');
	const rn = spec.withRowNumber ? 'rn, ' : '';
	return `SELECT ${rn}${keys}, extra, blank, ok, CASE WHEN ok OR blank THEN NULL ELSE [${cells.join(', ')}] END AS raw
	FROM (SELECT *, ${ok} AS ok
		FROM (SELECT * REPLACE (${itemCode} AS item_code${itemName}${movesMeasures})
			FROM (SELECT ${rn}${values.join(', ')}, ${extraExpr(unknown)} AS extra, ${summaryExpr(spec.width)} AS summary, ${blankExpr(spec.width)} AS blank,
				${cells.join(', ')} FROM ${spec.source})))`;
}
