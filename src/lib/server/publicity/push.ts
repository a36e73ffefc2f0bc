import { createHmac } from 'node:crypto';
import { instantSql, type Database, type Queryable } from '../db';
import type { Catalog } from '../../domain/catalog';
import type { IsoDate } from '../../domain/dates';
import { readChanges, syncFeed } from './feed';

/**
 * The push to the city's platform: the feed's changes after the last delivery this URL acknowledged, POSTed in
 * batches in the API's own format. A failed POST is retried with growing pauses; every attempt goes to the delivery
 * log; nothing is counted delivered until the platform answers 2xx, so the next run starts again from there.
 */

export interface PushOptions {
	url: string;
	/** Signs the body (X-Equitas-Signature: sha256=HMAC) when set. */
	secret?: string;
	/** Pauses before each retry; the number of retries is their count. */
	backoffMs?: readonly number[];
	batch?: number;
	timeoutMs?: number;
	fetch?: typeof fetch;
}

export interface PushResult {
	/** Decisions acknowledged by the platform in this run. */
	delivered: number;
	batches: number;
	/** True when a batch failed every attempt (it is sent again on the next run). */
	failed: boolean;
	lastError: string | null;
}

export const DEFAULT_BACKOFF_MS = [2_000, 10_000, 60_000] as const;

export interface Delivery {
	id: number;
	at: string;
	url: string;
	from_seq: number;
	to_seq: number;
	decisions: number;
	attempt: number;
	status: number | null;
	error: string | null;
	ok: boolean;
	ms: number | null;
}

/** The last change number this URL acknowledged. */
export async function deliveredUpTo(db: Queryable, url: string): Promise<number> {
	const [r] = await db.query<{ n: number | null }>('SELECT max(to_seq) AS n FROM publicity_deliveries WHERE ok AND url = $url', { url });
	return r?.n ?? 0;
}

export async function listDeliveries(db: Queryable, limit = 50): Promise<Delivery[]> {
	return db.query<Delivery>(
		`SELECT id, ${instantSql('"at"')} AS "at", url, from_seq, to_seq, decisions, attempt, status, error, ok, ms
		 FROM publicity_deliveries ORDER BY id DESC LIMIT $limit`,
		{ limit }
	);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const running = new WeakMap<Database, Promise<PushResult>>();

/** Pushes every pending change; a run already in progress is joined, never doubled. */
export function pushChanges(db: Database, catalog: Catalog, today: IsoDate, options: PushOptions): Promise<PushResult> {
	const current = running.get(db);
	if (current) return current;
	const run = pushRun(db, catalog, today, options).finally(() => running.delete(db));
	running.set(db, run);
	return run;
}

async function pushRun(db: Database, catalog: Catalog, today: IsoDate, o: PushOptions): Promise<PushResult> {
	const send = o.fetch ?? fetch;
	const backoff = o.backoffMs ?? DEFAULT_BACKOFF_MS;
	const result: PushResult = { delivered: 0, batches: 0, failed: false, lastError: null };
	await syncFeed(db, today);
	let from = await deliveredUpTo(db, o.url);
	for (;;) {
		const page = await readChanges(db, catalog, from, o.batch ?? 200);
		if (page.decisions.length === 0) return result;
		const to = Number(page.cursor);
		const body = JSON.stringify({ since: String(from), ...page });
		const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'x-equitas-cursor': page.cursor };
		if (o.secret) headers['x-equitas-signature'] = `sha256=${createHmac('sha256', o.secret).update(body).digest('hex')}`;
		let ok = false;
		for (let attempt = 1; attempt <= backoff.length + 1 && !ok; attempt++) {
			if (attempt > 1) await sleep(backoff[attempt - 2] ?? 0);
			const started = Date.now();
			let status: number | null = null;
			let error: string | null = null;
			try {
				const r = await send(o.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(o.timeoutMs ?? 15_000) });
				status = r.status;
				ok = r.ok;
				if (!ok) error = (await r.text().catch(() => '')).slice(0, 300) || `HTTP ${r.status}`;
			} catch (e) {
				error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
			}
			await db.run(
				`INSERT INTO publicity_deliveries (url, from_seq, to_seq, decisions, attempt, status, error, ok, ms)
				 VALUES ($url, $from, $to, $n, $attempt, $status, $error, $ok, $ms)`,
				{ url: o.url, from, to, n: page.decisions.length, attempt, status, error, ok, ms: Date.now() - started }
			);
			if (!ok) result.lastError = error;
		}
		if (!ok) return { ...result, failed: true };
		result.delivered += page.decisions.length;
		result.batches++;
		from = to;
	}
}
