export { importCases, type ImportSummary, type ImportDetails, type ImportOptions, type ImportProgress, type ImportStage } from './import-cases';
export { importRoster, type RosterSummary } from './load-roster';
export { importPublications, type PublicationsSummary, type PublicationsOptions } from './load-publications';
export {
	savePublicationProfile,
	requirePublicationProfile,
	publicationProfileForHeaders,
	listPublicationProfiles,
	type PublicationProfile
} from './publication-profiles';
export { listBatches, getBatch, undoBatch, UndoError, type BatchRow } from './batches';
export { quarantineOf, quarantineCsv, reasonsText, type QuarantinedRow } from './quarantine';
export { exportQuarantine } from './quarantine-export';
export {
	saveProfile,
	deleteProfile,
	updateProfile,
	findProfile,
	listProfiles,
	profileForHeaders,
	profileKind,
	profileRulesSchema,
	type Profile,
	type ProfileMapping,
	type ProfileRules,
	type ProfileEdit,
	type ProfileKind
} from './profiles';
export { sniffEncoding, sniffFile, type TextEncoding } from './decode';
export { UnreadableFileError } from './prepare';
export { readHead } from './head';
export { saveUpload, getUpload, uploadLimit, UploadError, type Upload } from './uploads';
export { receiveUpload, previewUploaded, checkMapping, type UploadPreview, type MappingGap } from './upload-preview';
export { startImportJob, getJob, type Job, type JobKind, type JobState, type PublicationsResult } from './jobs';
