import { cachedOnData, getDatabase } from '$lib/server/db';
import { getCatalog } from '$lib/server/catalog';
import { cachedScorecard } from '$lib/server/stats';
import { filterOptions } from '$lib/server/cases';
import { defaultReportYear } from '$lib/domain/annual-report';
import { today } from '$lib/server/publicity/clock';
import { CONSISTENCY_DEFINITION, MIN_CASES, systemRows } from '$lib/domain/scorecard';
import type { PageServerLoad } from './$types';

/** The evaluation report as a government document: the same figures as the scorecard page, without the application. */
export const load: PageServerLoad = async ({ url }) => {
	const db = await getDatabase();
	const options = await cachedOnData(db, 'filter-options', () => filterOptions(db));
	const asked = Number(url.searchParams.get('year'));
	const year = options.years.includes(asked) ? asked : defaultReportYear(options.years);
	const base = { printView: true as const, year, minCases: MIN_CASES, definition: CONSISTENCY_DEFINITION, printedOn: today() };
	if (!options.years.length) return { ...base, scorecard: null, systems: [] };
	const scorecard = await cachedScorecard(db, getCatalog(), year);
	return { ...base, scorecard, systems: systemRows(scorecard) };
};
