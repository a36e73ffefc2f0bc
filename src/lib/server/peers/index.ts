export { matchNewViolations, listViolationMatches, confirmViolationMatch, MATCH_THRESHOLD, type ViolationMatch } from './matching';
