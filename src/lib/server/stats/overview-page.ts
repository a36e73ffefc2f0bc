import type { Catalog } from '../../domain/catalog';
import { defaultReportYear } from '../../domain/annual-report';
import { systemRows } from '../../domain/scorecard';
import type { Queryable } from '../db';
import { overview } from './overview';
import { cachedScorecard } from './scorecard';

/**
 * What the home page shows: the year first (the latest year that has ended, as the report and the evaluation are
 * of), against the year before, then all years. The year's figures come from the scorecard, computed once per data
 * version.
 */
export async function overviewPage(db: Queryable, catalog: Catalog) {
	const o = await overview(db);
	const years = [...new Set([...o.byYear.map((y) => y.year), ...o.decisions.map((d) => d.year)])].sort((a, b) => b - a);
	if (!years.length) return { overview: o, year: null, scorecard: null, systems: [] };
	const year = defaultReportYear(years);
	const scorecard = await cachedScorecard(db, catalog, year);
	return { overview: o, year, scorecard, systems: systemRows(scorecard) };
}
