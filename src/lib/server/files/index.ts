/** The electronic case file (电子案卷): the store, the records, uploads, document lists, evaluation and verification. */
export { filesDir, fileLimit, blobPath, blobExists, storeStream, hashBlob, StoreError, type Stored } from './store';
export { documentsOf, getDocument, documentsByCase, filesVersion, caseKey, DOCUMENT_SELECT } from './documents';
export { addUploadedDocument, checkUpload, FileError, type UploadRequest } from './upload';
export { importDocumentList, listDigest, DocumentListError, type ListImport, type ListRejection } from './document-list';
export { evaluateCaseFiles, caseFileCheck, type Evaluation, type BranchRow, type IncompleteRow, type EvaluationFilter } from './evaluation';
export { verifyFiles, type FilesCheck, type FileProblem, type FileProblemKind } from './verify';
export { openDocument, type OpenedDocument } from './serve';
export { caseFileView, documentPage, type FileRow, type CaseFileView } from './case-view';
