import { getDatabase } from '$lib/server/db';
import { caseFilterOf, caseListPage, caseListQuery, parseCell } from '$lib/server/cases';
import { parseQuery } from '$lib/server/http/form';
import type { PageServerLoad } from './$types';

const PAGE = 50;

export const load: PageServerLoad = async ({ url, locals }) => {
	const parsed = parseQuery(url.searchParams, caseListQuery);
	// Every field of the schema falls back to "no filter", so a query string cannot fail to parse.
	const q = parsed.success ? parsed.data : caseListQuery.parse({});
	const filter = caseFilterOf(q);
	const list = await caseListPage(await getDatabase(), locals.user, { filter, page: q.page, pageSize: PAGE, sort: q.sort, descending: q.dir !== 'asc' });
	return {
		rows: list.rows,
		total: list.total,
		amountFen: list.amountFen,
		masked: list.masked,
		options: list.options,
		filter: {
			year: q.year ?? '',
			month: url.searchParams.get('month') ?? '',
			department: filter.department ?? '',
			category: filter.category ?? '',
			status: filter.status ?? '',
			q: filter.q ?? '',
			cell: url.searchParams.get('cell') ?? '',
			item: filter.itemCode ?? '',
			tier: filter.tier ?? '',
			officer: filter.officer ?? '',
			rule: filter.rule ?? ''
		},
		// What narrows the list beyond the form's fields (a figure's own condition), said in words above the list.
		scope: {
			flag: filter.flag ?? null,
			decided: filter.decided === true,
			fined: filter.fined === true,
			filed: filter.filedYear ?? null,
			days: filter.daysBin ?? null,
			month: filter.month ?? null
		},
		cellLabel: parseCell(q.cell ?? null)?.column ?? null,
		batch: filter.batch ?? null,
		warning: filter.warning ?? null,
		sort: q.sort,
		page: q.page,
		pages: Math.max(1, Math.ceil(list.total / PAGE))
	};
};
