/**
 * `npx tsx scripts/bench-similar.ts [--db PATH] [--rows N] [--model DIR] [--n 300]`: the latency of one suggestion
 * with its similar cases by circumstances alone (as before the facts text counted) and by circumstances and facts
 * text together, side by side on the same requests in one run. The requests are decided cases of the database
 * (their circumstances and facts; the case itself is left out of its neighbours). Without `--db`, or when the file
 * is missing, a demo database of `--rows` cases with facts is seeded first.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Command } from 'commander';
import { positiveInt } from './cli-options';
import { openMigrated } from '../src/lib/server/db';
import { loadCatalog } from '../src/lib/server/catalog';
import { loadCalendar } from '../src/lib/server/calendar';
import { seedDemo } from '../src/lib/server/demo';
import { buildSuggester, forgetRecordedFacts, similarWithParties, suggestWithFacts, type SuggestInput } from '../src/lib/server/model';
import { getCase } from '../src/lib/server/cases/read';
import type { Viewer } from '../src/lib/domain/masking';

const o = new Command('bench-similar')
	.option('--db <path>', '数据库文件 / database file', 'bench-data/similar/bench.duckdb')
	.option('--rows <n>', '没有数据库时生成的案件数 / cases to seed when the database is missing', positiveInt, 100_000)
	.option('--model <dir>', '模型目录 / model directory', 'models/default')
	.option('--n <n>', '请求数 / requests', positiveInt, 300)
	.parse()
	.opts<{ db: string; rows: number; model: string; n: number }>();

const catalog = loadCatalog();
if (!existsSync(o.db)) {
	mkdirSync(dirname(o.db), { recursive: true });
	const db = await openMigrated(o.db);
	await seedDemo(db, catalog, loadCalendar(), { dir: join(dirname(o.db), 'demo'), cases: o.rows, log: (l) => console.error(l) });
	await db.close();
}
const db = await openMigrated(o.db);
const [{ n: rows } = { n: 0 }] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM cases');
const [{ n: withFacts } = { n: 0 }] = await db.query<{ n: number }>('SELECT count(facts)::INTEGER AS n FROM cases');
const t = performance.now();
const suggester = await buildSuggester(db, catalog, o.model);
const indexSeconds = (performance.now() - t) / 1000;

// Decided cases of the fined items, spread over the table by a hash of their number.
const picked = await db.query<{ agency: string; case_id: string }>(
	`SELECT agency, case_id FROM cases WHERE category = '行政处罚' AND fine_amount IS NOT NULL AND facts IS NOT NULL
	 AND item_code IN ('HPF-37-1', 'HPF-37-2') ORDER BY hash(case_id) LIMIT ?`,
	[o.n]
);
const requests: { input: SuggestInput; facts: string }[] = [];
for (const p of picked) {
	const c = await getCase(db, p.agency, p.case_id);
	if (c?.facts) requests.push({ input: { ...c, fine_amount: null }, facts: c.facts });
}
const viewer: Viewer = { roles: ['officer'], certNo: null };

const pct = (xs: number[], p: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return Math.round((s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0) * 10) / 10;
};
/** Times each request after a warm-up: 20 requests, or every one of them (`everyFirst`) to time repeats. */
async function time(label: string, run: (r: (typeof requests)[number]) => Promise<unknown>, everyFirst = false) {
	for (const r of everyFirst ? requests : requests.slice(0, 20)) await run(r);
	const ms: number[] = [];
	for (const r of requests) {
		const s = performance.now();
		await run(r);
		ms.push(performance.now() - s);
	}
	return { label, n: ms.length, p50: pct(ms, 0.5), p95: pct(ms, 0.95), p99: pct(ms, 0.99) };
}

// The same requests for each way, one way after the other, after 20 requests of warm-up each.
const results = [
	await time('API (10 similar), circumstances only', async (r) => suggester.suggest([r.input], 0.8, 10)),
	// The candidates' texts are kept with the suggester after their first read: each request of this row reads them
	// anew (as for an item no one has asked about since the last import), the next row's repeat the same requests.
	await time('API (10 similar), circumstances + facts, texts read from the database', async (r) => {
		forgetRecordedFacts(suggester);
		return suggestWithFacts(db, suggester, viewer, [{ input: r.input, facts: r.facts, level: 0.8 }], 10);
	}),
	await time(
		'API (10 similar), circumstances + facts, texts kept from an earlier request',
		async (r) => suggestWithFacts(db, suggester, viewer, [{ input: r.input, facts: r.facts, level: 0.8 }], 10),
		true
	),
	await time('page (30 similar + parties), circumstances only', async (r) => {
		const [s] = suggester.suggest([r.input], 0.8, 30);
		return similarWithParties(db, s!, viewer);
	}),
	await time('page (30 similar + parties), circumstances + facts, texts read from the database', async (r) => {
		forgetRecordedFacts(suggester);
		const [s] = await suggestWithFacts(db, suggester, viewer, [{ input: r.input, facts: r.facts, level: 0.8 }], 30);
		return similarWithParties(db, s!, viewer);
	}),
	await time(
		'page (30 similar + parties), circumstances + facts, texts kept',
		async (r) => {
			const [s] = await suggestWithFacts(db, suggester, viewer, [{ input: r.input, facts: r.facts, level: 0.8 }], 30);
			return similarWithParties(db, s!, viewer);
		},
		true
	)
];
await db.close();
console.log(JSON.stringify({ rows, withFacts, indexSeconds: Math.round(indexSeconds * 10) / 10, results }, null, 1));
