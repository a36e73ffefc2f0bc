import { FIELDS, type Field } from '../../domain/case-schema';
import type { MoneyUnit } from '../../domain/values';
import { BLANK_WORDS, FALSE_WORDS, LIST_SEPARATORS, TRIM_CHARS, TRUE_WORDS } from '../../domain/values';

/**
 * The importer's fast path: the dictionary's readers (domain/values.ts) written as SQL, so that DuckDB normalises
 * millions of cells without them passing through JavaScript. The SQL is allowed to be stricter than the readers,
 * never looser: a cell it cannot settle sends its row to the JavaScript readers, which have the last word and say
 * why in Chinese. A parity test holds the two to the same answers.
 */

export function lit(s: string): string {
	return `'${s.replaceAll("'", "''")}'`;
}

const FULL_WIDTH = Array.from({ length: 94 }, (_, i) => String.fromCharCode(0xff01 + i)).join('');
const HALF_WIDTH = Array.from({ length: 94 }, (_, i) => String.fromCharCode(0x21 + i)).join('');

function caseChain(x: string, pairs: Iterable<[string, string]>): string {
	return `CASE ${x} ${[...pairs].map(([from, to]) => `WHEN ${lit(from)} THEN ${lit(to)}`).join(' ')} END`;
}

function enumPairs(values: readonly string[], synonyms: Readonly<Record<string, string>>): Map<string, string> {
	return new Map<string, string>([...values.map((v): [string, string] => [v, v]), ...Object.entries(synonyms)]);
}

/**
 * The readers as SQL macros, created in the database when it is opened (so that every connection has them and
 * each import's SQL stays short). Each starts with a cheap test for the common, already clean cell and falls back
 * to the full reading only when needed: the difference between seconds and minutes on a million rows.
 * Names start with eq_ to keep clear of anything else.
 */
export function normalizeMacros(): string[] {
	const m: string[] = [
		// translate() costs microseconds a cell; most cells have no full-width character and skip it.
		`CREATE OR REPLACE MACRO eq_canon(x) AS trim(CASE WHEN regexp_matches(x, '[\\x{FF01}-\\x{FF5E}\\x{3000}]')
			THEN translate(x, ${lit(FULL_WIDTH + '\u3000')}, ${lit(HALF_WIDTH + ' ')}) ELSE x END, ${lit(TRIM_CHARS)})`,
		// Blank words are at most four characters once trimmed, so a longer cell is not blank without translating it.
		`CREATE OR REPLACE MACRO eq_blank(x) AS CASE WHEN x IS NULL THEN true
			WHEN length(x) > 4 AND NOT regexp_matches(x, ${lit(`^[${TRIM_CHARS}]|[${TRIM_CHARS}]$`)}) THEN false
			ELSE length(trim(x, ${lit(TRIM_CHARS)})) <= 4 AND lower(eq_canon(x)) IN (${BLANK_WORDS.map(lit).join(', ')}) END`,
		`CREATE OR REPLACE MACRO eq_text(x) AS trim(x, ${lit(TRIM_CHARS)})`,
		`CREATE OR REPLACE MACRO eq_int_digits(x) AS regexp_replace(regexp_replace(eq_canon(x), '[,，\\s]', '', 'g'), '(人|名|个|次|月|个月)$', '')`,
		// A value used twice inside a macro would be computed for every row (DuckDB hoists repeated expressions out of
		// CASE): passing it through a one-element list_transform computes it once, and only where it is needed.
		`CREATE OR REPLACE MACRO eq_int_full(x) AS list_transform([eq_int_digits(x)], d -> CASE WHEN regexp_full_match(d, '\\d+(\\.0+)?') THEN try_cast(split_part(d, '.', 1) AS INTEGER) END)[1]`,
		`CREATE OR REPLACE MACRO eq_int(x) AS CASE WHEN regexp_full_match(x, '\\d{1,9}') THEN CAST(x AS INTEGER) ELSE eq_int_full(x) END`,
		`CREATE OR REPLACE MACRO eq_money_m0(x) AS regexp_replace(regexp_replace(eq_canon(x), '[¥￥,，\\s]', '', 'g'), '(?i)^RMB', '')`,
		`CREATE OR REPLACE MACRO eq_money_wan(m0, unit) AS (regexp_matches(m0, '万元?$') OR (unit = 'wan' AND NOT regexp_matches(m0, '元$')))`,
		`CREATE OR REPLACE MACRO eq_money_num(m0) AS regexp_replace(m0, '(万元?|元)$', '')`,
		`CREATE OR REPLACE MACRO eq_money_yuan(num, wan) AS CASE WHEN wan THEN CAST(try_cast(num AS DECIMAL(38,6)) * 10000 AS DECIMAL(38,2)) ELSE try_cast(num AS DECIMAL(38,2)) END`,
		// Digits only, no more decimals than a fen, and no larger than the readers accept (2^53 fen).
		`CREATE OR REPLACE MACRO eq_money_of(num, wan) AS CASE WHEN regexp_full_match(num, '\\d+(\\.\\d+)?')
			AND length(rtrim(regexp_extract(num, '\\.(\\d+)$', 1), '0')) <= CASE WHEN wan THEN 6 ELSE 2 END
			AND eq_money_yuan(num, wan) < 90000000000000 THEN CAST(eq_money_yuan(num, wan) AS DECIMAL(18,2)) END`,
		`CREATE OR REPLACE MACRO eq_money_full(x, unit) AS list_transform([eq_money_m0(x)], m0 -> eq_money_of(eq_money_num(m0), eq_money_wan(m0, unit)))[1]`,
		`CREATE OR REPLACE MACRO eq_money(x, unit) AS CASE
			WHEN unit = 'yuan' AND regexp_full_match(x, '\\d{1,13}(\\.\\d{1,2})?') THEN CAST(x AS DECIMAL(18,2))
			WHEN unit = 'wan' AND regexp_full_match(x, '\\d{1,9}(\\.\\d{1,6})?') THEN CAST(CAST(x AS DECIMAL(18,6)) * 10000 AS DECIMAL(18,2))
			ELSE eq_money_full(x, unit) END`,
		`CREATE OR REPLACE MACRO eq_date_text(x) AS CASE WHEN regexp_matches(x, '[:：T]')
			THEN regexp_replace(regexp_replace(eq_canon(x), '\\s+\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?$', ''), 'T\\d{2}:\\d{2}.*$', '') ELSE eq_canon(x) END`,
		`CREATE OR REPLACE MACRO eq_date_in_range(v) AS CASE WHEN year(v) BETWEEN 1900 AND 2200 THEN CAST(v AS DATE) END`,
		// Each pattern picks its one format: try_strptime with a list of formats costs ten times as much.
		// Mixed separators and a missing 日 are left to the readers.
		`CREATE OR REPLACE MACRO eq_date_of(d) AS CASE
			WHEN regexp_full_match(d, '\\d{4}-\\d{1,2}-\\d{1,2}') THEN eq_date_in_range(try_strptime(d, '%Y-%m-%d'))
			WHEN regexp_full_match(d, '\\d{4}/\\d{1,2}/\\d{1,2}') THEN eq_date_in_range(try_strptime(d, '%Y/%m/%d'))
			WHEN regexp_full_match(d, '\\d{4}\\.\\d{1,2}\\.\\d{1,2}') THEN eq_date_in_range(try_strptime(d, '%Y.%m.%d'))
			WHEN regexp_full_match(d, '\\d{4}年\\d{1,2}月\\d{1,2}日') THEN eq_date_in_range(try_strptime(d, '%Y年%m月%d日'))
			WHEN regexp_full_match(d, '\\d{8}') THEN eq_date_in_range(try_strptime(d, '%Y%m%d'))
			WHEN regexp_full_match(d, '\\d{5}(\\.\\d+)?') AND CAST(left(d, 5) AS INTEGER) BETWEEN 20000 AND 80000
				THEN DATE '1899-12-30' + CAST(left(d, 5) AS INTEGER)
		END`,
		`CREATE OR REPLACE MACRO eq_date(x) AS CASE
			WHEN regexp_full_match(x, '(19|20|21)\\d{2}-\\d{2}-\\d{2}') THEN try_cast(x AS DATE)
			ELSE list_transform([eq_date_text(x)], d -> eq_date_of(d))[1] END`,
		`CREATE OR REPLACE MACRO eq_bool(x) AS CASE x WHEN '是' THEN true WHEN '否' THEN false ELSE
			CASE lower(eq_canon(x)) ${[...TRUE_WORDS].map((w) => `WHEN ${lit(w)} THEN true`).join(' ')} ${[...FALSE_WORDS].map((w) => `WHEN ${lit(w)} THEN false`).join(' ')} END END`,
		`CREATE OR REPLACE MACRO eq_enum_key(x) AS regexp_replace(eq_canon(x), '\\s+', '', 'g')`,
		`CREATE OR REPLACE MACRO eq_list_items(x) AS list_filter(list_transform(string_split_regex(x, ${lit(`[${LIST_SEPARATORS}]`)}), s -> trim(s, ${lit(TRIM_CHARS)})), s -> s <> '')`,
		// Any item that is not a known value leaves the whole cell unsettled; duplicates keep their first place.
		`CREATE OR REPLACE MACRO eq_list_of(mapped) AS CASE WHEN list_bool_or(list_transform(mapped, v -> v IS NULL)) THEN NULL
			ELSE list_filter(mapped, (v, i) -> list_position(mapped, v) = i) END`
	];
	for (const f of FIELDS) {
		if (!('values' in f)) continue;
		const pairs = enumPairs(f.values, 'synonyms' in f ? f.synonyms : {});
		const exact = caseChain(
			'x',
			f.values.map((v): [string, string] => [v, v])
		);
		const full = caseChain('eq_enum_key(x)', pairs);
		m.push(`CREATE OR REPLACE MACRO eq_map_${f.key}(x) AS coalesce(${exact}, ${full})`);
		if (f.type === 'enum') m.push(`CREATE OR REPLACE MACRO eq_enum_${f.key}(x) AS eq_map_${f.key}(x)`);
		// A one-item cell that is already a value (the usual case) needs no splitting.
		else
			m.push(
				`CREATE OR REPLACE MACRO eq_list_${f.key}(x) AS CASE WHEN ${exact} IS NOT NULL THEN [x]
					ELSE list_transform([list_transform(eq_list_items(x), s -> eq_map_${f.key}(s))], mapped -> eq_list_of(mapped))[1] END`
			);
	}
	return m;
}

function typedExpr(f: Field, x: string, unit: MoneyUnit | null): string {
	switch (f.type) {
		case 'text':
			return `eq_text(${x})`;
		case 'int':
			return `eq_int(${x})`;
		case 'money':
			return `eq_money(${x}, ${lit(unit ?? 'yuan')})`;
		case 'date':
			return `eq_date(${x})`;
		case 'bool':
			return `eq_bool(${x})`;
		case 'enum':
			return `eq_enum_${f.key}(${x})`;
		case 'list':
			// A cell without a separator or surrounding space is a one-item list as it stands.
			return 'values' in f
				? `eq_list_${f.key}(${x})`
				: `CASE WHEN NOT regexp_matches(${x}, ${lit(`[${LIST_SEPARATORS}${TRIM_CHARS}]`)}) THEN [${x}] ELSE eq_list_items(${x}) END`;
	}
}

/**
 * The typed value of a raw cell for a field, NULL when blank or when the SQL cannot settle it. Only text and
 * lists need the blank test first: a blank word is never a number, date, flag or listed value anyway.
 */
export function valueExpr(f: Field, x: string, unit: MoneyUnit | null): string {
	return f.type === 'text' || f.type === 'list' ? `CASE WHEN eq_blank(${x}) THEN NULL ELSE ${typedExpr(f, x, unit)} END` : typedExpr(f, x, unit);
}

/** Whether the SQL settled a cell: it gave a value, or it was blank (tested only when it gave none). */
export function settledExpr(value: string, x: string): string {
	return `(${value} IS NOT NULL OR ${x} IS NULL OR eq_blank(${x}))`;
}
