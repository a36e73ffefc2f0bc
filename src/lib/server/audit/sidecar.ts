import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { ChainKeys } from '../../domain/audit-chain';

/**
 * What the audit log keeps outside its database: the key file (the MAC keys, and the sequence number keying started
 * at) and the head file (the newest entry's sequence number, hash and time, rewritten on every append). Someone who
 * can write the database but not these files can neither re-sign the chain nor cut its end unseen.
 */

export interface AuditKey {
	id: string;
	/** 32 random bytes, base64. */
	key: string;
	created: string;
}

export interface Keyring {
	format: 'equitas-audit-key';
	/** The first entry signed, and with which key; null until the first keyed append. */
	start: { seq: number; key_id: string } | null;
	/** Every key the chain was signed with, oldest first: the old ones are still needed to verify old entries. */
	keys: AuditKey[];
}

export interface ChainHead {
	seq: number;
	hash: string;
	at: string;
	/** The key that signed this head (outside the database only). */
	key_id?: string | null;
	mac?: string | null;
}

export type HeadRead = ChainHead | 'absent' | 'unreadable';

/** Where the files are kept; an in-memory database keeps them in memory, for tests and one-off tools. */
export interface Sidecar {
	readonly keyFile: string | null;
	readonly headFile: string | null;
	readKeyring(): Keyring | null;
	writeKeyring(k: Keyring): void;
	readHead(): HeadRead;
	writeHead(h: ChainHead): void;
}

export class AuditKeyError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'AuditKeyError';
	}
}

export function newAuditKey(now = new Date()): AuditKey {
	const stamp = now.toISOString().slice(0, 10).replaceAll('-', '');
	return { id: `k${stamp}-${randomBytes(4).toString('hex')}`, key: randomBytes(32).toString('base64'), created: now.toISOString() };
}

export function chainKeysOf(k: Keyring | null): ChainKeys {
	return {
		start: k?.start ? { seq: k.start.seq, keyId: k.start.key_id } : null,
		keys: new Map((k?.keys ?? []).map((x) => [x.id, Buffer.from(x.key, 'base64')]))
	};
}

/** Temp file and rename: a reader sees the old content or the new, never half of one. */
function writeAtomic(path: string, text: string, mode: number): void {
	const tmp = `${path}.tmp-${process.pid}`;
	try {
		writeFileSync(tmp, text, { mode });
		// writeFile's mode applies only when it creates the file; a leftover temp file keeps its own.
		chmodSync(tmp, mode);
		renameSync(tmp, path);
	} catch (e) {
		rmSync(tmp, { force: true });
		throw e;
	}
}

function isKeyring(v: unknown): v is Keyring {
	if (!v || typeof v !== 'object' || !('format' in v) || v.format !== 'equitas-audit-key' || !('keys' in v) || !Array.isArray(v.keys)) return false;
	return v.keys.every((k: unknown) => !!k && typeof k === 'object' && 'id' in k && typeof k.id === 'string' && 'key' in k && typeof k.key === 'string');
}

function isHead(v: unknown): v is ChainHead {
	return !!v && typeof v === 'object' && 'seq' in v && Number.isInteger(v.seq) && 'hash' in v && typeof v.hash === 'string' && 'at' in v;
}

function fileSidecar(keyFile: string, headFile: string): Sidecar {
	return {
		keyFile,
		headFile,
		readKeyring() {
			if (!existsSync(keyFile)) return null;
			// The key file is the server user's alone; one made wider by hand is narrowed back before it is used.
			if ((statSync(keyFile).mode & 0o077) !== 0) chmodSync(keyFile, 0o600);
			let v: unknown;
			try {
				v = JSON.parse(readFileSync(keyFile, 'utf8'));
			} catch {
				v = null;
			}
			if (!isKeyring(v)) throw new AuditKeyError(`审计密钥文件无法读取：${keyFile} / the audit key file is unreadable`);
			return v;
		},
		writeKeyring: (k) => writeAtomic(keyFile, `${JSON.stringify(k, null, 1)}\n`, 0o600),
		readHead() {
			if (!existsSync(headFile)) return 'absent';
			try {
				const v: unknown = JSON.parse(readFileSync(headFile, 'utf8'));
				return isHead(v) ? v : 'unreadable';
			} catch {
				return 'unreadable';
			}
		},
		writeHead: (h) => writeAtomic(headFile, JSON.stringify(h), 0o600)
	};
}

function memorySidecar(): Sidecar {
	let ring: Keyring | null = null;
	let head: ChainHead | null = null;
	return {
		keyFile: null,
		headFile: null,
		readKeyring: () => (ring ? structuredClone(ring) : null),
		writeKeyring: (k) => void (ring = structuredClone(k)),
		readHead: () => head ?? 'absent',
		writeHead: (h) => void (head = { ...h })
	};
}

/** The key file: EQUITAS_AUDIT_KEY_FILE, else `<database>.audit-key`; the head file: EQUITAS_AUDIT_HEAD_FILE, else `<database>.audit-head`. */
export function sidecarPaths(dbPath: string): { keyFile: string; headFile: string } {
	return {
		keyFile: process.env.EQUITAS_AUDIT_KEY_FILE || `${dbPath}.audit-key`,
		headFile: process.env.EQUITAS_AUDIT_HEAD_FILE || `${dbPath}.audit-head`
	};
}

const sidecars = new WeakMap<object, Sidecar>();

export function sidecarOf(db: { readonly path: string }): Sidecar {
	let s = sidecars.get(db);
	if (!s) {
		if (db.path === ':memory:') s = memorySidecar();
		else {
			const p = sidecarPaths(db.path);
			s = fileSidecar(p.keyFile, p.headFile);
		}
		sidecars.set(db, s);
	}
	return s;
}

/** Copies a closed database file with its key and head files: a copy without them cannot be verified or appended to. */
export function copyDatabaseWithAudit(from: string, to: string): void {
	copyFileSync(from, to);
	const [a, b] = [sidecarPaths(from), sidecarPaths(to)];
	for (const [src, dst] of [
		[a.keyFile, b.keyFile],
		[a.headFile, b.headFile]
	] as const) {
		if (src !== dst && existsSync(src)) copyFileSync(src, dst);
	}
}

/** The backup's copy of the key file: a backup of a keyed log is verifiable only with it, so it is as secret as the key. */
export const BACKUP_KEY_FILE = 'audit-key.json';

export function writeKeyringCopy(k: Keyring, path: string): void {
	writeAtomic(path, `${JSON.stringify(k, null, 1)}\n`, 0o600);
}

/** A restored database's key file: the backup's start and keys, with any keys the target's file held already. */
export function restoreKeyring(fromBackup: string, dbPath: string): void {
	if (!existsSync(fromBackup)) return;
	const side = sidecarOf({ path: dbPath });
	const backup = fileSidecar(fromBackup, `${fromBackup}.head`).readKeyring();
	if (!backup) return;
	const have = side.readKeyring();
	const keys = [...(have?.keys ?? [])];
	for (const k of backup.keys) if (!keys.some((x) => x.id === k.id)) keys.push(k);
	side.writeKeyring({ format: 'equitas-audit-key', start: backup.start, keys });
}
