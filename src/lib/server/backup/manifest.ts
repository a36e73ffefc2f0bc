import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalizedError } from '../../i18n/error';
import { msg, type Text } from '../../i18n/message';

/** The manifest is written last: a folder without it is an unfinished backup and is never restored. */
export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_FORMAT = 'equitas-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupTable {
	name: string;
	/** The Parquet file in the backup folder (relative), as DuckDB's EXPORT DATABASE named it. */
	file: string;
	/** Rows in the snapshot the backup was taken from. */
	rows: number;
	bytes: number;
	sha256: string;
}

export interface BackupManifest {
	format: typeof BACKUP_FORMAT;
	formatVersion: number;
	createdAt: string;
	/** The database file the backup was taken from. */
	source: string;
	duckdbVersion: string;
	/** The highest schema migration applied in the source. */
	schemaVersion: number;
	tables: BackupTable[];
	/** Each sequence's next value when the backup was taken (for the check after a restore). */
	sequences: { name: string; next: number }[];
	/** The DDL file (tables, sequences, indexes) EXPORT DATABASE wrote. */
	schemaFile: string;
	/** The case-file store's files that the snapshot's case_files rows name, copied under `files/` by their hash. */
	files: { dir: string; count: number; bytes: number; missing: string[] };
}

/** Backup messages have always been printed in both languages by the commands, so `.message` holds both. */
export class BackupError extends LocalizedError {
	constructor(text: Text) {
		super(text, { bilingual: '\n/ ' });
		this.name = 'BackupError';
	}
}

/** Rows in all of a backup's tables. */
export function manifestRows(m: Pick<BackupManifest, 'tables'>): number {
	return m.tables.reduce((s, t) => s + t.rows, 0);
}

export function sha256File(path: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const h = createHash('sha256');
		createReadStream(path)
			.on('data', (d) => h.update(d))
			.on('error', reject)
			.on('end', () => resolve(h.digest('hex')));
	});
}

/** Reads and checks a backup folder's manifest; says in both languages what is wrong with a folder that is not one. */
export function readManifest(dir: string): BackupManifest {
	const path = join(dir, MANIFEST_FILE);
	if (!existsSync(path)) {
		throw new BackupError(msg('err.backup.incomplete', { file: MANIFEST_FILE, dir }));
	}
	let m: BackupManifest;
	try {
		m = JSON.parse(readFileSync(path, 'utf8')) as BackupManifest;
	} catch {
		throw new BackupError(msg('err.backup.manifestJson', { path }));
	}
	if (m.format !== BACKUP_FORMAT || !Array.isArray(m.tables)) throw new BackupError(msg('err.backup.notBackup', { dir }));
	if (m.formatVersion > BACKUP_FORMAT_VERSION) {
		throw new BackupError(msg('err.backup.newer', { version: m.formatVersion }));
	}
	return m;
}
