import { z } from 'zod';
import type { CaseRecord } from '../../domain/case-schema';
import type { Catalog } from '../../domain/catalog';
import { PUBLICITY_CATEGORY, PUBLICITY_PERIOD_MONTHS, type PublicityCase } from '../../domain/publicity';
import type { WithdrawGround } from '../../domain/publicity-deadlines';

/**
 * The SQL that says which decisions publicity covers and what state each is in, written once for every list, the
 * export and the change feed. `c` is the case, `p` the agency's own publicity acts for it.
 */

export const FROM = `cases c LEFT JOIN publicity_acts p ON p.agency = c.agency AND p.case_id = c.case_id`;

/** Decided 行政处罚 decisions that imposed a penalty; pending (待审核) and undecided cases never qualify. */
export const IN_SCOPE = `c.category = '${PUBLICITY_CATEGORY}' AND c.decided_on IS NOT NULL AND c.decision_no IS NOT NULL
	AND c.status IN ('已决定', '已结案', '已撤销')
	AND (len(coalesce(c.penalty_types, [])) > 0 OR coalesce(c.fine_amount, 0) > 0 OR coalesce(c.confiscated_amount, 0) > 0)`;

/** The agency's own act wins over what the case-management export says. */
export const PUBLISHED_ON = `coalesce(p.published_on, c.published_on)`;
export const WITHDRAWN_ON = `coalesce(p.withdrawn_on, c.withdrawn_on)`;

/** Published by `today` (a bound parameter, named $today). */
export const PUBLISHED = `${PUBLISHED_ON} IS NOT NULL AND ${PUBLISHED_ON} <= CAST($today AS DATE)`;

/** The last day of publicity, in SQL; the domain's publicityEndDate gives the same day (both clamp to month end). */
export const END_DATE = `CAST(c.decided_on + to_months(${PUBLICITY_PERIOD_MONTHS}) AS DATE)`;

/** On the public pages today: published, not withdrawn, within its period. */
export const ON_PUBLIC_PAGE = `${IN_SCOPE} AND ${PUBLISHED} AND ${WITHDRAWN_ON} IS NULL AND ${END_DATE} >= CAST($today AS DATE)`;

/** A ruling that obliges withdrawal, or a revoked case. */
export const MUST_WITHDRAW = `(coalesce(c.reconsideration, '') IN ('撤销', '变更', '确认违法') OR coalesce(c.litigation, '') IN ('撤销', '变更', '确认违法') OR c.status = '已撤销')`;

/** The columns every publicity query reads, money as exact fen and dates as ISO text. */
export const DECISION_COLUMNS = `c.agency, c.case_id, c.category, c.item_code, c.item_name, c.legal_basis, c.department, c.status,
	c.party_type, c.party_name, c.party_id, c.officer_ids, c.decision_no, c.penalty_types,
	CAST(round(c.fine_amount * 100) AS BIGINT) AS fine_amount, CAST(round(c.confiscated_amount * 100) AS BIGINT) AS confiscated_amount,
	strftime(c.decided_on, '%Y-%m-%d') AS decided_on, c.reconsideration, c.litigation, c.extra,
	strftime(${PUBLISHED_ON}, '%Y-%m-%d') AS published_on, strftime(${WITHDRAWN_ON}, '%Y-%m-%d') AS withdrawn_on,
	strftime(${END_DATE}, '%Y-%m-%d') AS end_date,
	p.published_by, p.withdrawn_by, p.withdraw_ground, p.withdraw_reason, strftime(p.ruling_on, '%Y-%m-%d') AS ruling_on`;

/** One decision as the publicity queries return it. */
export interface DecisionRow extends Pick<
	CaseRecord,
	| 'agency'
	| 'case_id'
	| 'category'
	| 'item_code'
	| 'item_name'
	| 'legal_basis'
	| 'department'
	| 'status'
	| 'party_type'
	| 'party_name'
	| 'party_id'
	| 'officer_ids'
	| 'decision_no'
	| 'penalty_types'
	| 'fine_amount'
	| 'confiscated_amount'
	| 'decided_on'
	| 'reconsideration'
	| 'litigation'
	| 'published_on'
	| 'withdrawn_on'
> {
	extra: string | null;
	end_date: string | null;
	published_by: string | null;
	withdrawn_by: string | null;
	withdraw_ground: WithdrawGround | null;
	withdraw_reason: string | null;
	ruling_on: string | null;
}

const extraSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

/** The raw columns an import kept (JSON of header → cell); anything unreadable counts as none. */
export function parseExtra(extra: string | null): Record<string, string> {
	if (!extra) return {};
	try {
		const r = extraSchema.safeParse(JSON.parse(extra));
		if (!r.success) return {};
		return Object.fromEntries(Object.entries(r.data).flatMap(([k, v]) => (v === null ? [] : [[k, String(v)]])));
	} catch {
		return {};
	}
}

/** The decision as the 双公示 mapping reads it; a missing legal basis comes from the catalog item. */
export function toPublicityCase(r: DecisionRow, catalog: Catalog): PublicityCase {
	return {
		agency: r.agency,
		case_id: r.case_id,
		category: r.category,
		party_type: r.party_type,
		party_name: r.party_name,
		party_id: r.party_id,
		decision_no: r.decision_no,
		item_name: r.item_name,
		legal_basis: r.legal_basis ?? (r.item_code ? (catalog.byCode.get(r.item_code)?.legal_basis ?? null) : null),
		penalty_types: r.penalty_types,
		fine_amount: r.fine_amount,
		confiscated_amount: r.confiscated_amount,
		decided_on: r.decided_on,
		extra: parseExtra(r.extra)
	};
}
