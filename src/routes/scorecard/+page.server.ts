import { cachedOnData, getDatabase } from '$lib/server/db';
import { getCatalog } from '$lib/server/catalog';
import { cachedScorecard } from '$lib/server/stats';
import { filterOptions } from '$lib/server/cases';
import { defaultReportYear } from '$lib/domain/annual-report';
import { MIN_CASES, systemRows } from '$lib/domain/scorecard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const db = await getDatabase();
	const options = await cachedOnData(db, 'filter-options', () => filterOptions(db));
	const asked = Number(url.searchParams.get('year'));
	const year = options.years.includes(asked) ? asked : defaultReportYear(options.years);
	if (!options.years.length) return { year, years: [], scorecard: null, systems: [], minCases: MIN_CASES };
	const scorecard = await cachedScorecard(db, getCatalog(), year);
	return { year, years: options.years, scorecard, systems: systemRows(scorecard), minCases: MIN_CASES };
};
