import { json } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { freshFlags, listFlags, type StoredFlag } from '$lib/server/review';
import { RULES, type RuleId } from '$lib/domain/review-rules';
import type { RequestHandler } from './$types';

const STATUSES = ['open', 'accepted', 'corrected', 'cleared', 'all'] as const;

/** GET /api/flags?status=open&rule=R03: the flags as the `flags` command prints them. */
export const GET: RequestHandler = async ({ url }) => {
	const status = (url.searchParams.get('status') ?? 'open') as (typeof STATUSES)[number];
	const rule = url.searchParams.get('rule');
	const errors = [];
	if (!STATUSES.includes(status))
		errors.push({ field: 'status', zh: `status 应为 ${STATUSES.join('、')} 之一`, en: `status must be one of ${STATUSES.join(', ')}` });
	if (rule && !(rule in RULES)) errors.push({ field: 'rule', zh: 'rule 应为 R01 到 R14', en: 'rule must be R01 to R14' });
	if (errors.length) return json({ errors }, { status: 400 });
	await freshFlags();
	const flags: StoredFlag[] = await listFlags(await getDatabase(), {
		status: status as StoredFlag['status'] | 'all',
		rule: (rule as RuleId | null) ?? undefined
	});
	return json(flags.map((f) => ({ case_id: f.case_id, rule: f.rule, severity: f.severity, reason: f.reason, value: f.value, expected: f.expected })));
};
