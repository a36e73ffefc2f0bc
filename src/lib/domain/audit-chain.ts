import { createHash } from 'node:crypto';

/**
 * The audit log's hash chain: each entry's hash covers its content and the previous entry's hash, so editing,
 * deleting or reordering any entry breaks every hash after it. Pure: the server stores, this computes.
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

export function entryHash(prevHash: string, c: AuditContent): string {
	const canonical = JSON.stringify([c.seq, c.at, c.actor, c.action, c.target_type, c.target_id, c.detail, c.ip]);
	return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export type ChainCheck = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string };

/** A checker fed one entry at a time, so that a long log can be verified page by page. */
export function chainChecker() {
	let prev = GENESIS_HASH;
	let expectedSeq = 1;
	let n = 0;
	return {
		/** Null while the chain holds; the first break otherwise. */
		push(e: AuditEntry): ChainCheck | null {
			n++;
			if (e.seq !== expectedSeq)
				return { ok: false, entries: n, brokenAt: e.seq, reason: `序号不连续：应为 ${expectedSeq}，实为 ${e.seq}（记录被删除或重排）` };
			if (e.prev_hash !== prev) return { ok: false, entries: n, brokenAt: e.seq, reason: '与上一条记录的链接不符（上一条记录被删除、修改或重排）' };
			if (entryHash(prev, e) !== e.hash) return { ok: false, entries: n, brokenAt: e.seq, reason: '记录内容与其哈希不符（记录被修改）' };
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
export function verifyChain(entries: Iterable<AuditEntry>): ChainCheck {
	const c = chainChecker();
	for (const e of entries) {
		const broken = c.push(e);
		if (broken) return broken;
	}
	return c.done();
}
