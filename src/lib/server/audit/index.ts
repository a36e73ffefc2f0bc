export { appendAudit, verifyAudit, listAudit, type AuditAction, type AuditInput, type AuditFilter } from './log';
