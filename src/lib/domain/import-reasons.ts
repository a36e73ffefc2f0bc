import type { Key, Message, Term } from '../i18n/message';

/**
 * Why a row of an export could not be a case (or a roster entry), as stable codes. The code is what tools and
 * tests rely on; the texts are the message keys `import.reason.<code>` in both languages, so the page, the command
 * line and the quarantine CSV say the same thing in Chinese and English.
 */

/** Why one cell cannot be read as its field's type (see cell-values.ts). */
export const CELL_PROBLEMS = [
	'date-invalid',
	'date-unreadable',
	'money-negative',
	'money-unreadable',
	'money-sub-fen',
	'money-too-large',
	'int-unreadable',
	'int-too-large',
	'bool-unreadable',
	'value-not-allowed'
] as const;
export type CellProblemCode = (typeof CELL_PROBLEMS)[number];

/** Why a whole row cannot be a case. */
export const ROW_PROBLEMS = [
	'required-missing',
	'columns-missing',
	'columns-extra',
	'quote-unpaired',
	'encoding',
	'line-too-long',
	'line-unreadable',
	'duplicate-conflict',
	'duplicate-conflict-unplaced',
	'legacy'
] as const;
export type RowProblemCode = (typeof ROW_PROBLEMS)[number];

export type QuarantineCode = CellProblemCode | RowProblemCode;
export const QUARANTINE_CODES: readonly QuarantineCode[] = [...CELL_PROBLEMS, ...ROW_PROBLEMS];

export function isQuarantineCode(s: unknown): s is QuarantineCode {
	return typeof s === 'string' && (QUARANTINE_CODES as readonly string[]).includes(s);
}

/** A cell reader's refusal: the code, the text as given, and for a list of allowed values, that list. */
export interface CellProblem {
	code: CellProblemCode;
	raw: string;
	allowed?: string;
}

/** One reason a row was quarantined: its code and the values its texts interpolate. */
export interface QuarantineReason {
	code: QuarantineCode;
	values: Record<string, string | number | Term>;
}

/** The message key of a code: every code has one in both dictionaries (the type checks it). */
export function reasonKey(code: QuarantineCode): Key {
	return `import.reason.${code}`;
}

export function reasonMessage(r: QuarantineReason): Message {
	return { key: reasonKey(r.code), values: r.values };
}

/** A field's name in both languages (the case schema's and the roster's fields carry both), for reasons that name it. */
export function fieldTerm(f: { readonly header: string; readonly en: string }): Term {
	return { zh: f.header, en: f.en };
}

/** A cell's problem named with its field (「立案日期：无法识别的日期「abc」」). */
export function cellReason(field: Term, p: CellProblem): QuarantineReason {
	return { code: p.code, values: { field, raw: p.raw, allowed: p.allowed ?? '' } };
}

export function requiredMissing(field: Term): QuarantineReason {
	return { code: 'required-missing', values: { field } };
}

/** A row whose cell count differs from the header's (`more`: when the count is unknown, whether it was over). */
export function columnCount(expected: number, found: number | null, more = false): QuarantineReason {
	const over = found === null ? more : found > expected;
	return { code: over ? 'columns-extra' : 'columns-missing', values: { expected, found: found ?? '?' } };
}

/** Counts by code, only the codes that occurred. */
export type ReasonCounts = Partial<Record<QuarantineCode, number>>;

export function countReasons(rows: readonly { reasons: readonly QuarantineReason[] }[]): ReasonCounts {
	const out: ReasonCounts = {};
	for (const r of rows) for (const code of new Set(r.reasons.map((x) => x.code))) out[code] = (out[code] ?? 0) + 1;
	return out;
}
