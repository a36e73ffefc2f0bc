import { z } from 'zod';
import { FIELDS } from '../../domain/case-schema';
import { isMajorDecision, type Catalog } from '../../domain/catalog';
import { maskCase, maskPhrases } from '../../domain/masking';
import { QUESTION_POINTS, REVIEW_POINTS, REVIEW_RESULTS, reviewSubmissionSchema, type ReviewSubmission } from '../../domain/review-points';
import { RULE_IDS, RULES, type RuleId } from '../../domain/review-rules';
import { caseTimeline } from '../../domain/timeline';
import type { Actor } from '../audit/actor';
import { getCalendar } from '../calendar';
import { caseCatalogs, getCatalog } from '../catalog';
import { caseProvenance, findCase, type CaseRef } from '../cases/read';
import type { Database, Queryable } from '../db';
import { dailyDriftPatterns } from './patterns';
import { today } from '../publicity/clock';
import { proposalsOf } from '../model/proposals';
import { viewerFor, type Reader } from '../viewer';
import { listFlags } from './flags';
import { REVIEW_STATES, reviewQueue, type QueueFilter } from './queue';
import { ReviewError, reviewsOf, saveReview } from './reviews';
import { currentFlags } from './freshness';
import { issueMessages, msg, type Message } from '../../i18n/message';

/** The legal review pages' reads and their one write, masked for the reader like every case read. */

const PATTERNS_WAIT_MS = 1500;
const wait = (ms: number) => new Promise<null>((r) => setTimeout(() => r(null), ms).unref());

/** Rows of the queue a page shows: 160 pending cases on one page were 9,300 px to scroll. */
export const QUEUE_PAGE_SIZE = 30;

/** The rule codes with their names and explanations, for the pages that show a code. */
export function ruleLegend(): { id: RuleId; title: string; explain: string; severity: string }[] {
	return RULE_IDS.map((r) => ({ id: r, title: RULES[r].title, explain: RULES[r].explain, severity: RULES[r].severity }));
}

/** The review queue (one page of it) with the filters' choices and the drifting branches. */
export async function reviewQueuePage(db: Queryable, user: Reader, filter: QueueFilter, page = 0, catalog: Catalog = getCatalog()) {
	// Imports and the server's upkeep keep the flags current; this only waits when they are being recomputed.
	const { suggester, updating } = await currentFlags();
	const viewer = await viewerFor(db, user);
	const [queue, departments] = await Promise.all([
		reviewQueue(db, filter, today(), { limit: QUEUE_PAGE_SIZE, offset: page * QUEUE_PAGE_SIZE }),
		db.query<{ d: string }>(`SELECT DISTINCT department AS d FROM cases WHERE status = '待审核' AND department IS NOT NULL ORDER BY d`)
	]);
	// The drifting branches are a day's pattern, computed apart from the queue: a page waits a moment for them at most.
	const daily = suggester ? dailyDriftPatterns(db, catalog, suggester, today()) : null;
	const found = daily ? (daily.value ?? daily.previous ?? (await Promise.race([daily.promise, wait(PATTERNS_WAIT_MS)]))) : [];
	const patterns = (found ?? []).map(({ case_ids, ...p }) => ({ ...p, examples: case_ids.slice(0, 5) }));
	return {
		// The queue holds pending cases only, and names only the party; the officers of each case are not read, so an
		// officer's own-case exception does not apply here (reviewers alone open this page).
		queue: queue.rows.map((r) => ({ ...r, party_name: maskCase({ ...r, party_id: null, officer_ids: null, status: '待审核' }, viewer).party_name })),
		total: queue.total,
		page,
		pageSize: QUEUE_PAGE_SIZE,
		departments: departments.map((r) => r.d),
		items: catalog.items.filter((i) => i.category === '行政处罚').map((i) => ({ code: i.code, name: i.name })),
		rules: ruleLegend(),
		states: REVIEW_STATES,
		updating,
		patterns,
		patternsPending: found === null
	};
}

/** A flag with its rule's name and explanation beside the code. */
export function withRuleName<F extends { rule: RuleId }>(f: F): F & { title: string; explain: string } {
	return { ...f, title: RULES[f.rule].title, explain: RULES[f.rule].explain };
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
	const [viewer, flags, proposals, reviews, provenance] = await Promise.all([
		viewerFor(db, user),
		listFlags(db, { caseId, agency, status: 'all' }),
		proposalsOf(db, caseId, agency),
		reviewsOf(db, agency, caseId),
		caseProvenance(db, agency, caseId)
	]);
	// The suggestion is computed from the whole record; only what leaves this function is masked.
	const now = suggester ? suggester.suggest([c])[0] : null;
	return {
		record: maskCase(c, viewer),
		agency,
		major: isMajorDecision(catalog, c),
		timeline: caseTimeline(c, getCalendar(), catalog, today()),
		fields: REVIEW_FIELDS,
		// The circumstances read from the facts text, with their phrases, masked as the text is.
		extracted: maskPhrases(provenance.extracted, c, viewer),
		openFlags: flags.filter((f) => f.status === 'open').map(withRuleName),
		resolvedFlags: flags.filter((f) => f.status === 'accepted' || f.status === 'corrected').map(withRuleName),
		proposal: proposals[0] ?? null,
		suggestionNow: now ? { note: now.note, low: now.low, high: now.high, version: now.model_version } : null,
		reviews,
		points: REVIEW_POINTS,
		questions: [...QUESTION_POINTS],
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
