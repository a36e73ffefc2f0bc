import type { Database, Queryable } from '../db';
import { appendAudit } from '../audit/log';
import type { Suggestion } from './suggest';

/**
 * A fine proposal saved with the suggestion the officer saw when proposing it (range, level, measured coverage,
 * p-value, model version, time), so that legal review sees what the officer saw. Append-only.
 */

export interface Proposal {
	id: number;
	agency: string | null;
	case_id: string;
	user_name: string;
	saved_at: string;
	input: Record<string, unknown>;
	proposed_fine: number | null;
	low: number | null;
	high: number | null;
	median: number | null;
	level: number;
	coverage: number | null;
	p_value: number | null;
	kind: string;
	note: string;
	model_version: string;
}

export async function saveProposal(
	db: Database,
	p: { agency: string | null; caseId: string; user: string; input: Record<string, unknown>; suggestion: Suggestion; ip?: string | null }
): Promise<number> {
	const s = p.suggestion;
	const [row] = await db.query<{ id: number }>(
		`INSERT INTO proposals (agency, case_id, user_name, input, proposed_fine, low, high, median, level, coverage, p_value, kind, note, model_version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		[
			p.agency,
			p.caseId,
			p.user,
			JSON.stringify(p.input),
			s.proposed_fine,
			s.low,
			s.high,
			s.median,
			s.level,
			s.coverage_measured,
			s.p_value,
			s.kind,
			s.note,
			s.model_version
		]
	);
	const id = row?.id ?? 0;
	await appendAudit(db, {
		actor: p.user,
		action: 'suggestion-saved',
		targetType: 'case',
		targetId: p.caseId,
		detail: { proposal: id, proposed_fine: s.proposed_fine, low: s.low, high: s.high, level: s.level, p_value: s.p_value, model_version: s.model_version },
		ip: p.ip ?? null
	});
	return id;
}

export async function proposalsOf(db: Queryable, caseId: string, agency?: string | null): Promise<Proposal[]> {
	const rows = await db.query<Omit<Proposal, 'input' | 'saved_at'> & { input: string; saved_at: string }>(
		`SELECT id, agency, case_id, user_name, strftime(saved_at, '%Y-%m-%d %H:%M:%S') AS saved_at, input,
			CAST(proposed_fine AS DOUBLE) AS proposed_fine, CAST(low AS DOUBLE) AS low, CAST(high AS DOUBLE) AS high,
			CAST(median AS DOUBLE) AS median, level, coverage, p_value, kind, note, model_version
		FROM proposals WHERE case_id = ? AND (? IS NULL OR agency IS NOT DISTINCT FROM ?) ORDER BY id DESC`,
		[caseId, agency ?? null, agency ?? null]
	);
	return rows.map((r) => ({ ...r, input: JSON.parse(r.input) as Record<string, unknown> }));
}
