/**
 * Legal review: the flags (R01–R16), the reviewers' queue, reviews and the branches that drift from the norm.
 * Flags are computed by one of three entries, from the most to the least direct:
 * - `computeFlags` computes and stores every flag now (tests, the failure drills);
 * - `updateFlags` recomputes only when the data, the case files, the model, the rules or the R03 threshold changed
 *   since (or when forced), one recomputation at a time: the command line and the benchmark;
 * - `currentFlags` is the server pages': it updates with the server's suggester and waits at most five seconds.
 * Pages read through `reviewQueuePage` and `reviewPage`, which mask for the reader.
 */
export { computeFlags, listFlags, flagsOf, loadRoster, type StoredFlag, type ComputedFlag, type RecomputeSummary, type FlagFilter } from './flags';
export { reviewQueue, type QueueRow, type QueueFilter } from './queue';
export { saveReview, reviewsOf, ReviewError, type StoredReview } from './reviews';
export { driftPatterns, type DriftPattern } from './patterns';
export { flagQuality, storedFlagQuality, type RuleQuality } from './quality';
export { currentFlags, updateFlags } from './freshness';
export { reviewQueuePage, reviewPage, reviewForm, checkReview, submitReview, type ReviewForm } from './case-review';
