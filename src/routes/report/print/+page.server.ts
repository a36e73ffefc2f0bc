import { cachedOnData, getDatabase } from '$lib/server/db';
import { annualReport } from '$lib/server/stats';
import { filterOptions } from '$lib/server/cases';
import { today } from '$lib/server/publicity/clock';
import { defaultReportYear } from '$lib/domain/annual-report';
import type { PageServerLoad } from './$types';

/** The annual report as the government form it is filed as: the same figures as the report page, without the application. */
export const load: PageServerLoad = async ({ url }) => {
	const db = await getDatabase();
	const { years } = await cachedOnData(db, 'filter-options', () => filterOptions(db));
	const asked = Number(url.searchParams.get('year'));
	const year = years.includes(asked) ? asked : defaultReportYear(years);
	// The 报出日期 is the agency's day (Beijing time), not the server's UTC day.
	return { printView: true as const, year, printedOn: today(), report: years.length ? await annualReport(db, year) : null };
};
