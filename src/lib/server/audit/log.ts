import { createHmac } from 'node:crypto';
import {
	chainChecker,
	entryMac,
	GENESIS_HASH,
	KEY_ROTATED,
	KEY_STARTED,
	keyIdOf,
	type AuditContent,
	type AuditEntry,
	type ChainCheck
} from '../../domain/audit-chain';
import { explainStorage, type Database, type Queryable } from '../db';
import type { AuditAction } from '../../domain/audit-actions';
import { AuditKeyError, chainKeysOf, newAuditKey, sidecarOf, type ChainHead, type Keyring } from './sidecar';
import type { Actor } from './actor';

export type { AuditAction };

/**
 * The audit log (执法全过程留痕 for the product itself): append-only, chained with an HMAC under a key kept outside
 * the database, its newest entry also written outside it. Appends are serialised in this process (DuckDB lets one
 * process write a file), so two appends never take the same sequence number.
 */

export interface AuditInput {
	actor: string;
	action: AuditAction;
	targetType?: string | null;
	targetId?: string | null;
	detail?: Record<string, unknown> | null;
	ip?: string | null;
}

/** The head as written outside the database: signed with the key in use, so it cannot be set back without the key. */
export interface SignedHead extends ChainHead {
	key_id: string | null;
	mac: string | null;
}

const KEYED_FROM = 'audit_keyed_from';

interface Signer {
	ring: Keyring;
	keyId: string;
	key: Buffer;
	/** Keying starts with the next append: its transaction records where, in the settings and (for an older log) an entry. */
	starting: boolean;
}

const queues = new WeakMap<Database, Promise<unknown>>();
const signers = new WeakMap<Database, Signer>();

function keyOf(ring: Keyring, id: string): Buffer {
	const k = ring.keys.find((x) => x.id === id);
	if (!k) throw new AuditKeyError(`审计密钥文件中没有密钥 ${id} / the audit key file lacks key ${id}`);
	return Buffer.from(k.key, 'base64');
}

/**
 * The key that signs the next entry. The first append makes the key file (mode 0600) and starts keying at the next
 * sequence number; a log that is keyed but whose key file is gone is refused rather than silently re-keyed.
 */
async function signerFor(db: Database, tx: Queryable): Promise<Signer> {
	const known = signers.get(db);
	if (known) return known;
	const side = sidecarOf(db);
	let ring = side.readKeyring();
	const [keyed] = await tx.query<{ value: string }>('SELECT value FROM settings WHERE key = ?', [KEYED_FROM]);
	if (!ring && keyed) {
		throw new AuditKeyError(
			`审计日志自第 ${keyed.value} 条起以密钥签名，但找不到密钥文件 ${side.keyFile}：请从备份恢复该文件。\n/ the audit log is keyed but its key file is missing: restore it from a backup.`
		);
	}
	ring ??= { format: 'equitas-audit-key', start: null, keys: [newAuditKey()] };
	const [last] = await tx.query<{ seq: number }>('SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 1');
	let starting = false;
	// No start yet, or one written to the key file whose transaction never committed: start at the next entry.
	if (!ring.start || (!keyed && (last?.seq ?? 0) < ring.start.seq)) {
		ring = { ...ring, start: { seq: (last?.seq ?? 0) + 1, key_id: ring.keys.at(-1)!.id } };
		try {
			side.writeKeyring(ring);
		} catch (e) {
			throw explainStorage(e, side.keyFile ?? undefined);
		}
		starting = true;
	}
	const [rotated] = await tx.query<{ detail: string | null }>('SELECT detail FROM audit_log WHERE action = ? ORDER BY seq DESC LIMIT 1', [KEY_ROTATED]);
	const keyId = (rotated && keyIdOf({ action: KEY_ROTATED, detail: rotated.detail })) || ring.start!.key_id;
	const signer = { ring, keyId, key: keyOf(ring, keyId), starting };
	signers.set(db, signer);
	return signer;
}

/** Appends entries to the chain inside a transaction already open (the caller holds the audit queue). */
async function appendIn(db: Database, tx: Queryable, inputs: readonly AuditInput[]): Promise<{ entries: AuditEntry[]; signer: Signer }> {
	let signer = await signerFor(db, tx);
	const [last] = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
	let prev = { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH };
	const all: AuditInput[] = [...inputs];
	if (signer.starting) {
		await tx.run('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)', [KEYED_FROM, String(signer.ring.start!.seq)]);
		// An older log says in its own chain from which entry on it is signed; a new one is signed from its first.
		if (prev.seq > 0) all.unshift({ actor: 'system', action: KEY_STARTED, detail: { key_id: signer.keyId } });
	}
	const out: AuditEntry[] = [];
	for (const input of all) {
		const content: AuditContent = {
			seq: prev.seq + 1,
			at: new Date().toISOString(),
			actor: input.actor,
			action: input.action,
			target_type: input.targetType ?? null,
			target_id: input.targetId ?? null,
			detail: input.detail ? JSON.stringify(input.detail) : null,
			ip: input.ip ?? null
		};
		const entry: AuditEntry = { ...content, prev_hash: prev.hash, hash: entryMac(signer.key, prev.hash, content) };
		await tx.run(
			`INSERT INTO audit_log (seq, "at", actor, action, target_type, target_id, detail, ip, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			[entry.seq, entry.at, entry.actor, entry.action, entry.target_type, entry.target_id, entry.detail, entry.ip, entry.prev_hash, entry.hash]
		);
		out.push(entry);
		prev = { seq: entry.seq, hash: entry.hash };
		// The rotation entry is signed with the old key, what follows with the new one.
		const next = content.action === KEY_ROTATED ? keyIdOf(content) : null;
		if (next) signer = { ...signer, keyId: next, key: keyOf(signer.ring, next) };
	}
	return { entries: all.length > inputs.length ? out.slice(1) : out, signer: { ...signer, starting: false } };
}

function headMac(key: Buffer, h: ChainHead): string {
	return createHmac('sha256', key).update(`equitas-audit-head\n${h.seq}\n${h.hash}\n${h.at}`).digest('hex');
}

/** Runs `fn` in a transaction after every append before it, then writes the new head outside the database. */
function queued<T>(db: Database, fn: (tx: Queryable) => Promise<{ value: T; entries: AuditEntry[]; signer: Signer | null }>): Promise<T> {
	const prev = queues.get(db) ?? Promise.resolve();
	const next = prev
		.catch(() => undefined)
		.then(async () => {
			const { value, entries, signer } = await db.transaction(fn);
			const last = entries.at(-1);
			if (signer && last) {
				signers.set(db, signer);
				const head = { seq: last.seq, hash: last.hash, at: last.at };
				// After the commit: a crash in between leaves the outside head behind, which verify names, never ahead.
				// The change is saved by then, so a head that cannot be written (a full disk) is reported, not thrown.
				try {
					sidecarOf(db).writeHead({ ...head, key_id: signer.keyId, mac: headMac(signer.key, head) } satisfies SignedHead);
				} catch (e) {
					console.error(`审计日志链头未能写入库外文件（第 ${head.seq} 条）/ the audit head could not be written outside the database:`, explainStorage(e));
				}
			}
			return value;
		});
	queues.set(db, next);
	return next;
}

/**
 * Runs `work` and appends the audit entries it returns in one transaction: the change and its record in the log
 * are saved together or not at all. Serialised with every other append, so two never take the same number.
 */
export function auditedTransaction<T>(db: Database, work: (tx: Queryable) => Promise<{ result: T; audit: readonly AuditInput[] }>): Promise<T> {
	return queued(db, async (tx) => {
		const { result, audit } = await work(tx);
		if (audit.length === 0) return { value: result, entries: [], signer: null };
		const { entries, signer } = await appendIn(db, tx, audit);
		return { value: result, entries, signer };
	});
}

export function appendAudit(db: Database, input: AuditInput): Promise<AuditEntry> {
	return queued(db, async (tx) => {
		const { entries, signer } = await appendIn(db, tx, [input]);
		return { value: entries[0] as AuditEntry, entries, signer };
	});
}

/**
 * Starts signing with a new key: the key is added to the key file first (the old ones stay, to verify old entries),
 * then an entry naming it is appended, signed with the old key; every entry after it is signed with the new one.
 */
export function rotateAuditKey(db: Database, actor: string): Promise<{ previous: string; keyId: string; seq: number }> {
	return queued(db, async (tx) => {
		const current = await signerFor(db, tx);
		const fresh = newAuditKey();
		const ring: Keyring = { ...current.ring, keys: [...current.ring.keys, fresh] };
		sidecarOf(db).writeKeyring(ring);
		signers.set(db, { ...current, ring });
		const { entries, signer } = await appendIn(db, tx, [{ actor, action: KEY_ROTATED, detail: { key_id: fresh.id, previous: current.keyId } }]);
		return { value: { previous: current.keyId, keyId: fresh.id, seq: entries.at(-1)!.seq }, entries, signer };
	});
}

/**
 * Writes the outside head from the database, for a database just restored from a backup: its newest entries are
 * those of the backup, and the head of the replaced one must not make them look deleted.
 */
export async function resetAuditHead(db: Database): Promise<void> {
	const side = sidecarOf(db);
	const ring = side.readKeyring();
	const last = await databaseHead(db);
	if (!ring?.start || !last || last.seq < ring.start.seq) return;
	const [rotated] = await db.query<{ detail: string | null }>('SELECT detail FROM audit_log WHERE action = ? ORDER BY seq DESC LIMIT 1', [KEY_ROTATED]);
	const keyId = (rotated && keyIdOf({ action: KEY_ROTATED, detail: rotated.detail })) || ring.start.key_id;
	const head = { seq: last.seq, hash: last.hash, at: last.at };
	side.writeHead({ ...head, key_id: keyId, mac: headMac(keyOf(ring, keyId), head) });
}

/** The newest entry as the database holds it. */
export async function databaseHead(db: Queryable): Promise<ChainHead | null> {
	const [h] = await db.query<ChainHead>('SELECT seq, hash, "at" FROM audit_log ORDER BY seq DESC LIMIT 1');
	return h ?? null;
}

/** Whether a head read from outside the database is signed by the key it names (an unkeyed log's head is not signed). */
export function genuineHead(ring: Keyring | null, h: ChainHead): boolean {
	if (!ring?.start) return !h.mac;
	const k = h.key_id ? ring.keys.find((x) => x.id === h.key_id) : undefined;
	return !!k && !!h.mac && headMac(Buffer.from(k.key, 'base64'), h) === h.mac;
}

export interface VerifyOptions {
	/** Heads exported earlier (npm run -s audit -- checkpoint): each entry they name must still have their hash. */
	checkpoints?: readonly Pick<ChainHead, 'seq' | 'hash'>[];
}

function fail(entries: number, brokenAt: number, kind: 'head' | 'checkpoint' | 'key-missing', reason: string): ChainCheck {
	return { ok: false, entries, brokenAt, kind, reason };
}

/**
 * Checks the whole chain in sequence order, a page at a time so that a long log does not fill memory; then the
 * head kept outside the database, and any exported checkpoints. Names the first thing that does not hold.
 */
export async function verifyAudit(db: Database, options: VerifyOptions = {}): Promise<ChainCheck> {
	const side = sidecarOf(db);
	let ring: Keyring | null;
	try {
		ring = side.readKeyring();
	} catch (e) {
		return fail(0, 1, 'key-missing', e instanceof Error ? e.message : String(e));
	}
	const [keyed] = await db.query<{ value: string }>('SELECT value FROM settings WHERE key = ?', [KEYED_FROM]);
	if (!ring && keyed)
		return fail(0, Number(keyed.value), 'key-missing', `日志自第 ${keyed.value} 条起以密钥签名，但找不到审计密钥文件 ${side.keyFile}，无法校验`);
	const page = 10_000;
	const checker = chainChecker(chainKeysOf(ring));
	let check: ChainCheck | null = null;
	for (let from = 0; !check; from += page) {
		const rows = await db.query<AuditEntry>(
			`SELECT seq, "at", actor, action, target_type, target_id, detail, ip, prev_hash, hash FROM audit_log ORDER BY seq LIMIT ? OFFSET ?`,
			[page, from]
		);
		for (const e of rows) {
			check = checker.push(e);
			if (check) return check;
		}
		if (rows.length < page) check = checker.done();
	}
	const n = check.entries;
	const last = await databaseHead(db);
	const outside = side.readHead();
	if (outside === 'unreadable') return fail(n, last?.seq ?? 0, 'head', `库外链头文件无法读取（${side.headFile}）/ the outside head file is unreadable`);
	if (outside === 'absent') {
		if (ring?.start && last && last.seq >= ring.start.seq)
			return fail(n, last.seq, 'head', `库外链头文件缺失（${side.headFile}）：无法确认最新的记录未被删除 / the outside head file is missing`);
	} else {
		if (!genuineHead(ring, outside))
			return fail(n, outside.seq, 'head', '库外链头文件的签名不符（链头被改写）/ the outside head is not signed by the audit key');
		const at = outside.seq === last?.seq ? last : (await db.query<ChainHead>('SELECT seq, hash, "at" FROM audit_log WHERE seq = ?', [outside.seq]))[0];
		if (!last || outside.seq > last.seq)
			return fail(
				n,
				(last?.seq ?? 0) + 1,
				'head',
				`最新的记录被删除：库外链头为第 ${outside.seq} 条（${outside.at}），数据库只到第 ${last?.seq ?? 0} 条 / the newest entries were deleted`
			);
		if (at?.hash !== outside.hash)
			return fail(n, outside.seq, 'head', `第 ${outside.seq} 条记录与库外链头不符：数据库中的日志被改写 / the database's chain was rewritten`);
		if (outside.seq < last.seq)
			return fail(
				n,
				outside.seq + 1,
				'head',
				`第 ${outside.seq + 1} 条起的记录写入时没有更新库外链头（伪造的追加，或写入后立即崩溃）/ entries appended without the outside head`
			);
	}
	for (const c of options.checkpoints ?? []) {
		const [e] = await db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = ?', [c.seq]);
		if (e?.hash !== c.hash)
			return fail(
				n,
				c.seq,
				'checkpoint',
				`第 ${c.seq} 条记录与导出的检查点不符（${e ? '已被改写' : '已被删除'}）/ entry ${c.seq} differs from an exported checkpoint`
			);
	}
	return check;
}

export interface AuditFilter {
	actor?: string;
	action?: string;
	from?: string;
	to?: string;
	limit?: number;
	offset?: number;
}

export async function listAudit(db: Queryable, f: AuditFilter = {}): Promise<{ rows: AuditEntry[]; total: number }> {
	const where: string[] = [];
	const params: (string | number)[] = [];
	if (f.actor) {
		where.push('actor = ?');
		params.push(f.actor);
	}
	if (f.action) {
		where.push('action = ?');
		params.push(f.action);
	}
	if (f.from) {
		where.push('"at" >= ?');
		params.push(f.from);
	}
	if (f.to) {
		where.push('"at" < ?');
		params.push(f.to);
	}
	const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
	const [count] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM audit_log ${w}`, params);
	const rows = await db.query<AuditEntry>(
		`SELECT seq, "at", actor, action, target_type, target_id, detail, ip, prev_hash, hash FROM audit_log ${w} ORDER BY seq DESC LIMIT ? OFFSET ?`,
		[...params, f.limit ?? 50, f.offset ?? 0]
	);
	return { rows, total: count?.n ?? 0 };
}

/** Data leaving the system (a download, a workbook, a backup) goes on the record: who, what and where from. */
export function auditExport(db: Database, actor: Actor, target: { type: string; id: string }, detail: AuditInput['detail']): Promise<AuditEntry> {
	return appendAudit(db, { actor: actor.username, action: 'export', targetType: target.type, targetId: target.id, detail, ip: actor.ip ?? null });
}
