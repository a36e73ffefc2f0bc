import { getDatabase } from '$lib/server/db';
import { getCatalog } from '$lib/server/catalog';
import { publicityRow } from '$lib/domain/publicity';
import { getPublicitySettings, listPublished, toPublicityCase, today } from '$lib/server/publicity';
import { publishedFilter } from '../filter';
import { canAct } from '../viewer';
import type { PageServerLoad } from './$types';

const PAGE = 50;

export const load: PageServerLoad = async ({ url, locals }) => {
	const db = await getDatabase();
	const catalog = getCatalog();
	const day = today();
	const filter = publishedFilter(url.searchParams);
	const page = Math.max(0, Math.floor(Number(url.searchParams.get('page')) || 0));
	const [list, settings] = await Promise.all([listPublished(db, day, filter, PAGE, page * PAGE), getPublicitySettings(db)]);
	return {
		today: day,
		filter: { q: filter.q ?? '', from: filter.from ?? '', to: filter.to ?? '', ended: filter.includeEnded ?? false },
		total: list.total,
		page,
		pages: Math.max(1, Math.ceil(list.total / PAGE)),
		canAct: canAct(locals),
		missingCode: settings.agencyCode === '',
		rows: list.rows.map((r) => ({
			agency: r.agency,
			case_id: r.case_id,
			published_on: r.published_on,
			ended: (r.end_date ?? '') < day,
			record: publicityRow(toPublicityCase(r, catalog), settings)
		}))
	};
};
