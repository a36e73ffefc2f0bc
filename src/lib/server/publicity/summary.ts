import type { Queryable } from '../db';
import type { Catalog } from '../../domain/catalog';
import type { WorkingCalendar } from '../../domain/calendar';
import type { IsoDate } from '../../domain/dates';
import { PUBLICITY_CATEGORY } from '../../domain/publicity';
import { latestOverdueDecision, publicationWorkingDays } from '../../domain/publicity-deadlines';
import { countDueDecidedBy, DUE } from './decisions';
import { FROM, IN_SCOPE, MUST_WITHDRAW, ON_PUBLIC_PAGE, PUBLISHED, WITHDRAWN_ON } from './scope';

export interface PublicitySummary {
	onPublicity: number;
	due: number;
	/** Due decisions past their deadline (R08); null when the calendar lacks this year. */
	overdue: number | null;
	toWithdraw: number;
	withdrawn: number;
	/** Working days the catalog gives 行政处罚 decisions. */
	days: number;
}

/** The figures at the top of the publicity page. */
export async function publicitySummary(db: Queryable, cal: WorkingCalendar, catalog: Catalog, today: IsoDate): Promise<PublicitySummary> {
	const [r] = await db.query<{ on_publicity: number; due: number; to_withdraw: number; withdrawn: number }>(
		`SELECT count(*) FILTER (${ON_PUBLIC_PAGE}) AS on_publicity,
		        count(*) FILTER (${DUE}) AS due,
		        count(*) FILTER (${IN_SCOPE} AND ${PUBLISHED} AND ${WITHDRAWN_ON} IS NULL AND ${MUST_WITHDRAW}) AS to_withdraw,
		        count(*) FILTER (${IN_SCOPE} AND ${WITHDRAWN_ON} IS NOT NULL) AS withdrawn
		 FROM ${FROM}`,
		{ today }
	);
	const days = publicationWorkingDays(catalog, PUBLICITY_CATEGORY);
	const cutoff = latestOverdueDecision(cal, today, days);
	return {
		onPublicity: r?.on_publicity ?? 0,
		due: r?.due ?? 0,
		overdue: cutoff === null ? null : await countDueDecidedBy(db, today, cutoff),
		toWithdraw: r?.to_withdraw ?? 0,
		withdrawn: r?.withdrawn ?? 0,
		days
	};
}
