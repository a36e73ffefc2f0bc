import { createHash, createHmac } from 'node:crypto';

/**
 * The audit log's hash chain: each entry's hash covers its content and the previous entry's hash, so editing,
 * deleting or reordering any entry breaks every hash after it. From the entry that starts the key on, the hash is
 * an HMAC-SHA-256 under a key kept outside the database, so rewriting the chain needs that key as well.
 * Pure: the server stores, this computes.
 */

export interface AuditContent {
	seq: number;
	at: string;
	actor: string;
	action: string;
	target_type: string | null;
	target_id: string | null;
	detail: string | null;
	ip: string | null;
}

export interface AuditEntry extends AuditContent {
	prev_hash: string;
	hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The entry that switches the chain from plain SHA-256 to the keyed MAC, and the one that hands over to a new key. */
export const KEY_STARTED = 'audit-key-started';
export const KEY_ROTATED = 'audit-key-rotated';

function canonical(c: AuditContent): string {
	return JSON.stringify([c.seq, c.at, c.actor, c.action, c.target_type, c.target_id, c.detail, c.ip]);
}

/** The unkeyed hash of the entries written before the key (and of every entry of an older database). */
export function entryHash(prevHash: string, c: AuditContent): string {
	return createHash('sha256').update(prevHash).update('\n').update(canonical(c)).digest('hex');
}

/** The keyed hash: HMAC-SHA-256 over the same bytes as entryHash. */
export function entryMac(key: Uint8Array, prevHash: string, c: AuditContent): string {
	return createHmac('sha256', key).update(prevHash).update('\n').update(canonical(c)).digest('hex');
}

/** The key id an entry that starts or rotates the key names; null for any other entry. */
export function keyIdOf(e: Pick<AuditContent, 'action' | 'detail'>): string | null {
	if (e.action !== KEY_STARTED && e.action !== KEY_ROTATED) return null;
	try {
		const d: unknown = e.detail ? JSON.parse(e.detail) : null;
		return d && typeof d === 'object' && 'key_id' in d && typeof d.key_id === 'string' ? d.key_id : null;
	} catch {
		return null;
	}
}

/**
 * The keys a verifier holds, by id, and where keying started: the entry of that sequence number is the first signed
 * with `keyId`. A chain keyed from its first entry needs no marker; an older chain keyed later has a KEY_STARTED entry there.
 */
export interface ChainKeys {
	start: { seq: number; keyId: string } | null;
	keys: ReadonlyMap<string, Uint8Array>;
}

export const NO_KEYS: ChainKeys = { start: null, keys: new Map() };

export type ChainProblem = 'sequence' | 'link' | 'hash' | 'mac' | 'key-missing' | 'key-start' | 'head' | 'checkpoint';

export type ChainCheck = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; kind: ChainProblem; reason: string };

/** A checker fed one entry at a time, so that a long log can be verified page by page. */
export function chainChecker(keys: ChainKeys = NO_KEYS) {
	let prev = GENESIS_HASH;
	let expectedSeq = 1;
	let n = 0;
	// Null before the entry that starts the key; then the id of the key that signs the next entry.
	let keyId: string | null = null;
	const broken = (e: AuditEntry, kind: ChainProblem, reason: string): ChainCheck => ({ ok: false, entries: n, brokenAt: e.seq, kind, reason });
	return {
		/** Null while the chain holds; the first break otherwise. */
		push(e: AuditEntry): ChainCheck | null {
			n++;
			if (e.seq !== expectedSeq) return broken(e, 'sequence', `序号不连续：应为 ${expectedSeq}，实为 ${e.seq}（记录被删除或重排）`);
			if (e.prev_hash !== prev) return broken(e, 'link', '与上一条记录的链接不符（上一条记录被删除、修改或重排）');
			const start = keys.start;
			const startsHere = start !== null && e.seq === start.seq;
			if (e.action === KEY_STARTED && start === null) return broken(e, 'key-missing', '日志自此条起以密钥签名，但没有找到审计密钥文件，无法校验');
			if ((e.action === KEY_STARTED) !== (startsHere && e.seq > 1) || (e.action === KEY_STARTED && keyIdOf(e) !== start?.keyId)) {
				return broken(e, 'key-start', `密钥文件记载签名自第 ${start?.seq} 条起，日志与之不符（记录被删除、伪造或改回未签名）`);
			}
			if (startsHere) keyId = start.keyId;
			if (keyId !== null) {
				const key = keys.keys.get(keyId);
				if (!key) return broken(e, 'key-missing', `缺少审计密钥 ${keyId}，无法校验此条及以后的记录`);
				if (entryMac(key, prev, e) !== e.hash) return broken(e, 'mac', '记录与其密钥签名不符（记录被修改或伪造，且未持有审计密钥）');
				// The rotation entry is signed with the old key; every entry after it with the key it names.
				if (e.action === KEY_ROTATED) keyId = keyIdOf(e) ?? '?';
			} else if (entryHash(prev, e) !== e.hash) return broken(e, 'hash', '记录内容与其哈希不符（记录被修改）');
			prev = e.hash;
			expectedSeq++;
			return null;
		},
		done(): ChainCheck {
			return { ok: true, entries: n };
		}
	};
}

/** Checks entries in sequence order; names the first entry whose hash or link does not hold. */
export function verifyChain(entries: Iterable<AuditEntry>, keys: ChainKeys = NO_KEYS): ChainCheck {
	const c = chainChecker(keys);
	for (const e of entries) {
		const broken = c.push(e);
		if (broken) return broken;
	}
	return c.done();
}
