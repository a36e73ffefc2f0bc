import { pointMet, REVIEW_POINTS, type ReviewSubmission } from '../../domain/review-points';
import { auditedTransaction, type AuditInput } from '../audit/log';
import type { Database, Queryable } from '../db';
import { LocalizedError } from '../../i18n/error';
import { msg } from '../../i18n/message';

export interface StoredReview {
	id: number;
	reviewer: string;
	at: string;
	result: string;
	opinion: string;
	disagreement: boolean;
	checklist: { point: string; ok: boolean; answer?: 'yes' | 'no'; note: string }[];
}

export class ReviewError extends LocalizedError {}

/**
 * Records a legal review, the resolution of the case's open flags and their audit entries in one transaction:
 * either all of it is saved or none (a server stopped midway loses nothing that was confirmed). Nothing is overwritten: a second
 * review of the same case is a new row.
 */
export async function saveReview(
	db: Database,
	input: { agency: string; caseId: string; reviewer: string; submission: ReviewSubmission; proposalId: number | null; ip?: string | null }
): Promise<number> {
	const s = input.submission;
	// `ok` is whether the point is met; `answer` keeps what was ticked, since the ninth is met by 「否」.
	const checklist = REVIEW_POINTS.map((point, i) => ({ point, ok: pointMet(i, s.points[i]), answer: s.points[i], note: s.notes[i] ?? '' }));
	// The review, the flags' resolutions and their entries in the audit log are saved together or not at all.
	return auditedTransaction(db, async (tx) => {
		const open = await tx.query<{ id: number }>(`SELECT id FROM flags WHERE agency = ? AND case_id = ? AND status = 'open'`, [input.agency, input.caseId]);
		const given = new Map(s.resolutions.map((r) => [r.flag, r]));
		const unknown = s.resolutions.filter((r) => !open.some((o) => o.id === r.flag));
		if (unknown.length) throw new ReviewError(msg('err.review.stale'));
		if (s.result === '通过' && open.some((o) => !given.has(o.id))) throw new ReviewError(msg('err.review.flagsFirst'));
		for (const r of s.resolutions) {
			await tx.run(`UPDATE flags SET status = ?, resolved_by = ?, resolved_at = current_timestamp, resolution = ? WHERE id = ?`, [
				r.resolution,
				input.reviewer,
				r.reason,
				r.flag
			]);
		}
		const [row] = await tx.query<{ id: number }>(
			`INSERT INTO reviews (agency, case_id, reviewer, checklist, result, opinion, disagreement, proposal_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			[input.agency, input.caseId, input.reviewer, JSON.stringify(checklist), s.result, s.opinion, s.disagreement, input.proposalId]
		);
		const id = row?.id ?? 0;
		const audit: AuditInput[] = [
			...s.resolutions.map((r) => ({
				actor: input.reviewer,
				action: 'flag-resolved' as const,
				targetType: 'case',
				targetId: input.caseId,
				detail: { flag: r.flag, resolution: r.resolution, reason: r.reason },
				ip: input.ip ?? null
			})),
			{
				actor: input.reviewer,
				action: 'review-result' as const,
				targetType: 'case',
				targetId: input.caseId,
				detail: { review: id, result: s.result, disagreement: s.disagreement },
				ip: input.ip ?? null
			}
		];
		return { result: id, audit };
	});
}

export async function reviewsOf(db: Queryable, agency: string, caseId: string): Promise<StoredReview[]> {
	const rows = await db.query<Omit<StoredReview, 'checklist'> & { checklist: string }>(
		`SELECT id, reviewer, strftime("at", '%Y-%m-%d %H:%M') AS "at", result, opinion, disagreement, checklist FROM reviews WHERE agency = ? AND case_id = ? ORDER BY id DESC`,
		[agency, caseId]
	);
	return rows.map((r) => ({ ...r, checklist: JSON.parse(r.checklist) as StoredReview['checklist'] }));
}
