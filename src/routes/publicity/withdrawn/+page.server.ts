import { getDatabase } from '$lib/server/db';
import { listWithdrawn } from '$lib/server/publicity';
import { groundFromCase, withdrawalDeadline } from '$lib/domain/publicity-deadlines';
import type { PageServerLoad } from './$types';

const PAGE = 50;

export const load: PageServerLoad = async ({ url }) => {
	const page = Math.max(0, Math.floor(Number(url.searchParams.get('page')) || 0));
	const list = await listWithdrawn(await getDatabase(), PAGE, page * PAGE);
	return {
		done: url.searchParams.get('done'),
		total: list.total,
		page,
		pages: Math.max(1, Math.ceil(list.total / PAGE)),
		rows: list.rows.map((r) => ({
			key: `${r.agency}|${r.case_id}`,
			case_id: r.case_id,
			decision_no: r.decision_no,
			decided_on: r.decided_on,
			published_on: r.published_on,
			withdrawn_on: r.withdrawn_on,
			// Withdrawals the case-management export reported carry no reason of ours: the ruling says why.
			ground: r.withdraw_ground ?? groundFromCase(r) ?? (r.status === '已撤销' ? '案件已撤销' : null),
			reason: r.withdraw_reason,
			ruling_on: r.ruling_on,
			by: r.withdrawn_by,
			r09: withdrawalDeadline(r.ruling_on, r.withdrawn_on)
		}))
	};
};
