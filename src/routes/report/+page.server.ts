import { getDatabase } from '$lib/server/db';
import { annualReport } from '$lib/server/stats';
import { filterOptions } from '$lib/server/cases';
import { defaultReportYear } from '$lib/domain/annual-report';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const db = await getDatabase();
	const { years } = await filterOptions(db);
	const asked = Number(url.searchParams.get('year'));
	const year = years.includes(asked) ? asked : defaultReportYear(years);
	return { year, years, report: years.length ? await annualReport(db, year) : null };
};
