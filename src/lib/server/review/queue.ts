import type { Queryable } from '../db';
import type { RuleId, Severity } from '../../domain/review-rules';

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
}

export async function reviewQueue(db: Queryable, f: QueueFilter = {}, today = new Date().toISOString().slice(0, 10)): Promise<QueueRow[]> {
	const where = [`c.status = '待审核'`];
	const params: (string | number)[] = [today];
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
	return db.query<QueueRow>(
		`WITH open_flags AS (
			SELECT agency, case_id, count(*) FILTER (WHERE severity = 'error') AS errors, count(*) FILTER (WHERE severity = 'warning') AS warnings,
				count(*) FILTER (WHERE severity = 'info') AS infos, list(rule ORDER BY rule) AS rules
			FROM flags WHERE status = 'open' GROUP BY agency, case_id
		), last_proposal AS (
			SELECT agency, case_id, max(saved_at) AS saved_at FROM proposals GROUP BY agency, case_id
		)
		SELECT c.agency, c.case_id, c.department, c.item_code, c.item_name, c.party_name, c.party_type,
			CAST(c.fine_amount AS DOUBLE) AS fine, strftime(c.filed_on, '%Y-%m-%d') AS filed_on,
			strftime(coalesce(CAST(p.saved_at AS DATE), c.notified_on, c.filed_on), '%Y-%m-%d') AS waiting_since,
			CAST(date_diff('day', coalesce(CAST(p.saved_at AS DATE), c.notified_on, c.filed_on), CAST(? AS DATE)) AS INTEGER) AS waiting_days,
			CAST(coalesce(o.errors, 0) AS INTEGER) AS errors, CAST(coalesce(o.warnings, 0) AS INTEGER) AS warnings, CAST(coalesce(o.infos, 0) AS INTEGER) AS infos,
			coalesce(o.rules, []::VARCHAR[]) AS rules,
			CASE WHEN o.errors > 0 THEN 'error' WHEN o.warnings > 0 THEN 'warning' WHEN o.infos > 0 THEN 'info' END AS worst
		FROM cases c LEFT JOIN open_flags o USING (agency, case_id) LEFT JOIN last_proposal p USING (agency, case_id)
		WHERE ${where.join(' AND ')}
		ORDER BY coalesce(o.errors, 0) > 0 DESC, coalesce(o.warnings, 0) > 0 DESC, coalesce(o.infos, 0) > 0 DESC, waiting_days DESC NULLS LAST, c.case_id`,
		params
	);
}
