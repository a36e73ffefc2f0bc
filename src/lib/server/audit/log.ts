import { chainChecker, entryHash, GENESIS_HASH, type AuditContent, type AuditEntry, type ChainCheck } from '../../domain/audit-chain';
import type { Database, Queryable } from '../db';
import type { AuditAction } from '../../domain/audit-actions';
import type { Actor } from './actor';

export type { AuditAction };

/**
 * The audit log (执法全过程留痕 for the product itself): append-only, hash-chained. Appends are serialised in
 * this process (DuckDB lets one process write a file), so two appends never take the same sequence number.
 */

export interface AuditInput {
	actor: string;
	action: AuditAction;
	targetType?: string | null;
	targetId?: string | null;
	detail?: Record<string, unknown> | null;
	ip?: string | null;
}

const queues = new WeakMap<Database, Promise<unknown>>();

/** Appends entries to the chain inside a transaction already open (the caller holds the audit queue). */
async function appendIn(tx: Queryable, inputs: readonly AuditInput[]): Promise<AuditEntry[]> {
	const [last] = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
	let prev = { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH };
	const out: AuditEntry[] = [];
	for (const input of inputs) {
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
		const entry: AuditEntry = { ...content, prev_hash: prev.hash, hash: entryHash(prev.hash, content) };
		await tx.run(
			`INSERT INTO audit_log (seq, "at", actor, action, target_type, target_id, detail, ip, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			[entry.seq, entry.at, entry.actor, entry.action, entry.target_type, entry.target_id, entry.detail, entry.ip, entry.prev_hash, entry.hash]
		);
		out.push(entry);
		prev = { seq: entry.seq, hash: entry.hash };
	}
	return out;
}

/** Runs `fn` in a transaction after every append before it, so that two appends never take the same number. */
function queued<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
	const prev = queues.get(db) ?? Promise.resolve();
	const next = prev.catch(() => undefined).then(() => db.transaction(fn));
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
		await appendIn(tx, audit);
		return result;
	});
}

export function appendAudit(db: Database, input: AuditInput): Promise<AuditEntry> {
	return queued(db, async (tx) => (await appendIn(tx, [input]))[0] as AuditEntry);
}

/** Checks the whole chain in sequence order, a page at a time so that a long log does not fill memory. */
export async function verifyAudit(db: Queryable): Promise<ChainCheck> {
	const page = 10_000;
	const checker = chainChecker();
	for (let from = 0; ; from += page) {
		const rows = await db.query<AuditEntry>(
			`SELECT seq, "at", actor, action, target_type, target_id, detail, ip, prev_hash, hash FROM audit_log ORDER BY seq LIMIT ? OFFSET ?`,
			[page, from]
		);
		for (const e of rows) {
			const broken = checker.push(e);
			if (broken) return broken;
		}
		if (rows.length < page) return checker.done();
	}
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
