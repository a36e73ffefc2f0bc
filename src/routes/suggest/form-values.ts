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
