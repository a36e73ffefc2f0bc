export { today } from './clock';
export {
	getPublicitySettings,
	setPublicitySettings,
	changePublicitySettings,
	type PublicitySettings,
	type PublicityValues,
	type PublicityField
} from './settings';
export { listPublished, allPublished, listDue, listToWithdraw, listWithdrawn, getDecision, isOnPublicity, type Page, type PublishedFilter } from './decisions';
export { toPublicityCase, type DecisionRow } from './scope';
export { publishDecision, withdrawDecision, PublicityError, type WithdrawInput } from './acts';
export { syncFeed, readChanges, pullChanges, latestSeq } from './feed';
export { pushChanges, deliveredUpTo, listDeliveries, DEFAULT_BACKOFF_MS, type PushOptions, type PushResult, type Delivery } from './push';
export { startPushSchedule, requestPush, pushConfigured } from './push-schedule';
export { publicityCsv, publicityXlsx } from './export';
export { agencyName, publicOfficers, type PublicOfficer } from './public-info';
export { publicitySummary, type PublicitySummary } from './summary';
export { publicityDesk, publishedPage, withdrawnPage, withdrawalTarget, exportPublished, mayActOnPublicity, type PublicityExport } from './desk';
