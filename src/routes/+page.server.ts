import { getDatabase } from '$lib/server/db';
import { getCatalog } from '$lib/server/catalog';
import { cachedScorecard, overview } from '$lib/server/stats';
import { defaultReportYear } from '$lib/domain/annual-report';
import { systemRows } from '$lib/domain/scorecard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const db = await getDatabase();
	const o = await overview(db);
	// The overview leads with the latest year that has ended (the year the report and the evaluation are of).
	const years = [...new Set([...o.byYear.map((y) => y.year), ...o.decisions.map((d) => d.year)])].sort((a, b) => b - a);
	if (!years.length) return { overview: o, year: null, scorecard: null, systems: [] };
	const year = defaultReportYear(years);
	const scorecard = await cachedScorecard(db, getCatalog(), year);
	return { overview: o, year, scorecard, systems: systemRows(scorecard) };
};
