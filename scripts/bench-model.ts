/**
 * The discretion model's benchmark, in a process of its own (run by `npm run bench`; prints one JSON line):
 * training time and memory on the database of the messy import, held-out coverage and width against the
 * baselines, and suggestion latency in process (single requests) and over HTTP against the built server with
 * 50 concurrent requests.
 */
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { peakRssMb, startBuiltServer } from './bench-server';
import { openMigrated } from '../src/lib/server/db';
import { loadCatalog } from '../src/lib/server/catalog';
import { importCases, importRoster } from '../src/lib/server/import';
import { createToken } from '../src/lib/server/auth';
import { modelCard, saveModel, buildSuggester, trainDiscretion, type SuggestInput } from '../src/lib/server/model';
import { seededRandom } from '../src/lib/server/demo/random';
import { loadCalendar } from '../src/lib/server/calendar';
import { driftPatterns, updateFlags, storedFlagQuality, type RuleQuality } from '../src/lib/server/review';

const [file, outDir] = process.argv.slice(2);
if (!file || !outDir) throw new Error('usage: bench-model FILE OUT_DIR');

const rss = () => Math.round(process.memoryUsage().rss / 1024 ** 2);
const pct = (xs: number[], p: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return Math.round((s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0) * 100) / 100;
};

/** Random cases of the fined items, some circumstances unknown, as officers would enter them. */
function randomCases(n: number, seed: number): SuggestInput[] {
	const r = seededRandom(seed);
	const maybe = <T>(v: T) => (r.chance(0.1) ? null : v);
	return Array.from({ length: n }, (_, i) => ({
		case_id: `BENCH-${i}`,
		item_code: r.chance(0.6) ? 'HPF-37-1' : 'HPF-37-2',
		party_type: maybe(r.chance(0.9) ? '法人及非法人组织' : '个体工商户'),
		employees_affected: maybe(r.int(1, 400)),
		months_overdue: maybe(r.int(1, 30)),
		amount_involved: null,
		prior_violations: maybe(r.int(0, 2)),
		rectified: false,
		cooperated: maybe(r.chance(0.85)),
		harm: maybe((['无', '轻微', '一般', '严重'] as const)[r.int(0, 3)]!),
		fine_amount: r.int(10, 50) * 100_000
	}));
}

const dbPath = join(outDir, 'model-bench.duckdb');
const catalog = loadCatalog();
let imported = 0;
if (!existsSync(dbPath)) {
	const db = await openMigrated(dbPath);
	const roster = join(dirname(file), 'roster.csv');
	if (existsSync(roster)) await importRoster(db, roster);
	imported = (await importCases(db, file, catalog)).imported;
	await db.close();
}

// Training, in this process: its time and the growth of memory it needs.
const db = await openMigrated(dbPath);
const [{ n: cases } = { n: 0 }] = await db.query<{ n: number }>('SELECT count(*) AS n FROM cases');
const rssBefore = rss();
let t = performance.now();
const { model, evaluation } = await trainDiscretion(db, catalog);
const trainSeconds = (performance.now() - t) / 1000;
const trainPeak = peakRssMb();
const modelDir = join(outDir, 'model');
await saveModel(model, modelDir, modelCard(model.meta, evaluation));

t = performance.now();
const suggester = await buildSuggester(db, catalog, model);
const indexSeconds = (performance.now() - t) / 1000;

// In process, one at a time: what one request costs.
const inputs = randomCases(2000, 5);
for (const c of inputs.slice(0, 100)) suggester.suggest([c]);
const single: number[] = [];
for (const c of inputs) {
	const s = performance.now();
	suggester.suggest([c], 0.8, 10);
	single.push(performance.now() - s);
}
// Review flags on the same data: time to compute them all, and precision and recall against the planted faults.
t = performance.now();
const summary = await updateFlags(db, catalog, loadCalendar(), suggester, true);
const flagSeconds = (performance.now() - t) / 1000;
const truthFile = join(dirname(file), 'planted.json');
const flagQualityRows: RuleQuality[] = existsSync(truthFile)
	? await storedFlagQuality(db, truthFile, ['R01', 'R02', 'R03', 'R04', 'R05', 'R06', 'R07', 'R08', 'R10', 'R11'], model.meta.drifting)
	: [];
const patterns = (await driftPatterns(db, catalog, suggester)).map(({ case_ids: _ids, ...p }) => p);
const token = await createToken(db, 'bench', ['suggest'], 'bench');
await db.close();

// Over HTTP against the built server: 50 requests always in flight for 20 seconds.
const { base, stop } = await startBuiltServer({ EQUITAS_DB: dbPath, EQUITAS_MODEL: modelDir });
const post = async (c: SuggestInput) => {
	const s = performance.now();
	const res = await fetch(`${base}/api/suggest`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' },
		body: JSON.stringify({ ...c, fine_amount: (c.fine_amount ?? 0) / 100 })
	});
	await res.arrayBuffer();
	const server = Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? NaN);
	return { ms: performance.now() - s, server, ok: res.status === 200 };
};
await post(inputs[0]!); // builds the server's index
const httpSingle: number[] = [];
for (const c of inputs.slice(0, 300)) httpSingle.push((await post(c)).ms);
const concurrent: number[] = [];
const serverSide: number[] = [];
let errors = 0;
const until = performance.now() + 20_000;
let next = 0;
await Promise.all(
	Array.from({ length: 50 }, async () => {
		while (performance.now() < until) {
			const r = await post(inputs[next++ % inputs.length]!);
			concurrent.push(r.ms);
			serverSide.push(r.server);
			if (!r.ok) errors++;
		}
	})
);
await stop();

const own = evaluation?.methods.find((m) => m.method === 'model');
console.log(
	JSON.stringify({
		seconds: trainSeconds,
		rows: cases,
		peakRssMb: trainPeak,
		detail: {
			imported,
			backend: model.meta.backend,
			learnable: model.meta.training.cases,
			learnedFrom: model.meta.training.learned_from,
			hidden: model.meta.training.hidden,
			epochs: model.meta.training.epochs,
			trainSeconds: Math.round(trainSeconds * 10) / 10,
			trainMemoryGrowthMb: trainPeak - rssBefore,
			indexSeconds: Math.round(indexSeconds * 10) / 10,
			coverage80: own?.coverage ?? null,
			evaluation: evaluation?.methods.map((m) => ({ method: m.method, label: m.label, n: m.n, coverage: m.coverage, mean_width: Math.round(m.mean_width) })),
			drifting: model.meta.drifting,
			flags: { seconds: Math.round(flagSeconds * 10) / 10, count: summary?.flags ?? null, quality: flagQualityRows, patterns },
			inProcess: { n: single.length, p50: pct(single, 0.5), p95: pct(single, 0.95), p99: pct(single, 0.99) },
			httpSingle: { n: httpSingle.length, p50: pct(httpSingle, 0.5), p95: pct(httpSingle, 0.95), p99: pct(httpSingle, 0.99) },
			http50: {
				n: concurrent.length,
				errors,
				perSecond: Math.round(concurrent.length / 20),
				p50: pct(concurrent, 0.5),
				p95: pct(concurrent, 0.95),
				p99: pct(concurrent, 0.99)
			},
			http50ServerTime: { p50: pct(serverSide, 0.5), p95: pct(serverSide, 0.95), p99: pct(serverSide, 0.99) }
		}
	})
);
rmSync(join(outDir, 'model'), { recursive: true, force: true });
