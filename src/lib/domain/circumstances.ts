import { FIELDS, type Field } from './case-schema';

/**
 * The circumstances of a case that the discretion benchmark and the model read, and that the officers' form asks
 * for: the party's type and the dictionary's circumstances group, less the discretion tier (their outcome, which
 * the form marks apart). Everything that lists them (the catalog's conditions, the suggestion request, the form)
 * reads this one list.
 */
export type CircumstanceField = Extract<Field, { key: 'party_type' }> | Exclude<Extract<Field, { group: 'circumstances' }>, { key: 'circumstance_tier' }>;
export type CircumstanceKey = CircumstanceField['key'];
export type CircumstanceType = CircumstanceField['type'];

const isCircumstance = (f: Field): f is CircumstanceField => f.key === 'party_type' || (f.group === 'circumstances' && f.key !== 'circumstance_tier');

const ALL = FIELDS.filter(isCircumstance);
/** In the form's order: the party's type first, then the dictionary's order. */
export const CIRCUMSTANCE_FIELDS: readonly CircumstanceField[] = [...ALL.filter((f) => f.key === 'party_type'), ...ALL.filter((f) => f.key !== 'party_type')];

// A tuple type, so that zod's enum can be built from it.
export const CIRCUMSTANCE_KEYS = CIRCUMSTANCE_FIELDS.map((f) => f.key) as unknown as readonly [CircumstanceKey, ...CircumstanceKey[]];

/** A circumstance's value as a request carries it: numbers (money in yuan), yes/no, or one of the field's values. */
export type RequestValue<K extends CircumstanceKey> =
	Extract<CircumstanceField, { key: K }> extends infer F
		? F extends { type: 'bool' }
			? boolean
			: F extends { values: readonly (infer V)[] }
				? V
				: number
		: never;

export type CircumstanceRequest = { [K in CircumstanceKey]?: RequestValue<K> | null };
