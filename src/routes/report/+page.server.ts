import { getDatabase } from '$lib/server/db';
import { annualReport } from '$lib/server/stats';
import { filterOptions } from '$lib/server/cases';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const db = await getDatabase();
	const { years } = await filterOptions(db);
	const asked = Number(url.searchParams.get('year'));
	// The report is published by 31 January for the previous year: default to the latest full year in the data.
	const latestFull = years.find((y) => y < new Date().getFullYear()) ?? years[0] ?? new Date().getFullYear() - 1;
	const year = years.includes(asked) ? asked : latestFull;
	return { year, years, report: years.length ? await annualReport(db, year) : null };
};
