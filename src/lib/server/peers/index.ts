export { matchNewViolations, listViolationMatches, batchViolationMatches, confirmViolationMatch, MATCH_THRESHOLD, type ViolationMatch } from './matching';
export { finedItemComparisons, peerComparison, peerFineYears, peerDecisions, type PeerComparison, type PeerDecision, type FineSummary } from './comparison';
export { peersPage, type PeersPage } from './page';
