export { recomputeFlags, listFlags, flagsOf, loadRoster, type StoredFlag, type ComputedFlag, type RecomputeSummary, type FlagFilter } from './flags';
export { ensureFlags } from './state';
export { reviewQueue, type QueueRow, type QueueFilter } from './queue';
export { saveReview, reviewsOf, ReviewError, type StoredReview } from './reviews';
export { driftPatterns, type DriftPattern } from './patterns';
export { flagQuality, storedFlagQuality, type RuleQuality } from './quality';
export { freshFlags } from './service';
export { reviewQueuePage, reviewPage, reviewForm, checkReview, submitReview, type ReviewForm } from './case-review';
