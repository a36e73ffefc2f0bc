import { CIRCUMSTANCE_FIELDS, type CircumstanceField, type CircumstanceKey, type CircumstanceRequest } from '$lib/domain/circumstances';

/** What the officer typed or chose for each circumstance: text for numbers, '' / 'true' / 'false' for yes-no, a value or ''. */
export type CircumstanceInputs = Record<CircumstanceKey, string>;

/** The form's text for a request's value: blank for unknown. */
function textOf(f: CircumstanceField, v: unknown): string {
	if (v === null || v === undefined) return '';
	if (f.type === 'bool') return v === true ? 'true' : v === false ? 'false' : '';
	return String(v);
}

/** A number as people type it (thousands separators allowed); blank is unknown, anything else is left for the server to refuse. */
export function numberOf(s: string): number | null {
	const v = s.trim().replace(/,/g, '');
	return v === '' ? null : Number(v);
}

function valueOf(f: CircumstanceField, s: string): CircumstanceRequest[CircumstanceKey] {
	if (f.type === 'int' || f.type === 'money') return numberOf(s);
	if (f.type === 'bool') return s === '' ? null : s === 'true';
	return s === '' ? null : (s as CircumstanceRequest[typeof f.key]);
}

export function inputsOf(start: CircumstanceRequest): CircumstanceInputs {
	return Object.fromEntries(CIRCUMSTANCE_FIELDS.map((f) => [f.key, textOf(f, start[f.key])])) as CircumstanceInputs;
}

/** The circumstances to send: only those the item asks for, the others unknown. */
export function circumstancesOf(inputs: CircumstanceInputs, asks: ReadonlySet<string>): CircumstanceRequest {
	return Object.fromEntries(CIRCUMSTANCE_FIELDS.map((f) => [f.key, asks.has(f.key) ? valueOf(f, inputs[f.key]) : null])) as CircumstanceRequest;
}

/** A number field whose text is not a number: which one, its label, and what was typed. */
export interface NotNumber {
	key: string;
	label: string;
	value: string;
}

/** The asked count and amount fields, and the intended fine, whose text is neither blank nor a number. */
export function notNumbers(
	fields: readonly { key: CircumstanceKey; label: string; type: string }[],
	inputs: CircumstanceInputs,
	asks: ReadonlySet<string>,
	fine: string,
	fineLabel: string
): NotNumber[] {
	const bad = (s: string) => s.trim() !== '' && !Number.isFinite(numberOf(s));
	const out: NotNumber[] = fields
		.filter((f) => (f.type === 'int' || f.type === 'money') && asks.has(f.key) && bad(inputs[f.key]))
		.map((f) => ({ key: f.key, label: f.label, value: inputs[f.key].trim() }));
	if (bad(fine)) out.push({ key: 'fine_amount', label: fineLabel, value: fine.trim() });
	return out;
}
