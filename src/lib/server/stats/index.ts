export { overview, type Overview } from './overview';
export { listOfficers, type OfficerRow } from './roster';
