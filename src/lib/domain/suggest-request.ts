import { z } from 'zod';
import { TIERS, field, type CaseKey } from './case-schema';
import { CIRCUMSTANCE_FIELDS, type CircumstanceField, type CircumstanceKey, type CircumstanceRequest, type RequestValue } from './circumstances';
import type { Circumstances } from './catalog';
import type { ModelCase } from './discretion-features';
import type { CaseRecord } from './case-schema';
import type { Viewer } from './masking';
import { bilingual } from '../i18n';
import { issueMessage, issueText, msg, type Message, type Term } from '../i18n/message';

/**
 * A request for a suggestion, from the officers' form or the JSON API: the keys of the data dictionary, money in
 * yuan as people write it (held in fen afterwards, like every record). Every problem is reported per field as a
 * message, with its Chinese and English (the API's documented fields); unknown circumstances are left out or null.
 */

export interface FieldError {
	field: string;
	zh: string;
	en: string;
	message: Message;
}

export function fieldError(field: string, message: Message): FieldError {
	return { field, ...bilingual(message), message };
}

/** A field's name in both languages, from the case schema. */
const name = (key: CaseKey): Term => ({ zh: field(key).header, en: field(key).en });
const says = (m: Message) => ({ error: issueText(m) });

const count = (key: CaseKey) =>
	z
		.number(says(msg('err.suggest.number', { field: name(key) })))
		.int(says(msg('err.suggest.integer', { field: name(key) })))
		.min(0, says(msg('err.suggest.negative', { field: name(key) })))
		.max(10_000_000, says(msg('err.suggest.tooLarge', { field: name(key) })))
		.nullable()
		.optional();

const money = (key: CaseKey) =>
	z
		.number(says(msg('err.suggest.yuan', { field: name(key) })))
		.min(0, says(msg('err.suggest.negative', { field: name(key) })))
		.max(1e12, says(msg('err.suggest.tooLarge', { field: name(key) })))
		.nullable()
		.optional();

const flag = (key: CaseKey) =>
	z
		.boolean(says(msg('err.suggest.boolean', { field: name(key) })))
		.nullable()
		.optional();

const oneOf = <T extends readonly [string, ...string[]]>(key: CaseKey, values: T) =>
	z
		.enum(values, says(msg('err.suggest.oneOf', { field: name(key), values: { zh: values.join('、'), en: values.join(', ') } })))
		.nullable()
		.optional();

/** The check of one circumstance, by its type in the data dictionary. */
function circumstance(f: CircumstanceField) {
	if (f.type === 'int') return count(f.key);
	if (f.type === 'money') return money(f.key);
	if (f.type === 'bool') return flag(f.key);
	return oneOf(f.key, f.values);
}

// The shape is built from the one list; its type says what each circumstance carries.
const circumstances = Object.fromEntries(CIRCUMSTANCE_FIELDS.map((f) => [f.key, circumstance(f)])) as unknown as {
	[K in CircumstanceKey]: z.ZodOptional<z.ZodNullable<z.ZodType<RequestValue<K>>>>;
};

/** The longest facts text a request may carry: a long paragraph (a ledger's is 100–300 characters), not a file. */
export const FACTS_MAX = 2000;

export const suggestRequestSchema = z.object({
	case_id: z.string().max(100).nullable().optional(),
	item_code: z
		.string(says(msg('err.suggest.itemCode')))
		.trim()
		.min(1, says(msg('err.suggest.itemCode'))),
	...circumstances,
	circumstance_tier: oneOf('circumstance_tier', TIERS),
	/** The fine the officer intends to propose, in yuan: placed against the range, never used to make it. */
	fine_amount: money('fine_amount'),
	/** The facts (违法事实) as the officer writes them: similar cases are then compared by their text too. */
	facts: z
		.string(says(msg('err.suggest.factsText')))
		.trim()
		.max(FACTS_MAX, says(msg('err.suggest.factsTooLong', { max: FACTS_MAX })))
		.nullable()
		.optional(),
	level: z
		.number(says(msg('err.suggest.levelNumber')))
		.min(0.5, says(msg('err.suggest.levelRange')))
		.max(0.99, says(msg('err.suggest.levelRange')))
		.optional()
});

export type SuggestRequest = z.infer<typeof suggestRequestSchema>;

export interface ParsedSuggestRequest {
	/** The request as validated: only the schema's keys, so what is stored is what was checked. */
	request: SuggestRequest;
	input: ModelCase & { case_id: string | null; fine_amount: number | null; circumstance_tier: string | null };
	/** The facts text given, or null (blank is none): for a case that exists, its recorded facts are used instead. */
	facts: string | null;
	level: number;
}

const toFen = (yuan: number | null | undefined) => (typeof yuan === 'number' ? Math.round(yuan * 100) : null);

/** The request's circumstances as a record holds them: unknown as null, money in fen. */
function modelCircumstances(v: CircumstanceRequest): Circumstances {
	const entries = CIRCUMSTANCE_FIELDS.map((f) => {
		const value = v[f.key] ?? null;
		return [f.key, f.type === 'money' && typeof value === 'number' ? toFen(value) : value];
	});
	return Object.fromEntries(entries) as Circumstances;
}

export function parseSuggestRequest(body: unknown): { ok: true; value: ParsedSuggestRequest } | { ok: false; errors: FieldError[] } {
	const r = suggestRequestSchema.safeParse(body);
	if (!r.success) {
		const errors = r.error.issues.map((i) =>
			fieldError(i.path.join('.') || '(body)', i.code === 'invalid_type' && i.path.length === 0 ? msg('err.suggest.body') : issueMessage(i.message))
		);
		return { ok: false, errors };
	}
	const v = r.data;
	return {
		ok: true,
		value: {
			request: v,
			level: v.level ?? 0.8,
			facts: v.facts || null,
			input: {
				case_id: v.case_id ?? null,
				item_code: v.item_code,
				...modelCircumstances(v),
				circumstance_tier: v.circumstance_tier ?? null,
				fine_amount: toFen(v.fine_amount)
			}
		}
	};
}

/** Who may save a proposal (拟处罚意见) for a case: an officer the case names, or a legal reviewer. */
export function mayPropose(viewer: Viewer, c: Pick<CaseRecord, 'officer_ids'>): boolean {
	if (viewer.roles.includes('reviewer')) return true;
	return viewer.roles.includes('officer') && !!viewer.certNo && (c.officer_ids ?? []).includes(viewer.certNo);
}
