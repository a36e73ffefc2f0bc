export { backupDatabase, baseTables } from './backup';
export { restoreDatabase, verifyBackupFiles, checkSequences, type RestoreResult } from './restore';
export { readManifest, BackupError, MANIFEST_FILE, type BackupManifest, type BackupTable } from './manifest';
