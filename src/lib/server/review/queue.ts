import type { Queryable } from '../db';
import { DECISION_DAYS, type RuleId, type Severity } from '../../domain/review-rules';

/**
 * Where a pending case stands in legal review, from its latest review and the officer's proposals since:
 * 'new' never reviewed; 'returned' sent back for more (退回补充) and waiting for the officer; 'resubmitted' the
 * officer saved a proposal since; 'rejected' not passed (不通过); 'passed' passed, waiting for the decision.
 */
export const REVIEW_STATES = ['new', 'resubmitted', 'returned', 'rejected', 'passed'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** A case awaiting legal review, with its open flags: the reviewers' queue. */
export interface QueueRow {
	agency: string;
	case_id: string;
	department: string | null;
	item_code: string | null;
	item_name: string | null;
	party_name: string | null;
	party_type: string | null;
	fine: number | null;
	filed_on: string | null;
	/** Since when it waits: the latest proposal saved, else the notice, else the filing. */
	waiting_since: string | null;
	waiting_days: number | null;
	/** Days since filing when past the 90-day limit for a decision (行政处罚法 Art. 60); else null. */
	overdue_days: number | null;
	review_state: ReviewState;
	/** The latest review's date and reviewer, when there is one. */
	reviewed_at: string | null;
	reviewed_by: string | null;
	errors: number;
	warnings: number;
	infos: number;
	rules: RuleId[];
	worst: Severity | null;
}

export interface QueueFilter {
	department?: string;
	rule?: string;
	item?: string;
	state?: ReviewState;
}

export interface QueuePage {
	rows: QueueRow[];
	total: number;
}

/**
 * One page of the queue: cases with errors first, then warnings, then by how long they wait; cases waiting for
 * their officer (退回补充) after the ones waiting for the reviewer.
 */
export async function reviewQueue(
	db: Queryable,
	f: QueueFilter = {},
	today = new Date().toISOString().slice(0, 10),
	page: { limit: number; offset: number } = { limit: 1_000_000, offset: 0 }
): Promise<QueuePage> {
	const where = [`c.status = '待审核'`];
	const params: (string | number)[] = [today, today];
	if (f.department) {
		where.push('c.department = ?');
		params.push(f.department);
	}
	if (f.item) {
		where.push('c.item_code = ?');
		params.push(f.item);
	}
	if (f.rule) {
		where.push(`EXISTS (SELECT 1 FROM flags x WHERE x.agency = c.agency AND x.case_id = c.case_id AND x.status = 'open' AND x.rule = ?)`);
		params.push(f.rule);
	}
	if (f.state) {
		where.push('review_state = ?');
		params.push(f.state);
	}
	const rows = await db.query<QueueRow & { total: number }>(
		`WITH waiting AS (
			SELECT agency, case_id FROM cases WHERE status = '待审核'
		), open_flags AS (
			-- The open flags of pending cases only: at a million cases, the decided ones hold most of the flags.
			SELECT f.agency, f.case_id, count(*) FILTER (WHERE f.severity = 'error') AS errors, count(*) FILTER (WHERE f.severity = 'warning') AS warnings,
				count(*) FILTER (WHERE f.severity = 'info') AS infos, list(f.rule ORDER BY f.rule) AS rules
			FROM flags f SEMI JOIN waiting w ON w.agency = f.agency AND w.case_id = f.case_id
			WHERE f.status = 'open' GROUP BY f.agency, f.case_id
		), last_proposal AS (
			SELECT agency, case_id, max(saved_at) AS saved_at FROM proposals GROUP BY agency, case_id
		), last_review AS (
			SELECT agency, case_id, arg_max(result, id) AS result, max("at") AS "at", arg_max(reviewer, id) AS reviewer FROM reviews GROUP BY agency, case_id
		), pending AS (
			SELECT c.*, p.saved_at, r.result AS review_result_now, r."at" AS reviewed_at_ts, r.reviewer AS reviewed_by_now,
				CASE
					WHEN r.result IS NULL THEN 'new'
					WHEN r.result = '退回补充' AND (p.saved_at IS NULL OR p.saved_at <= r."at") THEN 'returned'
					WHEN r.result = '退回补充' THEN 'resubmitted'
					WHEN r.result = '不通过' THEN 'rejected'
					ELSE 'passed'
				END AS review_state
			FROM cases c LEFT JOIN last_proposal p USING (agency, case_id) LEFT JOIN last_review r USING (agency, case_id)
			WHERE c.status = '待审核'
		)
		SELECT c.agency, c.case_id, c.department, c.item_code, c.item_name, c.party_name, c.party_type,
			CAST(c.fine_amount AS DOUBLE) AS fine, strftime(c.filed_on, '%Y-%m-%d') AS filed_on,
			strftime(coalesce(CAST(c.saved_at AS DATE), c.notified_on, c.filed_on), '%Y-%m-%d') AS waiting_since,
			CAST(date_diff('day', coalesce(CAST(c.saved_at AS DATE), c.notified_on, c.filed_on), CAST(? AS DATE)) AS INTEGER) AS waiting_days,
			CASE WHEN c.category = '行政处罚' AND c.decided_on IS NULL AND date_diff('day', c.filed_on, CAST(? AS DATE)) > ${DECISION_DAYS}
				THEN CAST(date_diff('day', c.filed_on, CAST(? AS DATE)) AS INTEGER) END AS overdue_days,
			c.review_state, strftime(c.reviewed_at_ts, '%Y-%m-%d') AS reviewed_at, c.reviewed_by_now AS reviewed_by,
			CAST(coalesce(o.errors, 0) AS INTEGER) AS errors, CAST(coalesce(o.warnings, 0) AS INTEGER) AS warnings, CAST(coalesce(o.infos, 0) AS INTEGER) AS infos,
			coalesce(o.rules, []::VARCHAR[]) AS rules,
			CASE WHEN o.errors > 0 THEN 'error' WHEN o.warnings > 0 THEN 'warning' WHEN o.infos > 0 THEN 'info' END AS worst,
			CAST(count(*) OVER () AS INTEGER) AS total
		FROM pending c LEFT JOIN open_flags o USING (agency, case_id)
		WHERE ${where.join(' AND ')}
		ORDER BY c.review_state IN ('returned', 'passed') ASC, coalesce(o.errors, 0) > 0 DESC, coalesce(o.warnings, 0) > 0 DESC, coalesce(o.infos, 0) > 0 DESC,
			waiting_days DESC NULLS LAST, c.case_id
		LIMIT ${Math.max(0, Math.floor(page.limit))} OFFSET ${Math.max(0, Math.floor(page.offset))}`,
		[params[0]!, params[1]!, today, ...params.slice(2)]
	);
	// A page past the end has no rows to carry the count: the count is asked again then.
	const total = rows[0]?.total ?? (page.offset > 0 ? (await reviewQueue(db, f, today, { limit: 1, offset: 0 })).total : 0);
	return { rows: rows.map(({ total: _t, ...r }) => r), total };
}
