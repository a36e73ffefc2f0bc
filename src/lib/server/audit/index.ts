export {
	appendAudit,
	auditExport,
	verifyAudit,
	listAudit,
	rotateAuditKey,
	databaseHead,
	genuineHead,
	type AuditAction,
	type AuditInput,
	type AuditFilter,
	type SignedHead,
	type VerifyOptions
} from './log';
export { copyDatabaseWithAudit, sidecarOf, sidecarPaths, AuditKeyError, type ChainHead, type Keyring } from './sidecar';
export { auditPage, maskEntries } from './view';
export type { Actor } from './actor';
