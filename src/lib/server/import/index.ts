export { loadCaseFile, type LoadSummary, type RejectedRow } from './load-cases';
export { loadRosterFile } from './load-roster';
export { sniffEncoding, sniffFile, type TextEncoding } from './decode';
