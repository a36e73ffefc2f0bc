import { getDatabase } from '$lib/server/db';
import { getCatalog } from '$lib/server/catalog';
import { addDays } from '$lib/domain/dates';
import { publicityRow } from '$lib/domain/publicity';
import { groundFromCase } from '$lib/domain/publicity-deadlines';
import { getPublicitySettings, listPublished, listWithdrawn, toPublicityCase, today } from '$lib/server/publicity';
import { pageNumber } from '$lib/server/http/form';
import type { PageServerLoad } from './$types';

const PAGE = 20;

export const load: PageServerLoad = async ({ url }) => {
	const db = await getDatabase();
	const catalog = getCatalog();
	const day = today();
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 60);
	const page = pageNumber(url.searchParams);
	const [list, withdrawn, settings] = await Promise.all([
		listPublished(db, day, { q: q || undefined }, PAGE, page * PAGE, true),
		// Withdrawal notices stay up for a year, as long as the decision itself would have.
		listWithdrawn(db, 20, 0, addDays(day, -365)),
		getPublicitySettings(db)
	]);
	return {
		q,
		page,
		pages: Math.max(1, Math.ceil(list.total / PAGE)),
		total: list.total,
		today: day,
		decisions: list.rows.map((r) => publicityRow(toPublicityCase(r, catalog), settings)),
		withdrawals: withdrawn.rows.map((r) => ({
			decision_no: r.decision_no ?? '',
			agency: r.agency ?? '',
			withdrawn_on: r.withdrawn_on ?? '',
			ground: r.withdraw_ground ?? groundFromCase(r) ?? '',
			reason: r.withdraw_reason ?? ''
		}))
	};
};
