import { z } from 'zod';
import { HARMS, PARTY_TYPES, TIERS, field, type CaseKey } from './case-schema';
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

export const suggestRequestSchema = z.object({
	case_id: z.string().max(100).nullable().optional(),
	item_code: z.string({ error: '缺少「事项编码」/ item_code is required' }).trim().min(1, { error: '缺少「事项编码」/ item_code is required' }),
	party_type: oneOf('party_type', PARTY_TYPES),
	employees_affected: count('employees_affected'),
	months_overdue: count('months_overdue'),
	amount_involved: money('amount_involved'),
	prior_violations: count('prior_violations'),
	rectified: flag('rectified'),
	cooperated: flag('cooperated'),
	harm: oneOf('harm', HARMS),
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
				party_type: v.party_type ?? null,
				employees_affected: v.employees_affected ?? null,
				months_overdue: v.months_overdue ?? null,
				amount_involved: toFen(v.amount_involved),
				prior_violations: v.prior_violations ?? null,
				rectified: v.rectified ?? null,
				cooperated: v.cooperated ?? null,
				harm: v.harm ?? null,
				circumstance_tier: v.circumstance_tier ?? null,
				fine_amount: toFen(v.fine_amount)
			}
		}
	};
}
