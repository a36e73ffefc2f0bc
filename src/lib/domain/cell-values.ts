import { makeDate, fromDayNumber, type IsoDate } from './dates';
import type { CellProblem, CellProblemCode } from './import-reasons';

/**
 * Reading one cell of an export as the dictionary's types. Each reader returns the value or the problem (a stable
 * code and the text as given) that says why the text cannot be that value; nothing is guessed or silently "fixed".
 */

export type Read<T> = { ok: true; value: T | null } | { ok: false; problem: CellProblem };

const ok = <T>(value: T | null): Read<T> => ({ ok: true, value });
const fail = <T>(code: CellProblemCode, raw: string, allowed?: string): Read<T> => ({
	ok: false,
	problem: allowed === undefined ? { code, raw } : { code, raw, allowed }
});

/** Full-width forms to half-width (NFKC), trimmed; the form numbers, dates and codes are read from. */
export function canonicalText(s: string): string {
	return s
		.normalize('NFKC')
		.replace(/\u3000/g, ' ')
		.trim();
}

/** Characters trimmed from the ends of a text value (the importer's SQL path trims exactly these too). */
export const TRIM_CHARS = ' \t\n\r\u3000\u00a0';
const TRIM_RE = new RegExp(`^[${TRIM_CHARS}]+|[${TRIM_CHARS}]+$`, 'g');

/** A text value as given, only trimmed: names and numbers keep their own punctuation (nothing silently changed). */
export function trimText(s: string): string {
	return s.replace(TRIM_RE, '');
}

/** Words exports write in an empty cell, such as 「-」 or 「无数据」 (compared half-width, trimmed, in lower case). */
export const BLANK_WORDS: readonly string[] = ['', '-', '--', '/', '无数据', 'null', 'n/a'];

/** Full-width ASCII forms to half-width and the ideographic space to a space: exactly what the SQL path does. */
export function halfWidth(s: string): string {
	return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Empty cells, and cells that only say "nothing". */
export function isBlank(s: string): boolean {
	return BLANK_WORDS.includes(trimText(halfWidth(s)).toLowerCase());
}

// Excel's day 0 is 1899-12-30 (it counts the non-existent 1900-02-29), i.e. day -25569 of the Unix epoch.
const EXCEL_EPOCH_DAY = -25569;

export function readDate(raw: string): Read<IsoDate> {
	if (isBlank(raw)) return ok(null);
	const t = canonicalText(raw)
		.replace(/\s+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/, '')
		.replace(/T\d{2}:\d{2}.*$/, '');
	let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
	if (m) {
		const d = makeDate(Number(m[1]), Number(m[2]), Number(m[3]));
		return d ? ok(d) : fail('date-invalid', raw);
	}
	m = /^(\d{5})(\.\d+)?$/.exec(t);
	if (m) {
		const serial = Number(m[1]);
		// Serials 20000–80000 cover 1954–2119: anything else is not a plausible Excel date.
		if (serial >= 20000 && serial <= 80000) return ok(fromDayNumber(EXCEL_EPOCH_DAY + serial));
	}
	return fail('date-unreadable', raw);
}

export type MoneyUnit = 'yuan' | 'wan';

/**
 * Money as an exact number of fen. The unit comes from the cell (元 / 万元) or else from the column's header.
 * Decimal arithmetic on the digits, never floating point, so 1.2345万元 is exactly 12,345.00 yuan.
 */
export function readMoney(raw: string, unit: MoneyUnit = 'yuan'): Read<number> {
	if (isBlank(raw)) return ok(null);
	let t = canonicalText(raw)
		.replace(/[¥￥,，\s]/g, '')
		.replace(/^RMB/i, '');
	let u = unit;
	if (t.endsWith('万元') || t.endsWith('万')) {
		u = 'wan';
		t = t.replace(/万元?$/, '');
	} else if (t.endsWith('元')) {
		u = 'yuan';
		t = t.slice(0, -1);
	}
	const m = /^(\d+)(?:\.(\d+))?$/.exec(t);
	if (!m) return fail(/^-/.test(t) ? 'money-negative' : 'money-unreadable', raw);
	const places = u === 'wan' ? 6 : 2; // decimal places of fen: 万元 → fen is ×10^6, 元 → ×10^2
	const frac = m[2] ?? '';
	if (frac.replace(/0+$/, '').length > places) return fail('money-sub-fen', raw);
	const fen = BigInt((m[1] ?? '0') + frac.padEnd(places, '0').slice(0, places));
	if (fen > BigInt(Number.MAX_SAFE_INTEGER)) return fail('money-too-large', raw);
	return ok(Number(fen));
}

export function readInt(raw: string): Read<number> {
	if (isBlank(raw)) return ok(null);
	const t = canonicalText(raw)
		.replace(/[,，\s]/g, '')
		.replace(/(人|名|个|次|月|个月)$/, '');
	const m = /^(\d+)(?:\.0+)?$/.exec(t);
	if (!m) return fail('int-unreadable', raw);
	const n = Number(m[1]);
	// The database keeps counts as 32-bit integers.
	return n <= 2_147_483_647 ? ok(n) : fail('int-too-large', raw);
}

export const TRUE_WORDS: ReadonlySet<string> = new Set(['是', 'y', 'yes', '1', 'true', '√', '✓', '有', '已改正', '已整改', '已配合', '配合', '已录制']);
export const FALSE_WORDS: ReadonlySet<string> = new Set([
	'否',
	'n',
	'no',
	'0',
	'false',
	'×',
	'✗',
	'x',
	'无',
	'未改正',
	'未整改',
	'不配合',
	'拒不配合',
	'未录制'
]);

export function readBool(raw: string): Read<boolean> {
	if (isBlank(raw)) return ok(null);
	const t = canonicalText(raw).toLowerCase();
	if (TRUE_WORDS.has(t)) return ok(true);
	if (FALSE_WORDS.has(t)) return ok(false);
	return fail('bool-unreadable', raw);
}

export function readEnum(raw: string, values: readonly string[], synonyms: Readonly<Record<string, string>> = {}): Read<string> {
	if (isBlank(raw)) return ok(null);
	const t = canonicalText(raw).replace(/\s+/g, '');
	if (values.includes(t)) return ok(t);
	// Own keys only: a cell reading 「constructor」 or 「toString」 is not a synonym of anything.
	const s = Object.hasOwn(synonyms, t) ? synonyms[t] : undefined;
	if (s !== undefined) return ok(s);
	return fail('value-not-allowed', raw, values.join('、'));
}

/** Separators of list cells. */
export const LIST_SEPARATORS = ';；、,，';

/** List cells are separated by ; ； 、 , or ，; each item is kept as given, only trimmed. */
export function splitList(raw: string): string[] {
	return raw
		.split(new RegExp(`[${LIST_SEPARATORS}]`))
		.map(trimText)
		.filter((s) => s !== '');
}

export function readList(raw: string, values?: readonly string[], synonyms: Readonly<Record<string, string>> = {}): Read<string[]> {
	if (isBlank(raw)) return ok(null);
	const items = splitList(raw);
	if (!values) return ok(items);
	const out: string[] = [];
	for (const item of items) {
		const r = readEnum(item, values, synonyms);
		if (!r.ok) return { ok: false, problem: r.problem };
		if (r.value !== null && !out.includes(r.value)) out.push(r.value);
	}
	return ok(out);
}

/** Money in fen as the text exports write it: yuan with two decimals, no float on the way. */
export function formatFen(fen: number, unit: MoneyUnit = 'yuan'): string {
	const neg = fen < 0;
	const digits = String(Math.abs(fen)).padStart(unit === 'wan' ? 7 : 3, '0');
	const places = unit === 'wan' ? 6 : 2;
	let s = `${digits.slice(0, -places)}.${digits.slice(-places)}`;
	if (unit === 'wan') s = s.replace(/0+$/, '').replace(/\.$/, '');
	return (neg ? '-' : '') + s;
}
