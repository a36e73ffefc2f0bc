export { backupDatabase, baseTables } from './backup';
export { restoreDatabase, verifyBackupFiles, checkSequences, type RestoreResult } from './restore';
export { readManifest, manifestRows, BackupError, MANIFEST_FILE, type BackupManifest, type BackupTable } from './manifest';
export {
	backupsDir,
	backupTarget,
	backupRunning,
	listBackups,
	takeBackup,
	auditBackup,
	verifyBackup,
	pruneBackups,
	restoreCommand,
	diskFree,
	BackupBusyError,
	backupFailure,
	backupFailureText,
	BACKUP_INFO_FILE,
	type BackupEntry,
	type BackupKind,
	type TakenBackup,
	type VerifyResult
} from './catalog';
export {
	getBackupSchedule,
	saveBackupSchedule,
	changeBackupSchedule,
	getScheduleStatus,
	runScheduledIfDue,
	nextScheduledRun,
	startBackupSchedule,
	type ScheduleStatus,
	type ScheduledRun
} from './schedule';
