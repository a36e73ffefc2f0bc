import { z } from 'zod';
import { FIELDS } from '../../domain/case-schema';
import { isMajorDecision, type Catalog } from '../../domain/catalog';
import { maskCase } from '../../domain/masking';
import { REVIEW_POINTS, REVIEW_RESULTS, reviewSubmissionSchema, type ReviewSubmission } from '../../domain/review-points';
import { RULES, type RuleId } from '../../domain/review-rules';
import { caseTimeline } from '../../domain/timeline';
import type { Actor } from '../audit/actor';
import { getCalendar } from '../calendar';
import { caseCatalogs, getCatalog } from '../catalog';
import { findCase, type CaseRef } from '../cases/read';
import type { Database, Queryable } from '../db';
import { driftPatterns } from './patterns';
import { proposalsOf } from '../model/proposals';
import { viewerFor, type Reader } from '../viewer';
import { listFlags } from './flags';
import { reviewQueue, type QueueFilter } from './queue';
import { ReviewError, reviewsOf, saveReview } from './reviews';
import { currentFlags } from './freshness';
import { issueMessages, msg, type Message } from '../../i18n/message';

/** The legal review pages' reads and their one write, masked for the reader like every case read. */

/** The review queue with the filters' choices, the recomputation's summary and the drifting branches. */
export async function reviewQueuePage(db: Queryable, user: Reader, filter: QueueFilter, catalog: Catalog = getCatalog()) {
	const { summary, suggester, updating } = await currentFlags();
	const viewer = await viewerFor(db, user);
	const [queue, departments] = await Promise.all([
		reviewQueue(db, filter),
		db.query<{ d: string }>(`SELECT DISTINCT department AS d FROM cases WHERE status = '待审核' AND department IS NOT NULL ORDER BY d`)
	]);
	const patterns = suggester ? (await driftPatterns(db, catalog, suggester)).map(({ case_ids, ...p }) => ({ ...p, examples: case_ids.slice(0, 5) })) : [];
	return {
		// The queue holds pending cases only, and names only the party; the officers of each case are not read, so an
		// officer's own-case exception does not apply here (reviewers alone open this page).
		queue: queue.map((r) => ({ ...r, party_name: maskCase({ ...r, party_id: null, officer_ids: null, status: '待审核' }, viewer).party_name })),
		departments: departments.map((r) => r.d),
		items: catalog.items.filter((i) => i.category === '行政处罚').map((i) => ({ code: i.code, name: i.name })),
		rules: (Object.keys(RULES) as RuleId[]).map((r) => ({ id: r, title: RULES[r].title })),
		recomputed: summary ? { flags: summary.flags, opened: summary.opened, cleared: summary.cleared } : null,
		updating,
		patterns
	};
}

/** The fields the review page shows of the case. */
const REVIEW_FIELDS = FIELDS.filter((f) => f.group === 'circumstances' || f.group === 'outcome' || f.group === 'identity' || f.group === 'party').map((f) => ({
	key: f.key,
	header: f.header,
	type: f.type,
	group: f.group
}));

/** One case on the reviewer's desk, as this reader may see it; null when there is no such case. */
export async function reviewPage(db: Queryable, user: Reader, ref: CaseRef) {
	const { suggester } = await currentFlags();
	const c = await findCase(db, ref);
	if (!c) return null;
	const agency = c.agency ?? '';
	const caseId = c.case_id ?? ref.caseId;
	const catalog = (await caseCatalogs(db))(c);
	const [viewer, flags, proposals, reviews] = await Promise.all([
		viewerFor(db, user),
		listFlags(db, { caseId, agency, status: 'all' }),
		proposalsOf(db, caseId, agency),
		reviewsOf(db, agency, caseId)
	]);
	// The suggestion is computed from the whole record; only what leaves this function is masked.
	const now = suggester ? suggester.suggest([c])[0] : null;
	return {
		record: maskCase(c, viewer),
		agency,
		major: isMajorDecision(catalog, c),
		timeline: caseTimeline(c, getCalendar(), catalog),
		fields: REVIEW_FIELDS,
		openFlags: flags.filter((f) => f.status === 'open'),
		resolvedFlags: flags.filter((f) => f.status === 'accepted' || f.status === 'corrected'),
		proposal: proposals[0] ?? null,
		suggestionNow: now ? { note: now.note, low: now.low, high: now.high, version: now.model_version } : null,
		reviews,
		points: REVIEW_POINTS,
		results: REVIEW_RESULTS
	};
}

/** The review form as posted: nine points with notes, a result, an opinion, and a resolution per open flag. */
export const reviewForm = z.record(z.string(), z.union([z.string(), z.array(z.string())])).transform((f) => {
	const one = (k: string): string => {
		const v = f[k];
		return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
	};
	const flags = f.flag === undefined ? [] : Array.isArray(f.flag) ? f.flag : [f.flag];
	return {
		points: REVIEW_POINTS.map((_, i) => one(`point-${i}`)),
		notes: REVIEW_POINTS.map((_, i) => one(`note-${i}`)),
		result: one('result'),
		opinion: one('opinion'),
		disagreement: one('disagreement') === 'on',
		resolutions: flags
			.map((id) => ({ flag: Number(id), resolution: one(`resolution-${id}`), reason: one(`reason-${id}`) }))
			// A flag the reviewer left untouched is not resolved now.
			.filter((r) => r.resolution !== '' || r.reason.trim() !== '')
	};
});
export type ReviewForm = z.infer<typeof reviewForm>;

/** Checks a posted review: the submission to save, or the messages to show beside what was typed. */
export function checkReview(form: ReviewForm): { ok: true; submission: ReviewSubmission } | { ok: false; error: Message[] } {
	const parsed = reviewSubmissionSchema.safeParse(form);
	return parsed.success ? { ok: true, submission: parsed.data } : { ok: false, error: issueMessages(parsed.error.issues) };
}

/**
 * Records the review of a case by `actor`, against the latest proposal its officer saved; throws ReviewError when
 * the case is unknown or the flags moved under the reviewer.
 */
export async function submitReview(db: Database, actor: Actor, ref: CaseRef, submission: ReviewSubmission): Promise<number> {
	const c = await findCase(db, ref);
	if (!c?.agency || !c.case_id) throw new ReviewError(msg('err.review.noCase'));
	const proposals = await proposalsOf(db, c.case_id, c.agency);
	return saveReview(db, { agency: c.agency, caseId: c.case_id, reviewer: actor.username, submission, proposalId: proposals[0]?.id ?? null, ip: actor.ip });
}
