import { FIELDS, type Field } from '../../domain/case-schema';
import type { MoneyUnit } from '../../domain/cell-values';
import { BLANK_WORDS, FALSE_WORDS, LIST_SEPARATORS, TRIM_CHARS, TRUE_WORDS, canonicalText } from '../../domain/cell-values';
import { lit } from './sql-literal';

/**
 * The importer's fast path: the dictionary's readers (domain/values.ts) written as SQL, so that DuckDB normalises
 * millions of cells without them passing through JavaScript. The SQL is allowed to be stricter than the readers,
 * never looser: a cell it cannot settle sends its row to the JavaScript readers, which have the last word and say
 * why in Chinese. A parity test holds the two to the same answers.
 *
 * How it stays fast (measured on DuckDB 1.5): every reader is one CASE whose first branches take the cell as it
 * usually comes (NULL, or already in the dictionary's form) with one cheap test; only the rest reach the full
 * reading. A CASE evaluates a branch for the rows that reach it only, so the full reading costs nothing for the
 * others. The full readings avoid lambdas (list_transform and friends): a lambda costs about two milliseconds per
 * 2,048-row vector that reaches it, whatever the number of rows. A value needed twice there is computed twice,
 * which is cheap for the few cells that get that far. Lookups go through a MAP literal, so that the key is
 * computed once rather than once per WHEN.
 */

const FULL_WIDTH = Array.from({ length: 94 }, (_, i) => String.fromCharCode(0xff01 + i)).join('');
const HALF_WIDTH = Array.from({ length: 94 }, (_, i) => String.fromCharCode(0x21 + i)).join('');
const SEPARATORS = `[${LIST_SEPARATORS}]`;
const TRIM_CODES = [...TRIM_CHARS].map((ch) => ch.codePointAt(0));
/** Items without anything to trim or to split on. */
const ITEM = `[^${LIST_SEPARATORS}${TRIM_CHARS}]+`;
const SERIAL = '\\d{5}(\\.\\d+)?';

/** A MAP literal (keys unique: later pairs win, as in a JavaScript Map). */
function mapLiteral(pairs: Iterable<readonly [string, string]>, value: (v: string) => string = lit): string {
	const unique = new Map(pairs);
	return `MAP {${[...unique].map(([k, v]) => `${lit(k)}: ${value(v)}`).join(', ')}}`;
}

/** Membership in a fixed list. Not IN (…): DuckDB turns a longer IN list into a join, which costs more and loses the rows' order. */
function oneOf(x: string, words: Iterable<string>): string {
	return `list_contains([${[...words].map(lit).join(', ')}], ${x})`;
}

/** RE2 needs these escaped to match them as themselves. */
function reEscape(s: string): string {
	return s.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

function enumPairs(values: readonly string[], synonyms: Readonly<Record<string, string>>): Map<string, string> {
	return new Map<string, string>([...values.map((v): [string, string] => [v, v]), ...Object.entries(synonyms)]);
}

/** Keys the readers would reach from a cell written exactly so: a cell equal to one may skip the canonical form. */
function enumFixedPoint(key: string): boolean {
	return canonicalText(key).replace(/\s+/g, '') === key;
}

/** Numeric dates in the forms the readers accept, in one expression: 2019-05-30, 2019/5/30, 2019.5.30, 2019年5月30日, 20190530. */
const YMD = '(\\d{4})(?:[-/.](\\d{1,2})[-/.](\\d{1,2})|年(\\d{1,2})月(\\d{1,2})日?|(\\d{2})(\\d{2}))';

/**
 * The readers as SQL macros, created in the database when it is opened (so that every connection has them and
 * each import's SQL stays short). Names start with eq_ to keep clear of anything else.
 */
export function normalizeMacros(): string[] {
	const m: string[] = [
		// translate() costs microseconds a cell; most cells have no full-width character and skip it.
		`CREATE OR REPLACE MACRO eq_canon(x) AS trim(CASE WHEN regexp_matches(x, '[\\x{FF01}-\\x{FF5E}\\x{3000}]')
			THEN translate(x, ${lit(FULL_WIDTH + '\u3000')}, ${lit(HALF_WIDTH + ' ')}) ELSE x END, ${lit(TRIM_CHARS)})`,
		// Longer than any blank word and nothing to trim: the text as it stands, neither blank nor changed by trimming.
		// The first character by its code point and the last by suffix(): a regular expression looking at the end
		// of the text would read all of it, for every text cell of the file.
		`CREATE OR REPLACE MACRO eq_as_is(x) AS length(x) > 4 AND NOT list_contains([${TRIM_CODES.join(', ')}], ord(x))
			AND NOT (${TRIM_CODES.map((code) => `suffix(x, chr(${code}))`).join(' OR ')})`,
		`CREATE OR REPLACE MACRO eq_blank(x) AS CASE WHEN x IS NULL THEN true WHEN eq_as_is(x) THEN false
			ELSE length(trim(x, ${lit(TRIM_CHARS)})) <= 4 AND ${oneOf('lower(eq_canon(x))', BLANK_WORDS)} END`,
		`CREATE OR REPLACE MACRO eq_text(x) AS CASE WHEN x IS NULL THEN NULL WHEN eq_as_is(x) THEN x
			WHEN eq_blank(x) THEN NULL ELSE trim(x, ${lit(TRIM_CHARS)}) END`,
		`CREATE OR REPLACE MACRO eq_int_digits(x) AS regexp_replace(regexp_replace(eq_canon(x), '[,，\\s]', '', 'g'), '(人|名|个|次|月|个月)$', '')`,
		`CREATE OR REPLACE MACRO eq_int(x) AS CASE WHEN x IS NULL THEN NULL
			WHEN regexp_full_match(x, '\\d{1,9}') THEN CAST(x AS INTEGER)
			WHEN regexp_full_match(eq_int_digits(x), '\\d+(\\.0+)?') THEN try_cast(split_part(eq_int_digits(x), '.', 1) AS INTEGER) END`,
		`CREATE OR REPLACE MACRO eq_money_m0(x) AS regexp_replace(regexp_replace(eq_canon(x), '[¥￥,，\\s]', '', 'g'), '(?i)^RMB', '')`,
		`CREATE OR REPLACE MACRO eq_money_wan(m0, unit) AS (regexp_matches(m0, '万元?$') OR (unit = 'wan' AND NOT regexp_matches(m0, '元$')))`,
		`CREATE OR REPLACE MACRO eq_money_num(m0) AS regexp_replace(m0, '(万元?|元)$', '')`,
		`CREATE OR REPLACE MACRO eq_money_yuan(num, wan) AS CASE WHEN wan THEN CAST(try_cast(num AS DECIMAL(38,6)) * 10000 AS DECIMAL(38,2)) ELSE try_cast(num AS DECIMAL(38,2)) END`,
		// Digits only, no more decimals than a fen, and no larger than the readers accept (2^53 fen).
		`CREATE OR REPLACE MACRO eq_money_of(num, wan) AS CASE WHEN regexp_full_match(num, '\\d+(\\.\\d+)?')
			AND length(rtrim(regexp_extract(num, '\\.(\\d+)$', 1), '0')) <= CASE WHEN wan THEN 6 ELSE 2 END
			AND eq_money_yuan(num, wan) < 90000000000000 THEN CAST(eq_money_yuan(num, wan) AS DECIMAL(18,2)) END`,
		`CREATE OR REPLACE MACRO eq_money_full(x, unit) AS eq_money_of(eq_money_num(eq_money_m0(x)), eq_money_wan(eq_money_m0(x), unit))`,
		// At most eight digits of 万元: the product must fit DECIMAL(18,6) (nine overflowed and failed the whole
		// import; DECIMAL(38,6) would cost twenty times as much). Larger amounts take the full reading.
		`CREATE OR REPLACE MACRO eq_money(x, unit) AS CASE WHEN x IS NULL THEN NULL
			WHEN unit = 'yuan' AND regexp_full_match(x, '\\d{1,13}(\\.\\d{1,2})?') THEN CAST(x AS DECIMAL(18,2))
			WHEN unit = 'wan' AND regexp_full_match(x, '\\d{1,8}(\\.\\d{1,6})?') THEN CAST(CAST(x AS DECIMAL(18,6)) * 10000 AS DECIMAL(18,2))
			ELSE eq_money_full(x, unit) END`,
		`CREATE OR REPLACE MACRO eq_date_text(x) AS CASE WHEN regexp_matches(x, '[:：T]')
			THEN regexp_replace(regexp_replace(eq_canon(x), '\\s+\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?$', ''), 'T\\d{2}:\\d{2}.*$', '') ELSE eq_canon(x) END`,
		// The readers' numeric forms in one pattern, rewritten to Y-M-D for DuckDB's own date cast (which refuses
		// 30 February), and Excel's serial numbers (20000–80000); only the years the readers accept (1900–2200).
		`CREATE OR REPLACE MACRO eq_date_ymd(d) AS CASE WHEN left(d, 4) BETWEEN '1900' AND '2200'
			THEN try_cast(regexp_replace(d, ${lit(`^${YMD}$`)}, '\\1-\\2\\4\\6-\\3\\5\\7') AS DATE) END`,
		`CREATE OR REPLACE MACRO eq_date_serial(d) AS CASE WHEN left(d, 5) BETWEEN '20000' AND '80000' THEN DATE '1899-12-30' + CAST(left(d, 5) AS INTEGER) END`,
		`CREATE OR REPLACE MACRO eq_date_of(d) AS CASE WHEN regexp_full_match(d, ${lit(YMD)}) THEN eq_date_ymd(d)
			WHEN regexp_full_match(d, ${lit(SERIAL)}) THEN eq_date_serial(d) END`,
		// A cell already in one of those forms skips the canonical text (full-width digits, spaces, a time of day).
		`CREATE OR REPLACE MACRO eq_date(x) AS CASE WHEN x IS NULL THEN NULL
			WHEN regexp_full_match(x, ${lit(YMD)}) THEN eq_date_ymd(x)
			WHEN regexp_full_match(x, ${lit(SERIAL)}) THEN eq_date_serial(x)
			ELSE eq_date_of(eq_date_text(x)) END`,
		`CREATE OR REPLACE MACRO eq_bool(x) AS CASE WHEN x IS NULL THEN NULL
			WHEN ${oneOf(
				'x',
				[...TRUE_WORDS].filter((w) => canonicalText(w).toLowerCase() === w)
			)} THEN true
			WHEN ${oneOf(
				'x',
				[...FALSE_WORDS].filter((w) => canonicalText(w).toLowerCase() === w)
			)} THEN false
			ELSE map_extract_value(${mapLiteral(
				[...[...TRUE_WORDS].map((w): [string, string] => [w, 'true']), ...[...FALSE_WORDS].map((w): [string, string] => [w, 'false'])],
				(v) => v
			)}, lower(eq_canon(x))) END`,
		`CREATE OR REPLACE MACRO eq_enum_key(x) AS regexp_replace(eq_canon(x), '\\s+', '', 'g')`,
		`CREATE OR REPLACE MACRO eq_list_items(x) AS list_filter(list_transform(string_split_regex(x, ${lit(SEPARATORS)}), s -> trim(s, ${lit(TRIM_CHARS)})), s -> s <> '')`,
		// Any item that is not a known value leaves the whole cell unsettled; duplicates keep their first place.
		`CREATE OR REPLACE MACRO eq_list_of(mapped) AS CASE WHEN list_bool_or(list_transform(mapped, v -> v IS NULL)) THEN NULL
			ELSE list_filter(mapped, (v, i) -> list_position(mapped, v) = i) END`,
		// Items separated by single separators, with nothing to trim: split as they stand. 、 is the separator
		// Chinese exports use, and string_split costs a sixth of string_split_regex.
		`CREATE OR REPLACE MACRO eq_items(x) AS CASE WHEN x IS NULL THEN NULL
			WHEN length(x) > 4 AND regexp_full_match(x, ${lit(`${ITEM}(、${ITEM})*`)}) THEN string_split(x, '、')
			WHEN length(x) > 4 AND regexp_full_match(x, ${lit(`${ITEM}(${SEPARATORS}${ITEM})*`)}) THEN string_split_regex(x, ${lit(SEPARATORS)})
			WHEN eq_blank(x) THEN NULL ELSE eq_list_items(x) END`
	];
	for (const f of FIELDS) {
		if (!('values' in f)) continue;
		const pairs = enumPairs(f.values, 'synonyms' in f ? f.synonyms : {});
		const synonyms = [...pairs].filter(([k, v]) => k !== v && enumFixedPoint(k));
		const map = mapLiteral(pairs);
		// A cell written exactly as a value or a synonym is looked up as it stands; the rest through its canonical form.
		const lookup = (x: string) => `CASE WHEN ${oneOf(x, f.values)} THEN ${x}
			${
				synonyms.length
					? `WHEN ${oneOf(
							x,
							synonyms.map(([k]) => k)
						)} THEN map_extract_value(${mapLiteral(synonyms)}, ${x})`
					: ''
			}
			ELSE map_extract_value(${map}, eq_enum_key(${x})) END`;
		m.push(`CREATE OR REPLACE MACRO eq_map_${f.key}(x) AS ${lookup('x')}`);
		if (f.type === 'enum') m.push(`CREATE OR REPLACE MACRO eq_enum_${f.key}(x) AS CASE WHEN x IS NULL THEN NULL ELSE eq_map_${f.key}(x) END`);
		else {
			// Values joined by single separators, none repeated, map to themselves: split as they stand.
			const plain = f.values.filter((v) => enumFixedPoint(v) && !new RegExp(`${SEPARATORS}|[${TRIM_CHARS}]`).test(v)).map(reEscape);
			m.push(
				`CREATE OR REPLACE MACRO eq_list_${f.key}(x) AS CASE WHEN x IS NULL THEN NULL
					WHEN ${oneOf('x', f.values)} THEN [x]
					WHEN regexp_full_match(x, ${lit(`(${plain.join('|')})(${SEPARATORS}(${plain.join('|')}))*`)})
						AND list_unique(string_split_regex(x, ${lit(SEPARATORS)})) = len(string_split_regex(x, ${lit(SEPARATORS)}))
						THEN string_split_regex(x, ${lit(SEPARATORS)})
					WHEN eq_blank(x) THEN NULL
					ELSE eq_list_of(list_transform(eq_list_items(x), s -> eq_map_${f.key}(s))) END`
			);
		}
	}
	return m;
}

/**
 * The typed value of a raw cell for a field, NULL when blank or when the SQL cannot settle it. A blank word is
 * never a number, date, flag or listed value, so only text and lists test for one; the others give NULL anyway.
 */
export function valueExpr(f: Field, x: string, unit: MoneyUnit | null): string {
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
			return 'values' in f ? `eq_list_${f.key}(${x})` : `eq_items(${x})`;
	}
}

/** Whether the SQL settled a cell: it gave a value, or it was blank (tested only for the rare cell that gave none). */
export function settledExpr(value: string, x: string): string {
	return `CASE WHEN ${value} IS NOT NULL OR ${x} IS NULL THEN true ELSE eq_blank(${x}) END`;
}
