import { getDatabase } from '$lib/server/db';
import { listAudit, verifyAudit } from '$lib/server/audit';
import { isAuditAction } from '$lib/domain/audit-actions';
import type { PageServerLoad } from './$types';

const PAGE = 50;

export const load: PageServerLoad = async ({ url }) => {
	const db = await getDatabase();
	const actor = url.searchParams.get('actor')?.trim() || undefined;
	const actionParam = url.searchParams.get('action');
	const action = isAuditAction(actionParam) ? actionParam : undefined;
	const from = url.searchParams.get('from') || undefined;
	const to = url.searchParams.get('to') || undefined;
	const page = Math.max(0, Number(url.searchParams.get('page') ?? 0) || 0);
	// A date "to" includes that whole day.
	const toExclusive = to ? new Date(Date.parse(to) + 86_400_000).toISOString().slice(0, 10) : undefined;
	const [list, check, head] = await Promise.all([
		listAudit(db, { actor, action, from, to: toExclusive, limit: PAGE, offset: page * PAGE }),
		verifyAudit(db),
		db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')
	]);
	return { list, check, head: head[0] ?? null, filter: { actor: actor ?? '', action: action ?? '', from: from ?? '', to: to ?? '' }, page, pageSize: PAGE };
};
