import { getDatabase } from '$lib/server/db';
import { filterOptions, listCases, parseCell, parseFlag, SORTS, type SortKey } from '$lib/server/cases';
import { getCatalog } from '$lib/server/catalog';
import { getSettings } from '$lib/server/auth';
import { maskCase } from '$lib/domain/masking';
import type { PageServerLoad } from './$types';

const PAGE = 50;

export const load: PageServerLoad = async ({ url, locals }) => {
	const db = await getDatabase();
	const p = url.searchParams;
	const year = Number(p.get('year')) || undefined;
	const cell = parseCell(p.get('cell'));
	const sortParam = p.get('sort') ?? 'filed_on';
	const sort: SortKey = sortParam in SORTS ? (sortParam as SortKey) : 'filed_on';
	const page = Math.max(0, Number(p.get('page') ?? 0) || 0);
	const filter = {
		year,
		month: Number(p.get('month')) || undefined,
		cell: cell ?? undefined,
		department: p.get('department') || undefined,
		category: p.get('category') || undefined,
		status: p.get('status') || undefined,
		q: p.get('q')?.trim() || undefined,
		flag: parseFlag(p.get('flag')),
		itemCode: p.get('item') || undefined,
		tier: p.get('tier') || undefined,
		officer: p.get('officer')?.trim() || undefined,
		daysBin: p.get('days') !== null && Number.isInteger(Number(p.get('days'))) ? Number(p.get('days')) : undefined
	};
	const [list, options, settings] = await Promise.all([
		listCases(db, filter, page, PAGE, sort, p.get('dir') !== 'asc', getCatalog()),
		filterOptions(db),
		getSettings(db)
	]);
	const viewer = { roles: locals.user?.roles ?? [], certNo: locals.user?.certNo ?? null, adminSeesPersonalData: settings.adminSeesPersonalData };
	const rows = list.rows.map((r) => maskCase(r, viewer));
	return {
		rows,
		total: list.total,
		masked: rows.some((r, i) => r.party_name !== list.rows[i]?.party_name),
		options,
		filter: {
			year: year ?? '',
			month: p.get('month') ?? '',
			department: filter.department ?? '',
			category: filter.category ?? '',
			status: filter.status ?? '',
			q: filter.q ?? '',
			cell: p.get('cell') ?? ''
		},
		cellLabel: cell ? cell.column : null,
		sort,
		page,
		pages: Math.max(1, Math.ceil(list.total / PAGE))
	};
};
