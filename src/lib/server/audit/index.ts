export { appendAudit, auditExport, verifyAudit, listAudit, type AuditAction, type AuditInput, type AuditFilter } from './log';
export { auditPage, maskEntries } from './view';
export type { Actor } from './actor';
