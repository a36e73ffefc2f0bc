import { json } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { currentFlags, listFlags, type StoredFlag } from '$lib/server/review';
import { RULES, type RuleId } from '$lib/domain/review-rules';
import type { RequestHandler } from './$types';
import { bilingual, msg, type Message } from '$lib/i18n';

const STATUSES = ['open', 'accepted', 'corrected', 'cleared', 'all'] as const;

/** At ten million cases there are millions of flags: a page at a time, the next one named in a Link header. */
const MAX_PAGE = 10_000;

/** A whole number from min to max, the default when absent, null when given but not such a number. */
function intParam(raw: string | null, min: number, max: number, dflt: number): number | null {
	if (raw === null || raw === '') return dflt;
	const n = Number(raw);
	return Number.isInteger(n) && n >= min && n <= max ? n : null;
}

/** GET /api/flags?status=open&rule=R03&limit=&offset=: the flags as the `flags` command prints them. */
export const GET: RequestHandler = async ({ url }) => {
	const status = (url.searchParams.get('status') ?? 'open') as (typeof STATUSES)[number];
	const rule = url.searchParams.get('rule');
	const limit = intParam(url.searchParams.get('limit'), 1, MAX_PAGE, MAX_PAGE);
	const offset = intParam(url.searchParams.get('offset'), 0, Number.MAX_SAFE_INTEGER, 0);
	const errors: { field: string; zh: string; en: string }[] = [];
	const refuse = (field: string, why: Message) => errors.push({ field, ...bilingual(why) });
	if (limit === null) refuse('limit', msg('err.flags.limit', { max: MAX_PAGE }));
	if (offset === null) refuse('offset', msg('err.flags.offset'));
	if (!STATUSES.includes(status)) refuse('status', msg('err.flags.status', { values: { zh: STATUSES.join('、'), en: STATUSES.join(', ') } }));
	if (rule && !(rule in RULES)) refuse('rule', msg('err.flags.rule'));
	if (errors.length || limit === null || offset === null) return json({ errors }, { status: 400 });
	await currentFlags();
	const flags: StoredFlag[] = await listFlags(await getDatabase(), {
		status: status as StoredFlag['status'] | 'all',
		rule: (rule as RuleId | null) ?? undefined,
		limit,
		offset
	});
	const headers = new Headers();
	if (flags.length === limit) {
		const next = new URL(url);
		next.searchParams.set('limit', String(limit));
		next.searchParams.set('offset', String(offset + limit));
		headers.set('link', `<${next.pathname}${next.search}>; rel="next"`);
	}
	return json(
		flags.map((f) => ({ case_id: f.case_id, rule: f.rule, severity: f.severity, reason: f.reason, value: f.value, expected: f.expected })),
		{ headers }
	);
};
