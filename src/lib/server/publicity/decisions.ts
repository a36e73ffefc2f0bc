import type { Param, Queryable } from '../db';
import type { IsoDate } from '../../domain/dates';
import { DECISION_COLUMNS, FROM, IN_SCOPE, MUST_WITHDRAW, ON_PUBLIC_PAGE, PUBLISHED, WITHDRAWN_ON, type DecisionRow } from './scope';

/** The lists of decisions by publicity state. Every query binds its values by name; `$today` is the day counted to. */

export interface Page<T> {
	rows: T[];
	total: number;
}

export interface PublishedFilter {
	/** Party, decision number or item, contained. */
	q?: string;
	/** Decision dates, inclusive. */
	from?: IsoDate;
	to?: IsoDate;
	/** Also decisions whose publicity period has ended (staff lists and exports); the public page never shows them. */
	includeEnded?: boolean;
}

function publishedWhere(f: PublishedFilter, params: Record<string, Param>, publicPage: boolean): string {
	const where = [publicPage || !f.includeEnded ? ON_PUBLIC_PAGE : `${IN_SCOPE} AND ${PUBLISHED} AND ${WITHDRAWN_ON} IS NULL`];
	if (f.q) {
		where.push(`(contains(c.party_name, $q) OR contains(c.decision_no, $q) OR contains(c.item_name, $q))`);
		params.q = f.q;
	}
	if (f.from) {
		where.push(`c.decided_on >= CAST($from AS DATE)`);
		params.from = f.from;
	}
	if (f.to) {
		where.push(`c.decided_on <= CAST($to AS DATE)`);
		params.to = f.to;
	}
	return where.join(' AND ');
}

async function paged(db: Queryable, where: string, params: Record<string, Param>, order: string, limit: number, offset: number): Promise<Page<DecisionRow>> {
	const [count] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${FROM} WHERE ${where}`, params);
	const rows = await db.query<DecisionRow>(`SELECT ${DECISION_COLUMNS} FROM ${FROM} WHERE ${where} ORDER BY ${order} LIMIT $limit OFFSET $offset`, {
		...params,
		limit,
		offset
	});
	return { rows, total: count?.n ?? 0 };
}

/** Decisions on publicity now (the public page), or every published one not withdrawn (staff, with includeEnded). */
export async function listPublished(
	db: Queryable,
	today: IsoDate,
	f: PublishedFilter = {},
	limit = 50,
	offset = 0,
	publicPage = false
): Promise<Page<DecisionRow>> {
	const params: Record<string, Param> = { today };
	return paged(db, publishedWhere(f, params, publicPage), params, 'c.decided_on DESC, c.decision_no', limit, offset);
}

/** Every row of the published list for an export, in the list's order. */
export async function allPublished(db: Queryable, today: IsoDate, f: PublishedFilter = {}): Promise<DecisionRow[]> {
	const params: Record<string, Param> = { today };
	return db.query<DecisionRow>(
		`SELECT ${DECISION_COLUMNS} FROM ${FROM} WHERE ${publishedWhere(f, params, false)} ORDER BY c.decided_on DESC, c.decision_no`,
		params
	);
}

/**
 * Decisions still to be published, oldest decision first (the nearest deadline first, since the category's
 * working days are the same for all). A decision a ruling revoked needs no publishing.
 */
export const DUE = `${IN_SCOPE} AND NOT (${PUBLISHED}) AND ${WITHDRAWN_ON} IS NULL AND NOT ${MUST_WITHDRAW}`;

export async function listDue(db: Queryable, today: IsoDate, limit = 50, offset = 0): Promise<Page<DecisionRow>> {
	return paged(db, DUE, { today }, 'c.decided_on, c.decision_no', limit, offset);
}

/** How many due decisions were decided on or before a day (the overdue ones, given the last such day). */
export async function countDueDecidedBy(db: Queryable, today: IsoDate, by: IsoDate): Promise<number> {
	const [r] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${FROM} WHERE ${DUE} AND c.decided_on <= CAST($by AS DATE)`, { today, by });
	return r?.n ?? 0;
}

/** Published decisions that a ruling revoked, changed or found unlawful, still on publicity (R09). */
export async function listToWithdraw(db: Queryable, today: IsoDate, limit = 50, offset = 0): Promise<Page<DecisionRow>> {
	return paged(db, `${IN_SCOPE} AND ${PUBLISHED} AND ${WITHDRAWN_ON} IS NULL AND ${MUST_WITHDRAW}`, { today }, 'c.decided_on, c.decision_no', limit, offset);
}

/** Decisions withdrawn from publicity, latest first. */
export async function listWithdrawn(db: Queryable, limit = 50, offset = 0, since?: IsoDate): Promise<Page<DecisionRow>> {
	const params: Record<string, Param> = {};
	let where = `${IN_SCOPE} AND ${WITHDRAWN_ON} IS NOT NULL`;
	if (since) {
		where += ` AND ${WITHDRAWN_ON} >= CAST($since AS DATE)`;
		params.since = since;
	}
	return paged(db, where, params, `${WITHDRAWN_ON} DESC, c.decision_no`, limit, offset);
}

/** One decision in publicity's scope, whatever its state. */
export async function getDecision(db: Queryable, agency: string, caseId: string): Promise<DecisionRow | null> {
	const [r] = await db.query<DecisionRow>(`SELECT ${DECISION_COLUMNS} FROM ${FROM} WHERE ${IN_SCOPE} AND c.agency = $agency AND c.case_id = $caseId`, {
		agency,
		caseId
	});
	return r ?? null;
}

/** Whether a decision is published by today and not withdrawn. */
export function isOnPublicity(r: DecisionRow, today: IsoDate): boolean {
	return r.published_on !== null && r.published_on <= today && r.withdrawn_on === null;
}
