import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { databasePath, storageProblem, type Database } from '../db';
import { filesDir } from '../files';
import { appendAudit } from '../audit';
import { backupFolderName } from '../../domain/backup-schedule';
import { backupDatabase } from './backup';
import { backupDocuments, verifyBackupFiles } from './restore';
import { BackupError, manifestRows, readManifest, sha256File, type BackupManifest } from './manifest';
import { bilingual } from '../../i18n';
import { textOf } from '../../i18n/error';
import { asList, msg, type Text } from '../../i18n/message';

/**
 * The server's own backups: one folder per backup under backupsDir(), taken from the administrator's page or by the
 * daily schedule. The folders themselves say which backups exist and how each was taken: a database restored
 * from one of them must not forget the backups taken after it.
 */

export type BackupKind = 'manual' | 'scheduled';

/** Beside the manifest, who took the backup and how: only scheduled ones are ever pruned. */
export const BACKUP_INFO_FILE = 'backup-info.json';

export interface BackupEntry {
	name: string;
	/** When the snapshot was taken (ISO); for an incomplete folder, when it was last written. */
	createdAt: string;
	/** null for a folder written by the command line or the API, which say nothing of it. */
	kind: BackupKind | null;
	takenBy: string | null;
	schemaVersion: number | null;
	tables: number;
	rows: number;
	/** The whole folder on disk. */
	bytes: number;
	/** Case-file documents copied with it. */
	files: number;
	complete: boolean;
	/** Why the folder is not a backup that can be restored, in both languages (for the command line)… */
	problem: string | null;
	/** …and as a message, for the page. */
	why: Text | null;
}

export interface TakenBackup {
	name: string;
	path: string;
	createdAt: string;
	tables: number;
	rows: number;
	files: number;
	ms: number;
}

export type VerifyResult = { ok: true; tables: number; rows: number; files: number } | { ok: false; problems: string[]; why: Text[] };

/** The name of the backup being written in this process, if any. */
let running: string | null = null;

export function backupRunning(): string | null {
	return running;
}

/** Where the page and the schedule put backups: EQUITAS_BACKUPS, else `backups/` beside the database file. */
export function backupsDir(): string {
	return resolve(process.env.EQUITAS_BACKUPS || join(dirname(databasePath()), 'backups'));
}

/**
 * A folder the backup API may write: inside the backups folder (a name, or an absolute path under it), checked on
 * the real path of what exists of it, so that neither `..` nor a symbolic link leads out. Null when it is outside.
 */
export function backupTarget(dir: string): string | null {
	const root = backupsDir();
	mkdirSync(root, { recursive: true, mode: 0o700 });
	const real = realpathSync(root);
	const target = resolve(root, dir);
	let existing = target;
	while (!existsSync(existing)) existing = dirname(existing);
	const inside = (p: string, base: string) => {
		const r = relative(base, p);
		return r !== '' && !r.startsWith('..') && !isAbsolute(r);
	};
	const realExisting = realpathSync(existing);
	return inside(target, root) && (existing === target ? inside(realExisting, real) : realExisting === real || inside(realExisting, real)) ? target : null;
}

/** A backup's folder, only by a plain name from the listing: a path from a form never reaches the disk. */
function folderOf(dir: string, name: string): string {
	if (!name || name.includes('/') || name.includes('\\') || name.includes('..') || name.includes('\0')) {
		throw new BackupError(msg('err.backup.badName', { name }));
	}
	// One of the folders the listing shows (read directly: sizing every backup just to check a name is waste).
	const listed = existsSync(dir) && readdirSync(dir, { withFileTypes: true }).some((e) => e.isDirectory() && e.name === name);
	if (!listed) throw new BackupError(msg('err.backup.noBackup', { name }));
	return join(dir, name);
}

function folderBytes(path: string): number {
	let total = 0;
	for (const e of readdirSync(path, { withFileTypes: true })) {
		const p = join(path, e.name);
		if (e.isDirectory()) total += folderBytes(p);
		else if (e.isFile()) total += statSync(p).size;
	}
	return total;
}

function readInfo(path: string): { kind: BackupKind | null; takenBy: string | null } {
	try {
		const v = JSON.parse(readFileSync(join(path, BACKUP_INFO_FILE), 'utf8')) as { kind?: unknown; takenBy?: unknown };
		const kind = v.kind === 'manual' || v.kind === 'scheduled' ? v.kind : null;
		return { kind, takenBy: typeof v.takenBy === 'string' ? v.takenBy : null };
	} catch {
		return { kind: null, takenBy: null };
	}
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function entryOf(dir: string, name: string, sizes: boolean): BackupEntry {
	const path = join(dir, name);
	const base = { name, kind: null, takenBy: null, schemaVersion: null, tables: 0, rows: 0, files: 0 };
	const refused = (why: Text) => ({ ...base, createdAt: modified, bytes, complete: false, ...explained(why) });
	let bytes = 0;
	let modified = new Date(0).toISOString();
	try {
		if (sizes) bytes = folderBytes(path);
		modified = statSync(path).mtime.toISOString();
	} catch (e) {
		return refused(msg('err.backup.folderUnreadable', { detail: message(e) }));
	}
	if (/\.partial-\d+-\d+$/.test(name)) {
		return refused(running !== null && name.startsWith(`${running}.partial-`) ? msg('err.backup.writing') : msg('err.backup.partial'));
	}
	try {
		const m = readManifest(path);
		return {
			...base,
			...readInfo(path),
			createdAt: m.createdAt,
			schemaVersion: m.schemaVersion,
			tables: m.tables.length,
			rows: manifestRows(m),
			files: m.files?.count ?? 0,
			bytes,
			complete: true,
			problem: null,
			why: null
		};
	} catch (e) {
		// The folder's name is enough in a listing; the whole path is on the page once, above it.
		return { ...refused(renamed(textOf(e), path, name)), ...readInfo(path) };
	}
}

/**
 * Every folder under `dir`, newest first. A folder that is not a whole backup is listed with the reason, never
 * thrown; only a `dir` that cannot be read at all throws (BackupError). Without `sizes`, bytes are 0: adding up
 * every file of every backup is for the page, not for the schedule's check once a minute.
 */
export function listBackups(dir: string, options: { sizes?: boolean } = {}): BackupEntry[] {
	if (!existsSync(dir)) return [];
	let entries;
	try {
		entries = readdirSync(dir, { withFileTypes: true });
	} catch (e) {
		throw new BackupError(msg('err.backup.readFolder', { dir, detail: message(e) }));
	}
	return entries
		.filter((e) => e.isDirectory())
		.map((e) => entryOf(dir, e.name, options.sizes ?? true))
		.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name));
}

/** The free space where backups go (null when the system will not say), so a page can warn before the disk fills. */
export function diskFree(dir: string): number | null {
	let p = resolve(dir);
	while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
	try {
		const s = statfsSync(p);
		return s.bavail * s.bsize;
	} catch {
		return null;
	}
}

/** Two backups at once would each read the whole database and double the disk traffic; the second is refused. */
export class BackupBusyError extends BackupError {
	constructor(name: string) {
		super(msg('err.backup.busy', { name }));
		this.name = 'BackupBusyError';
	}
}

/**
 * Why a backup failed, in words an administrator can act on (the caller says which backup): a full or read-only
 * disk is about the backups folder here, not the database, which a backup only reads.
 */
export function backupFailureText(e: unknown, dir: string): Text {
	if (e instanceof BackupError) return e.msg;
	const detail = message(e);
	switch (storageProblem(e)) {
		case 'disk-full':
			return msg('err.backup.diskFull', { dir, detail });
		case 'read-only':
			return msg('err.backup.readOnly', { dir, detail });
		default:
			return textOf(e);
	}
}

/** The same in both languages, for the schedule's status and the command line. */
export function backupFailure(e: unknown, dir: string): string {
	return both(backupFailureText(e, dir));
}

/** Chinese, then English after "\n/ ", as backup messages have always been printed; once when they are the same. */
function both(text: Text): string {
	const { zh, en } = bilingual(text);
	return zh === en ? zh : `${zh}\n/ ${en}`;
}

function explained(why: Text): { problem: string; why: Text } {
	return { problem: both(why), why };
}

function failed(why: Text[]): VerifyResult {
	return { ok: false, problems: why.map(both), why };
}

/** A listing names a backup by its folder name, not its whole path (which the page shows once, above it). */
function renamed(text: Text, path: string, name: string): Text {
	return asList(text).map((m) => ({
		...m,
		values: m.values && Object.fromEntries(Object.entries(m.values).map(([k, v]) => [k, typeof v === 'string' ? v.replaceAll(path, name) : v]))
	}));
}

function freeName(dir: string, at: Date): string {
	const stem = backupFolderName(at);
	let name = stem;
	for (let i = 2; existsSync(join(dir, name)); i++) name = `${stem}-${i}`;
	return name;
}

/** A backup holds every personal record: who took one, and where to, goes on the audit record. */
export async function auditBackup(
	db: Database,
	b: { actor: string; path: string; manifest: BackupManifest; ip?: string | null; trigger?: BackupKind }
): Promise<void> {
	await appendAudit(db, {
		actor: b.actor,
		action: 'export',
		targetType: 'backup',
		targetId: b.path,
		detail: {
			kind: 'backup',
			...(b.trigger ? { trigger: b.trigger } : {}),
			tables: b.manifest.tables.length,
			rows: manifestRows(b.manifest),
			files: b.manifest.files.count
		},
		ip: b.ip ?? null
	});
}

/**
 * Takes a backup into a new folder `equitas-YYYYMMDD-HHMMSS` under `dir` and puts it on the audit record as the API
 * does (a backup holds every personal record). Refused with BackupBusyError while another one is being taken.
 */
export async function takeBackup(
	db: Database,
	by: { user: string; kind: BackupKind; ip?: string | null },
	options: { dir?: string; filesDir?: string; now?: Date } = {}
): Promise<TakenBackup> {
	if (running !== null) throw new BackupBusyError(running);
	const dir = options.dir ?? backupsDir();
	const name = freeName(dir, options.now ?? new Date());
	// Set before the first await, so that a second request in the same tick is refused.
	running = name;
	try {
		const started = Date.now();
		const path = join(dir, name);
		const m = await backupDatabase(db, path, { filesDir: options.filesDir ?? filesDir() });
		writeFileSync(join(path, BACKUP_INFO_FILE), JSON.stringify({ kind: by.kind, takenBy: by.user }) + '\n');
		await auditBackup(db, { actor: by.user, path, manifest: m, ip: by.ip, trigger: by.kind });
		return { name, path, createdAt: m.createdAt, tables: m.tables.length, rows: manifestRows(m), files: m.files.count, ms: Date.now() - started };
	} finally {
		running = null;
	}
}

/** Checks a backup's Parquet files and documents against their SHA-256, as a restore would before writing anything. */
export async function verifyBackup(dir: string, name: string): Promise<VerifyResult> {
	const path = folderOf(dir, name);
	let manifest;
	try {
		manifest = readManifest(path);
	} catch (e) {
		return failed([textOf(e)]);
	}
	const problems: Text[] = [];
	try {
		await verifyBackupFiles(path, manifest);
	} catch (e) {
		problems.push(textOf(e));
	}
	// Documents are named by their hash; the restore checks them too, so a damaged one is found here first.
	const files = manifest.files;
	let found = 0;
	if (files && files.count > 0) {
		const documents = existsSync(join(path, files.dir)) ? backupDocuments(path, manifest) : [];
		for (const doc of documents) {
			found++;
			if ((await sha256File(doc.path)) !== doc.name) problems.push(msg('err.backup.documentBroken', { name: doc.name }));
		}
		if (found < files.count) problems.push(msg('err.backup.documentsMissing', { n: files.count - found }));
	}
	if (problems.length > 0) return failed(problems);
	return { ok: true, tables: manifest.tables.length, rows: manifestRows(manifest), files: found };
}

/** Removes the oldest complete scheduled backups beyond `keep`; manual and incomplete ones are left alone. Returns their names. */
export function pruneBackups(dir: string, keep: number): string[] {
	if (!Number.isInteger(keep) || keep < 1) throw new RangeError(`keep must be a whole number of at least 1, not ${keep}`);
	const old = listBackups(dir, { sizes: false })
		.filter((b) => b.complete && b.kind === 'scheduled')
		.slice(keep)
		.map((b) => b.name);
	for (const name of old) rmSync(folderOf(dir, name), { recursive: true });
	return old;
}

function shellQuote(s: string): string {
	return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

/**
 * The command that restores a backup with the server stopped. It names the database and the document store the
 * server uses, so it does the same thing whatever the operator's shell has set; --force because the database
 * exists (the restore keeps it beside the new one).
 */
export function restoreCommand(path: string): string {
	return ['npm run -s restore --', ...[path, '--db', databasePath(), '--files', filesDir(), '--force'].map(shellQuote)].join(' ');
}
