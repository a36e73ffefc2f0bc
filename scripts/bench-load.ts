/**
 * The load test (run by `npm run bench -- --only load`; prints one JSON line): 50 signed-in users, each with a
 * session of their own, for 60 seconds against the built server on localhost, first on the statistics page and
 * then on POST /api/suggest, with autocannon. Zero errors expected; latencies reported.
 */
import { existsSync } from 'node:fs';
import autocannon from 'autocannon';
import { openMigrated } from '../src/lib/server/db';
import { addUser, createSession, SESSION_COOKIE } from '../src/lib/server/auth';
import { startBuiltServer } from './bench-server';

const [dbPath, modelDir, secondsArg] = process.argv.slice(2);
if (!dbPath || !existsSync(dbPath)) throw new Error('usage: bench-load DB [MODEL_DIR] [SECONDS] (the database of the model benchmark)');
const seconds = Number(secondsArg ?? 60);
const USERS = 50;

// Fifty users who may see both pages (a reviewer sees the statistics and asks for suggestions), signed in.
const db = await openMigrated(dbPath);
const cookies: string[] = [];
for (let i = 0; i < USERS; i++) {
	const username = `load${i}`;
	const [existing] = await db.query<{ id: number }>('SELECT id FROM users WHERE username = ?', [username]);
	const id = existing?.id ?? (await addUser(db, { username, displayName: `压测${i}`, roles: ['reviewer'], password: 'Load-test-2026!' })).user.id;
	cookies.push(`${SESSION_COOKIE}=${await createSession(db, id)}`);
}
await db.close();

const { base, stop } = await startBuiltServer({ EQUITAS_DB: dbPath, ...(modelDir ? { EQUITAS_MODEL: modelDir } : {}) });

const body = (i: number) =>
	JSON.stringify({
		item_code: i % 3 ? 'HPF-37-1' : 'HPF-37-2',
		party_type: '法人及非法人组织',
		employees_affected: 5 + ((i * 37) % 300),
		months_overdue: 1 + (i % 24),
		prior_violations: i % 3 === 0 ? 1 : 0,
		rectified: false,
		cooperated: i % 7 !== 0,
		harm: ['无', '轻微', '一般', '严重'][i % 4],
		fine_amount: 20000 + (i % 30) * 1000
	});

interface Summary {
	requests: number;
	perSecond: number;
	errors: number;
	non2xx: number;
	p50: number;
	p90: number;
	p99: number;
	max: number;
}

async function run(path: string, method: 'GET' | 'POST'): Promise<Summary> {
	// Warm up once (the statistics cache, the similar-case index) so that the minute measures steady use.
	await fetch(`${base}${path}`, {
		method,
		headers: { cookie: cookies[0]!, origin: base, 'content-type': 'application/json' },
		body: method === 'POST' ? body(0) : undefined
	});
	let n = 0;
	const result = await autocannon({
		url: `${base}${path}`,
		connections: USERS,
		duration: seconds,
		method,
		// A slow page under load is measured, not counted as an error: only after a minute is a request given up.
		timeout: 60,
		headers: { origin: base, 'content-type': 'application/json' },
		// Each connection is one user with a session of its own; each suggestion asks about other circumstances.
		setupClient: (client) => {
			const cookie = cookies[n++ % USERS]!;
			client.setHeaders({ cookie, origin: base, 'content-type': 'application/json' });
			if (method === 'POST') {
				let k = n * 1000;
				client.on('response', () => client.setBody(body(k++)));
				client.setBody(body(k++));
			}
		}
	});
	return {
		requests: result.requests.total,
		perSecond: Math.round(result.requests.average),
		errors: result.errors + result.timeouts,
		non2xx: result.non2xx,
		p50: result.latency.p50,
		p90: result.latency.p90,
		p99: result.latency.p99,
		max: result.latency.max
	};
}

try {
	const stats = await run('/stats', 'GET');
	const suggest = await run('/api/suggest', 'POST');
	console.log(JSON.stringify({ seconds: seconds * 2, rows: 0, peakRssMb: 0, detail: { users: USERS, secondsEach: seconds, stats, suggest } }));
} finally {
	await stop();
}
