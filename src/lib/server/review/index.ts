/**
 * Legal review: the flags (R01–R16), the reviewers' queue, reviews and the branches that drift from the norm.
 * Flags are computed by one of three entries, from the most to the least direct:
 * - `computeFlags` computes and stores every flag now (tests, the failure drills);
 * - `updateFlags` recomputes only when the data, the case files, the model, the rules or the R03 threshold changed
 *   since (or when forced), one recomputation at a time: the command line and the benchmark;
 * - `currentFlags` is the server pages': it updates with the server's suggester and waits at most five seconds.
 * An import computes the flags of the cases it changed at its end (`importKeepingFlags`), and the server keeps
 * them current by itself (`startFlagsUpkeep`): a reviewer's page finds them computed.
 * Pages read through `reviewQueuePage` and `reviewPage`, which mask for the reader.
 */
export { computeFlags, listFlags, flagsOf, loadRoster, type StoredFlag, type ComputedFlag, type RecomputeSummary, type FlagFilter } from './flags';
export { reviewQueue, REVIEW_STATES, type QueueRow, type QueueFilter, type ReviewState } from './queue';
export { saveReview, reviewsOf, ReviewError, type StoredReview } from './reviews';
export { driftPatterns, dailyDriftPatterns, type DriftPattern } from './patterns';
export { flagQuality, storedFlagQuality, type RuleQuality } from './quality';
export { currentFlags, updateFlags, updateFlagsAfterImport, flagsCurrent, startFlagsUpkeep } from './freshness';
export { importKeepingFlags } from './after-import';
export { reviewQueuePage, ruleLegend, withRuleName, reviewPage, reviewForm, checkReview, submitReview, type ReviewForm } from './case-review';
export {
	supervisionPage,
	exportSupervision,
	supervisionFilterOf,
	pageParam,
	SUPERVISION_PAGE_SIZE,
	type SupervisionFilter,
	type SupervisionRow
} from './supervision';
