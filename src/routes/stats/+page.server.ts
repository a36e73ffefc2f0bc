import { cachedOnData, getDatabase } from '$lib/server/db';
import { catalogBook, getCatalog } from '$lib/server/catalog';
import { dashboard, peerSection } from '$lib/server/stats';
import { filterOptions } from '$lib/server/cases';
import { defaultReportYear } from '$lib/domain/annual-report';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const db = await getDatabase();
	const catalog = getCatalog();
	const options = await cachedOnData(db, 'filter-options', () => filterOptions(db));
	const p = url.searchParams;
	const asked = Number(p.get('year'));
	const year = options.years.includes(asked) ? asked : defaultReportYear(options.years);
	const filter = {
		year,
		department: p.get('department') || undefined,
		category: p.get('category') || undefined,
		itemCode: p.get('item') || undefined,
		officer: p.get('officer')?.trim() || undefined
	};
	return {
		filter: { year, department: filter.department ?? '', category: filter.category ?? '', item: filter.itemCode ?? '', officer: filter.officer ?? '' },
		options: {
			years: options.years,
			departments: options.departments,
			categories: options.categories,
			items: catalog.items.map((i) => ({ code: i.code, name: i.name }))
		},
		// A new catalog version changes what counts as late or major: it keys the cache with the data.
		// Beside, not inside, our statistics: the peers' published fines of the same items (the year and item filters only).
		peers: await peerSection(db, catalog, year, filter.itemCode),
		stats: await cachedOnData(db, `dashboard:${(await catalogBook(db))?.signature() ?? 'file'}:${JSON.stringify(filter)}`, () => dashboard(db, catalog, filter))
	};
};
