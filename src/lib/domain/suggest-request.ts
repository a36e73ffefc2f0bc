import { z } from 'zod';
import { TIERS, field, type CaseKey } from './case-schema';
import { CIRCUMSTANCE_FIELDS, type CircumstanceField, type CircumstanceKey, type CircumstanceRequest, type RequestValue } from './circumstances';
import type { Circumstances } from './catalog';
import type { ModelCase } from './discretion-features';

/**
 * A request for a suggestion, from the officers' form or the JSON API: the keys of the data dictionary, money in
 * yuan as people write it (held in fen afterwards, like every record). Every problem is reported per field in
 * Chinese and English; unknown circumstances are simply left out or null.
 */

export interface FieldError {
	field: string;
	zh: string;
	en: string;
}

const count = (key: CaseKey) =>
	z
		.number({ error: `「${field(key).header}」应为数字 / ${field(key).en} must be a number` })
		.int({ error: `「${field(key).header}」应为整数 / ${field(key).en} must be a whole number` })
		.min(0, { error: `「${field(key).header}」不能为负数 / ${field(key).en} cannot be negative` })
		.max(10_000_000, { error: `「${field(key).header}」过大 / ${field(key).en} is too large` })
		.nullable()
		.optional();

const money = (key: CaseKey) =>
	z
		.number({ error: `「${field(key).header}」应为以元计的数字 / ${field(key).en} must be a number of yuan` })
		.min(0, { error: `「${field(key).header}」不能为负数 / ${field(key).en} cannot be negative` })
		.max(1e12, { error: `「${field(key).header}」过大 / ${field(key).en} is too large` })
		.nullable()
		.optional();

const flag = (key: CaseKey) =>
	z
		.boolean({ error: `「${field(key).header}」应为 true、false 或 null / ${field(key).en} must be true, false or null` })
		.nullable()
		.optional();

const oneOf = <T extends readonly [string, ...string[]]>(key: CaseKey, values: T) =>
	z
		.enum(values, { error: `「${field(key).header}」应为 ${values.join('、')} 之一 / ${field(key).en} must be one of ${values.join(', ')}` })
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

export const suggestRequestSchema = z.object({
	case_id: z.string().max(100).nullable().optional(),
	item_code: z.string({ error: '缺少「事项编码」/ item_code is required' }).trim().min(1, { error: '缺少「事项编码」/ item_code is required' }),
	...circumstances,
	circumstance_tier: oneOf('circumstance_tier', TIERS),
	/** The fine the officer intends to propose, in yuan: placed against the range, never used to make it. */
	fine_amount: money('fine_amount'),
	level: z
		.number({ error: '「level」应为 0.5 到 0.99 之间的数字 / level must be a number between 0.5 and 0.99' })
		.min(0.5, { error: '「level」应在 0.5 到 0.99 之间 / level must be between 0.5 and 0.99' })
		.max(0.99, { error: '「level」应在 0.5 到 0.99 之间 / level must be between 0.5 and 0.99' })
		.optional()
});

export type SuggestRequest = z.infer<typeof suggestRequestSchema>;

export interface ParsedSuggestRequest {
	input: ModelCase & { case_id: string | null; fine_amount: number | null; circumstance_tier: string | null };
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
		const errors = r.error.issues.map((i) => {
			const path = i.path.join('.') || '(body)';
			const message = i.code === 'invalid_type' && i.path.length === 0 ? '请求体应为 JSON 对象 / the body must be a JSON object' : i.message;
			const [zh, en] = message.includes(' / ') ? message.split(' / ') : [message, message];
			return { field: path, zh: zh ?? message, en: en ?? message };
		});
		return { ok: false, errors };
	}
	const v = r.data;
	return {
		ok: true,
		value: {
			level: v.level ?? 0.8,
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
