/** Exports of cases and published decisions (JSON, JSONL, CSV, XLSX), streamed: the command line's and the case list's. */
export {
	prepareCaseListExport,
	exportForOperator,
	type PreparedExport,
	ExportTooLarge,
	EXPORT_KINDS,
	type ExportKind,
	type CliExportRequest,
	type ExportResult
} from './exports';
export { EXPORT_FORMATS, ExportAborted, XLSX_MAX_ROWS, writeRecords, type ExportFormat } from './writers';
export { CASE_COLUMNS, PUBLICATION_COLUMNS, EXTRACTED_HEADER, yuanText } from './columns';
export { caseExportRecords, publicationExportRecords, NO_NEED, UNMASKED, type CaseExportRecord, type PublicationExportRecord } from './records';
