import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { loadCatalog } from '../catalog';
import type { FeedPage } from '../../domain/publicity-feed';
import { withdrawDecision } from './acts';
import { deliveredUpTo, listDeliveries, pushChanges } from './push';
import { addCase, AGENCY } from './test-cases';

const catalog = loadCatalog();
const TODAY = '2025-06-03';
const SECRET = 'shared-secret';
let db: Database;
let server: Server;
let url: string;
/** How the platform answers the next requests: a status each, then 200. */
let failNext: number[] = [];
const received: { body: FeedPage; signature: string | undefined }[] = [];

beforeAll(async () => {
	db = await openMigrated(':memory:');
	for (let i = 1; i <= 5; i++) {
		await addCase(db, { case_id: `P${i}`, decided_on: '2025-05-06', decision_no: `罚决〔2025〕${i}号`, published_on: '2025-05-08', fine_amount: 20000 });
	}
	server = createServer((req, res) => {
		let text = '';
		req.on('data', (d: Buffer) => (text += d.toString()));
		req.on('end', () => {
			const status = failNext.shift() ?? 200;
			if (status === 200) {
				const body = JSON.parse(text) as FeedPage;
				const signature = req.headers['x-equitas-signature'];
				received.push({ body, signature: Array.isArray(signature) ? signature[0] : signature });
				expect(signature).toBe(`sha256=${createHmac('sha256', SECRET).update(text).digest('hex')}`);
			}
			res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'busy');
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/decisions`;
});
afterAll(async () => {
	await new Promise((r) => server.close(r));
	await db.close();
});

const options = () => ({ url, secret: SECRET, backoffMs: [5, 5], batch: 2 });

describe('push to the city platform', () => {
	it('POSTs every published decision in batches, retrying a failed POST, and logs each attempt', async () => {
		failNext = [500, 503];
		const r = await pushChanges(db, catalog, TODAY, options());
		expect(r).toMatchObject({ delivered: 5, batches: 3, failed: false });
		expect(received.flatMap((x) => x.body.decisions.map((d) => d.decision_no))).toEqual([1, 2, 3, 4, 5].map((i) => `罚决〔2025〕${i}号`));
		const log = await listDeliveries(db);
		expect(log.filter((d) => !d.ok).map((d) => [d.attempt, d.status])).toEqual([
			[2, 503],
			[1, 500]
		]);
		expect(log.filter((d) => d.ok)).toHaveLength(3);
		expect(await deliveredUpTo(db, url)).toBe(Number(received.at(-1)?.body.cursor));
	});

	it('sends nothing when nothing changed, and then only the withdrawal', async () => {
		received.length = 0;
		expect(await pushChanges(db, catalog, TODAY, options())).toMatchObject({ delivered: 0, failed: false });
		await withdrawDecision(
			db,
			AGENCY,
			'P3',
			{ ground: '本机关自行纠正', reason: '决定书文号有误，撤回后更正', rulingOn: null, withdrawnOn: TODAY },
			{ username: 'admin' },
			TODAY
		);
		await pushChanges(db, catalog, TODAY, options());
		expect(received.map((x) => x.body.decisions.map((d) => [d.decision_no, d.change]))).toEqual([[['罚决〔2025〕3号', 'withdrawn']]]);
	});

	it('keeps a batch that failed every attempt and delivers it on the next run', async () => {
		received.length = 0;
		await db.run(`UPDATE cases SET fine_amount = 25000, loaded_at = current_timestamp WHERE case_id = 'P1'`);
		failNext = [500, 500, 500];
		const failed = await pushChanges(db, catalog, TODAY, options());
		expect(failed).toMatchObject({ delivered: 0, failed: true, lastError: 'busy' });
		expect(received).toHaveLength(0);
		const again = await pushChanges(db, catalog, TODAY, options());
		expect(again).toMatchObject({ delivered: 1, failed: false });
		expect(received[0]?.body.decisions[0]).toMatchObject({ decision_no: '罚决〔2025〕1号', change: 'updated' });
	});

	it('logs an unreachable platform as a failed attempt', async () => {
		await db.run(`UPDATE cases SET fine_amount = 26000, loaded_at = current_timestamp WHERE case_id = 'P1'`);
		const r = await pushChanges(db, catalog, TODAY, { url: 'http://127.0.0.1:9/none', backoffMs: [1] });
		expect(r.failed).toBe(true);
		const [last] = await listDeliveries(db, 1);
		expect(last).toMatchObject({ ok: false, attempt: 2, status: null });
		expect(last?.error).toBeTruthy();
	});
});
