export { importCases, type ImportSummary, type ImportDetails, type ImportOptions, type ImportProgress, type ImportStage } from './import-cases';
export { importRoster, type RosterSummary } from './load-roster';
export { listBatches, getBatch, undoBatch, UndoError, type BatchRow } from './batches';
export { quarantineOf, quarantineCsv, type QuarantinedRow } from './quarantine';
export { saveProfile, findProfile, listProfiles, profileForHeaders, type Profile, type ProfileMapping } from './profiles';
export { sniffEncoding, sniffFile, type TextEncoding } from './decode';
export { UnreadableFileError, isXlsx } from './prepare';
export { readHead } from './head';
