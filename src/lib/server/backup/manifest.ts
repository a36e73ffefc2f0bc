import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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

export class BackupError extends Error {
	constructor(message: string) {
		super(message);
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
		throw new BackupError(
			`不是完整的备份目录（缺少 ${MANIFEST_FILE}，可能备份未完成）：${dir}\n/ not a complete backup folder (no ${MANIFEST_FILE}; the backup may not have finished): ${dir}`
		);
	}
	let m: BackupManifest;
	try {
		m = JSON.parse(readFileSync(path, 'utf8')) as BackupManifest;
	} catch {
		throw new BackupError(`备份清单无法解析：${path}\n/ the backup manifest is not valid JSON: ${path}`);
	}
	if (m.format !== BACKUP_FORMAT || !Array.isArray(m.tables)) throw new BackupError(`不是同案同罚的备份：${dir}\n/ not an Equitas backup: ${dir}`);
	if (m.formatVersion > BACKUP_FORMAT_VERSION) {
		throw new BackupError(
			`备份格式版本 ${m.formatVersion} 比本程序新，请用新版本恢复。\n/ backup format ${m.formatVersion} is newer than this program: restore it with a newer version.`
		);
	}
	return m;
}
