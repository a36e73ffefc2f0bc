/**
 * `npm run bench [-- --rows N] [--only import|stats|scorecard|model|load|review|publications|facts-model]`: generates its data, runs each measurement beside its reference in
 * the same run, each in its own process so that its peak memory is its own, and writes bench/results.json and
 * bench/RESULTS.md. Ratios are the headline: absolute times vary between machines.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { positiveInt } from './cli-options';
import type { Variant } from './bench-facts-model';
import { loadCatalog } from '../src/lib/server/catalog';
import { loadCalendar } from '../src/lib/server/calendar';
import { writeDemoFiles } from '../src/lib/server/demo';
import { writePublicityList } from '../src/lib/server/demo/publicity-list';

const root = resolve(import.meta.dirname, '..');
const opts = new Command('bench')
	.option('--rows <n>', '案件数 / cases', positiveInt, 1_000_000)
	.option(
		'--only <what>',
		'只运行某项 / run one measurement: import | stats | scorecard | model | load | review | publications | facts-model | none (only rewrite RESULTS.md)'
	)
	.parse()
	.opts<{ rows: number; only?: string }>();

const out = join(root, 'bench/out', String(opts.rows));
mkdirSync(out, { recursive: true });

interface ImportRun {
	at: string;
	ratio: number;
	seconds: number;
	referenceSeconds: number;
	peakRssMb: number;
}

interface Measured {
	seconds: number;
	peakRssMb: number;
	rows: number;
	detail?: Record<string, unknown>;
}

/** Runs one measurement in a child process (bench-child.ts), which prints one JSON line. */
function measure(kind: string, ...args: string[]): Measured {
	const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/bench-child.ts'), kind, ...args], {
		cwd: root,
		encoding: 'utf8',
		maxBuffer: 1 << 26
	});
	if (r.status !== 0) throw new Error(`${kind} failed:\n${r.stderr}`);
	const line = r.stdout.trim().split('\n').at(-1) ?? '{}';
	return JSON.parse(line) as Measured;
}

interface BenchFiles {
	messy: string;
	clean: string;
	/** The same two with a facts paragraph (违法事实, 100–300 characters on several lines) in every row. */
	messyFacts: string;
	cleanFacts: string;
}

async function files(withFacts: boolean): Promise<BenchFiles> {
	const catalog = loadCatalog();
	const cal = loadCalendar();
	const kinds = [
		{ dir: 'messy', file: 'cases-legacy-gbk.csv', layout: 'messy', facts: false, say: 'GBK 杂乱文件' },
		{ dir: 'clean', file: 'cases-current-utf8.csv', layout: 'canonical', facts: false, say: '同样案件的 UTF-8 规范文件' },
		{ dir: 'messy-facts', file: 'cases-legacy-gbk.csv', layout: 'messy', facts: true, say: '含多行违法事实的 GBK 杂乱文件' },
		{ dir: 'clean-facts', file: 'cases-current-utf8.csv', layout: 'canonical', facts: true, say: '同样案件（含违法事实）的 UTF-8 规范文件' }
	] as const;
	const paths: string[] = [];
	for (const k of kinds) {
		const path = join(out, k.dir, k.file);
		paths.push(path);
		if ((k.facts && !withFacts) || existsSync(path)) continue;
		console.error(`生成 ${opts.rows} 行的${k.say}…`);
		await writeDemoFiles(catalog, cal, { dir: join(out, k.dir), cases: opts.rows, seed: 42, layout: k.layout, factsText: k.facts });
	}
	const [messy = '', clean = '', messyFacts = '', cleanFacts = ''] = paths;
	return { messy, clean, messyFacts, cleanFacts };
}

interface ImportResult {
	reference: Measured;
	imported: Measured;
	ratio: number;
	command: string;
	at: string;
	loadAverage: number[];
}

/**
 * The import of a messy file beside DuckDB's own read_csv of the same rows as clean UTF-8. Other work on the machine
 * can come and go during the run: the reference is read before and after the import and counts as the mean of the
 * two, and the load average is kept, so that a ratio comes with the conditions it was measured in.
 */
function importBeside(messy: string, clean: string, what: string): ImportResult {
	const loadAverage = [loadavg()[0] ?? 0];
	console.error(`参照：DuckDB read_csv 读取规范 UTF-8 文件（${what}）…`);
	const before = measure('read_csv', clean);
	console.error(`导入：GBK 杂乱文件经完整导入流程（${what}）…`);
	const imported = measure('import', messy);
	console.error('参照（再测一次）…');
	const after = measure('read_csv', clean);
	loadAverage.push(loadavg()[0] ?? 0);
	const reference: Measured = {
		seconds: (before.seconds + after.seconds) / 2,
		rows: before.rows,
		peakRssMb: Math.max(before.peakRssMb, after.peakRssMb),
		detail: { runs: [before.seconds, after.seconds] }
	};
	return { reference, imported, ratio: reference.seconds / imported.seconds, command, at: results.at as string, loadAverage };
}

const f =
	opts.only === 'none' || opts.only === 'review' || opts.only === 'publications' || opts.only === 'facts-model'
		? { messy: '', clean: '', messyFacts: '', cleanFacts: '' }
		: await files(!opts.only || opts.only === 'import');
const command = `npm run bench -- --rows ${opts.rows}${opts.only ? ` --only ${opts.only}` : ''}`;
const results: Record<string, unknown> = {
	machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version },
	rows: opts.rows,
	at: new Date().toISOString()
};

if (!opts.only || opts.only === 'import') {
	results.import = importBeside(f.messy, f.clean, '演示数据形态');
	results.importFacts = importBeside(f.messyFacts, f.cleanFacts, '含多行违法事实');
}

if (!opts.only || opts.only === 'stats') {
	console.error('统计：导入后测量统计页与年报…');
	results.stats = { ...measure('stats', f.messy), command, at: results.at };
}

if (!opts.only || opts.only === 'scorecard') {
	console.error('执法评估：导入后测量评估（首次计算）与概览页…');
	results.scorecard = { ...measure('scorecard', f.messy), command, at: results.at };
}

if (!opts.only || opts.only === 'model') {
	console.error('裁量模型：训练、与基线比较、审查提示、建议延迟（单个与 50 并发）…');
	const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/bench-model.ts'), f.messy, out], {
		cwd: root,
		encoding: 'utf8',
		maxBuffer: 1 << 26
	});
	if (r.status !== 0) throw new Error(`model failed:\n${r.stderr}`);
	results.model = { ...(JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as Measured), command, at: results.at };
}

if (!opts.only || opts.only === 'load') {
	// On the database the model benchmark imported (it must have run before, at the same size).
	const dbFile = join(out, 'model-bench.duckdb');
	if (!existsSync(dbFile)) throw new Error(`${dbFile} is missing: run npm run bench -- --rows ${opts.rows} --only model first`);
	console.error('负载：50 个已登录用户各 60 秒访问统计页和 /api/suggest…');
	const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/bench-load.ts'), dbFile, join(root, 'models/default'), '60'], {
		cwd: root,
		encoding: 'utf8',
		maxBuffer: 1 << 26
	});
	if (r.status !== 0) throw new Error(`load failed:\n${r.stderr}`);
	results.load = { ...(JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as Measured), command, at: results.at };
}

if (!opts.only || opts.only === 'review') {
	// The base is the clean file of the size asked; the batches are smaller exports of another seed, whose case
	// numbers the base already holds: an import that changes 10,000 (or 1,000) cases.
	const cleanDir = join(out, 'clean');
	const catalog = loadCatalog();
	const cal = loadCalendar();
	if (!existsSync(join(cleanDir, 'cases-current-utf8.csv'))) {
		console.error(`生成 ${opts.rows} 行的 UTF-8 规范文件…`);
		await writeDemoFiles(catalog, cal, { dir: cleanDir, cases: opts.rows, seed: 42, layout: 'canonical' });
	}
	const batch = async (cases: number) => {
		const dir = join(out, `batch-${cases}`);
		if (!existsSync(join(dir, 'cases-current-utf8.csv'))) await writeDemoFiles(catalog, cal, { dir, cases, seed: 7 + cases, layout: 'canonical' });
		return join(dir, 'cases-current-utf8.csv');
	};
	const [tenK, oneK] = [await batch(10_000), await batch(1_000)];
	console.error('审查提示：导入后计算本批案件的提示，首次打开审核待办…');
	const r = spawnSync(
		process.execPath,
		[
			'--import',
			'tsx',
			join(root, 'scripts/bench-review.ts'),
			join(cleanDir, 'cases-current-utf8.csv'),
			join(cleanDir, 'roster.csv'),
			tenK,
			oneK,
			join(out, 'review-bench.duckdb')
		],
		{ cwd: root, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, EQUITAS_MODEL: join(root, 'models/default') } }
	);
	if (r.status !== 0) throw new Error(`review failed:\n${r.stderr}`);
	results.review = { ...(JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as Measured), command, at: results.at };
}

if (!opts.only || opts.only === 'publications') {
	// A publicity list is small beside a case ledger whatever the ledger's size: always 10,000 rows, the issue's target.
	const list = writePublicityList(join(out, 'publicity-10000.csv'), 10_000, 42);
	const loadAverage = [loadavg()[0] ?? 0];
	console.error('参照：DuckDB read_csv 读取同一处罚公示文件…');
	const before = measure('read_csv', list.path);
	console.error('导入：10,000 行处罚公示（同类机关）经完整导入流程…');
	const imported = measure('publications', list.path);
	const after = measure('read_csv', list.path);
	loadAverage.push(loadavg()[0] ?? 0);
	results.publications = {
		reference: {
			seconds: (before.seconds + after.seconds) / 2,
			rows: before.rows,
			peakRssMb: Math.max(before.peakRssMb, after.peakRssMb),
			detail: { runs: [before.seconds, after.seconds] }
		},
		imported,
		expected: { rows: list.rows, finesInTextOnly: list.finesInTextOnly, fineTotalFen: list.fineTotalFen },
		command,
		at: results.at,
		loadAverage
	};
}

if (!opts.only || opts.only === 'facts-model') {
	console.error('裁量模型：裁量情节只写在违法事实中时，区间的覆盖率（与结构化字段对照）…');
	const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/bench-facts-model.ts'), String(opts.rows), out], {
		cwd: root,
		encoding: 'utf8',
		maxBuffer: 1 << 26
	});
	if (r.status !== 0) throw new Error(`facts-model failed:\n${r.stderr}`);
	results.factsModel = { ...(JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as Measured), command, at: results.at };
}

const json = join(root, 'bench/results.json');
const previous = existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')) as Record<string, unknown>) : {};
// A run of one measurement keeps the others' last figures for the same size.
const before = (previous[`rows_${opts.rows}`] as Record<string, unknown> | undefined) ?? {};
const merged: Record<string, unknown> = { ...before, ...results };
// The import's ratio moves with what else the machine does: the last five runs are kept, to be read together.
if (results.import) {
	const r = results.import as { reference: Measured; imported: Measured; ratio: number; at: string };
	const run: ImportRun = { at: r.at, ratio: r.ratio, seconds: r.imported.seconds, referenceSeconds: r.reference.seconds, peakRssMb: r.imported.peakRssMb };
	merged.importRuns = [...((before.importRuns as ImportRun[] | undefined) ?? []), run].slice(-5);
}
writeFileSync(json, JSON.stringify({ ...previous, [`rows_${opts.rows}`]: merged }, null, 1) + '\n');

const m = results.machine as { cpus: number; cpuModel: string; memoryGb: number; node: string };
// Every size measured so far, the issue's million first: a run at one size keeps the others' sections.
const all = { ...previous, [`rows_${opts.rows}`]: merged } as Record<string, Record<string, unknown>>;
const sizes = Object.keys(all)
	.map((k) => Number(k.replace('rows_', '')))
	.filter((n) => Number.isFinite(n) && n > 0)
	.sort((a, b) => (a === 1_000_000 ? -1 : b === 1_000_000 ? 1 : a - b));
const lines = [
	'# Benchmarks',
	'',
	`Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB memory, Node ${m.node}. Each section names the command that measured it.`,
	"Each measurement runs in its own process; peak memory is that process's peak resident set (VmHWM).",
	''
];
for (const n of sizes) lines.push(`## ${n.toLocaleString('en-US')} cases`, '', ...sizeSections(all[`rows_${n}`] ?? {}, n));
writeFileSync(join(root, 'bench/RESULTS.md'), lines.join('\n'));
console.log(lines.join('\n'));

/** One import measurement beside its reference, as a section of RESULTS.md. */
function importSection(title: string, what: string, r: ImportResult, importRuns: ImportRun[] | undefined): string[] {
	const runs = (r.reference.detail as { runs?: number[] } | undefined)?.runs;
	return [
		title,
		'',
		`Measured by \`${r.command ?? 'npm run bench'}\` on ${(r.at ?? '').slice(0, 10)}.`,
		'',
		'| what | rows | seconds | rows/s | peak memory |',
		'|---|---|---|---|---|',
		`| reference: DuckDB \`read_csv\` of the same rows as clean UTF-8 into a table | ${r.reference.rows} | ${r.reference.seconds.toFixed(1)} | ${Math.round(r.reference.rows / r.reference.seconds)} | ${r.reference.peakRssMb} MB |`,
		`| the import pipeline on ${what} | ${r.imported.rows} | ${r.imported.seconds.toFixed(1)} | ${Math.round(r.imported.rows / r.imported.seconds)} | ${r.imported.peakRssMb} MB |`,
		'',
		`Throughput ratio (import ÷ reference): **${r.ratio.toFixed(2)}** (target ≥ 0.45); peak memory of the import under 1 GB: **${r.imported.peakRssMb < 1024 ? 'yes' : 'no'}**. Import detail: ${JSON.stringify(r.imported.detail ?? {})}`,
		'',
		...(runs ? [`The reference is the mean of a run before and one after the import (${runs.map((x) => `${x.toFixed(1)} s`).join(', ')}).`] : []),
		...(r.loadAverage
			? [`Load average (1 min) at the start and the end of the measurement: ${r.loadAverage.map((x) => x.toFixed(2)).join(', ')} on ${m.cpus} CPUs.`]
			: []),
		...(importRuns && importRuns.length > 1
			? [
					`Last ${importRuns.length} runs at this size (ratio, import seconds, peak memory): ${importRuns
						.map((x) => `${x.ratio.toFixed(2)}, ${x.seconds.toFixed(1)} s, ${x.peakRssMb} MB`)
						.join('; ')}.`
				]
			: []),
		''
	];
}

/** The sections of one size's figures. */
function sizeSections(merged: Record<string, unknown>, rows: number): string[] {
	const lines: string[] = [];
	if (merged.import)
		lines.push(
			...importSection(
				'### Import',
				'the messy GBK file (title row, alias headers, 万元, mixed dates)',
				merged.import as ImportResult,
				merged.importRuns as ImportRun[] | undefined
			)
		);
	if (merged.importFacts)
		lines.push(
			...importSection(
				'### Import of an export with multi-line facts paragraphs',
				'the same messy GBK file with a 违法事实 paragraph of 100–300 characters on several lines in every row',
				merged.importFacts as ImportResult,
				undefined
			)
		);
	if (merged.import || merged.importFacts)
		lines.push(
			"Stages: decode transcodes, hashes and indexes the file in one pass (one worker per core for GB18030); read counts the rows DuckDB reads, then one statement reads, normalises and writes every row SQL settles into cases, without keeping the file's order; normalize gathers the lines the reader refused; check is the second, ordered reading (only when rows were left out or a case came twice), the JavaScript readers on the rows SQL could not settle, and the circumstances read from the facts text; write compares the batch with the cases already there and commits it.",
			''
		);
	if (merged.factsModel) lines.push(...factsModelSection(merged.factsModel as Measured & { command?: string; at?: string }));
	if (merged.stats) {
		const d = (merged.stats as Measured).detail as { statsPageMs: number; sameSqlMs: number; annualReportMs: number; queries: number };
		lines.push(
			'### Statistics and the annual report',
			'',
			`Measured by \`${String((merged.stats as { command?: string }).command ?? 'npm run bench')}\` on ${String((merged.stats as { at?: string }).at ?? '').slice(0, 10)}, on the database of the import above (${(merged.stats as Measured).rows} cases).`,
			'',
			'| what | median of 5 |',
			'|---|---|',
			`| statistics page server load (\`dashboard()\`, year 2023, no other filter) | ${d.statsPageMs} ms |`,
			`| the same ${d.queries} SQL statements run directly on one DuckDB connection | ${d.sameSqlMs} ms |`,
			`| whole annual report (\`annualReport()\`) | ${d.annualReportMs} ms |`,
			'',
			`Ratio page ÷ raw SQL: **${(d.statsPageMs / Math.max(d.sameSqlMs, 1)).toFixed(2)}** (target ≤ 1.5); report under 2 s: **${d.annualReportMs < 2000 ? 'yes' : 'no'}**.`,
			''
		);
	}
	if (merged.scorecard) lines.push(...scorecardSection(merged.scorecard as Measured & { command?: string; at?: string }));
	if (merged.model) lines.push(...modelSection(merged.model as Measured & { command?: string; at?: string }));
	if (merged.load) lines.push(...loadSection(merged.load as Measured & { command?: string; at?: string }, rows));
	if (merged.review) lines.push(...reviewSection(merged.review as Measured & { command?: string; at?: string }));
	if (merged.publications) lines.push(...publicationsSection(merged.publications as PublicationsRun));
	return lines;
}

/** The scorecard's and the overview's section of RESULTS.md (figures from bench-child.ts `scorecard`). */
function scorecardSection(m: Measured & { command?: string; at?: string }): string[] {
	const d = m.detail as {
		year: number;
		scorecardMs: number;
		scorecardSqlMs: number;
		scorecardQueries: number;
		overviewFirstMs: number;
		overviewMs: number;
		overviewSqlMs: number;
		overviewQueries: number;
	};
	return [
		'### Scorecard (三项制度实施情况评估) and the overview',
		'',
		`Measured by \`${m.command ?? 'npm run bench'}\` on ${(m.at ?? '').slice(0, 10)}, on the database of a full import of the messy file (${m.rows} cases), year ${d.year}.`,
		'',
		'| what | median of 5 |',
		'|---|---|',
		`| scorecard of a year (\`scorecard()\`: consistency by year, branch and officer, the three systems for the year and the one before, case-file evaluation); each run a first computation | ${d.scorecardMs} ms |`,
		`| the same ${d.scorecardQueries} SQL statements run directly on one DuckDB connection | ${d.scorecardSqlMs} ms |`,
		`| overview server load (\`overviewPage()\`), the year's scorecard cached as between imports | ${d.overviewMs} ms |`,
		`| the overview's own ${d.overviewQueries} SQL statements run directly | ${d.overviewSqlMs} ms |`,
		`| the first overview after the import (computes the scorecard), once | ${d.overviewFirstMs} ms |`,
		'',
		`Scorecard under 1 s: **${d.scorecardMs < 1000 ? 'yes' : 'no'}** (page ÷ raw SQL ${(d.scorecardMs / Math.max(d.scorecardSqlMs, 1)).toFixed(2)}); overview under 300 ms: **${d.overviewMs < 300 ? 'yes' : 'no'}** (page ÷ raw SQL ${(d.overviewMs / Math.max(d.overviewSqlMs, 1)).toFixed(2)}).`,
		''
	];
}

/** The discretion model's section of RESULTS.md (figures from scripts/bench-model.ts). */
function modelSection(m: Measured & { command?: string; at?: string }): string[] {
	type Lat = { n: number; p50: number; p95: number; p99: number; errors?: number; perSecond?: number };
	const d = m.detail as {
		learnable: number;
		learnedFrom: number;
		hidden: number[];
		epochs: number;
		backend: string;
		trainSeconds: number;
		trainMemoryGrowthMb: number;
		indexSeconds: number;
		evaluation: { label: string; n: number; coverage: number; mean_width: number }[];
		drifting: string[];
		flags?: {
			seconds: number;
			count: number | null;
			quality: { rule: string; planted: number; flagged: number; truePositives: number; precision: number; recall: number }[];
			patterns: { scope: string; name: string; median_shift: number; cases: number }[];
		};
		inProcess: Lat;
		httpSingle: Lat;
		http50: Lat;
		http50ServerTime?: Omit<Lat, 'n'>;
	};
	const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
	const out = [
		'### Discretion model, suggestions and review flags',
		'',
		`Measured by \`${m.command ?? 'npm run bench'}\` on ${(m.at ?? '').slice(0, 10)}, on the database of the messy import (${m.rows} cases; ${d.learnable} decided fines inside the statute, ${d.learnedFrom} of them learned from: drifting branches and fines outside their benchmark tier are left out of the norm).`,
		'',
		`Training: **${d.trainSeconds} s** on the ${d.backend} backend (network ${JSON.stringify(d.hidden)}, ${d.epochs} epochs, linear baseline and evaluation included), memory growth ${d.trainMemoryGrowthMb} MB, peak ${m.peakRssMb} MB. Similar-case index built in ${d.indexSeconds} s. Drifting branches found: ${d.drifting.join('、') || 'none'}.`,
		'',
		'| method (same held-out cases of branches that keep to the norm, 80% level) | cases | coverage | mean width |',
		'|---|---|---|---|',
		...d.evaluation.map((e) => `| ${e.label} | ${e.n} | ${pct(e.coverage)} | ${e.mean_width.toLocaleString('en-US')} yuan |`),
		'',
		'| suggestion latency (range + 10 similar cases) | requests | p50 | p95 | p99 | errors |',
		'|---|---|---|---|---|---|',
		`| in process, one at a time | ${d.inProcess.n} | ${d.inProcess.p50} ms | ${d.inProcess.p95} ms | ${d.inProcess.p99} ms | – |`,
		`| \`POST /api/suggest\` over HTTP, one at a time | ${d.httpSingle.n} | ${d.httpSingle.p50} ms | ${d.httpSingle.p95} ms | ${d.httpSingle.p99} ms | – |`,
		`| the same, 50 requests always in flight for 20 s (${d.http50.perSecond ?? '?'} requests/s) | ${d.http50.n} | ${d.http50.p50} ms | ${d.http50.p95} ms | ${d.http50.p99} ms | ${d.http50.errors ?? 0} |`
	];
	if (d.http50ServerTime) {
		out.push(
			`| server time of those requests (Server-Timing, queueing in the server excluded) | ${d.http50.n} | ${d.http50ServerTime.p50} ms | ${d.http50ServerTime.p95} ms | ${d.http50ServerTime.p99} ms | – |`
		);
	}
	out.push(
		'',
		'With 50 requests always in flight on one Node.js process, a request waits for the ones before it: the client-side latency is about 50 ÷ throughput, on a machine whose two cores also run the load generator.',
		''
	);
	if (d.flags) {
		out.push(
			`Review flags for all ${m.rows} cases computed in ${d.flags.seconds} s (${d.flags.count ?? '?'} flags). Against the faults planted by the generator (R02 and R03 without the drifting branch, whose fines are outside the norm by design and which is listed as a pattern instead):`,
			'',
			'| rule | planted | flagged | true positives | precision | recall |',
			'|---|---|---|---|---|---|',
			...d.flags.quality.map((q) => `| ${q.rule} | ${q.planted} | ${q.flagged} | ${q.truePositives} | ${q.precision.toFixed(2)} | ${q.recall.toFixed(2)} |`),
			'',
			`Patterns found: ${d.flags.patterns.map((p) => `${p.scope === 'department' ? 'branch' : 'officer'} ${p.name} (${p.median_shift.toLocaleString('en-US')} yuan over ${p.cases} cases)`).join('; ') || 'none'}.`,
			''
		);
	}
	return out;
}

/** The load test's section of RESULTS.md (figures from scripts/bench-load.ts). */
function loadSection(m: Measured & { command?: string; at?: string }, rows: number): string[] {
	type S = { requests: number; perSecond: number; errors: number; non2xx: number; p50: number; p90: number; p99: number; max: number };
	const d = m.detail as { users: number; secondsEach: number; stats: S; suggest: S };
	const row = (label: string, s: S) =>
		`| ${label} | ${s.requests} | ${s.perSecond} | ${s.errors} | ${s.non2xx} | ${s.p50} ms | ${s.p90} ms | ${s.p99} ms | ${s.max} ms |`;
	return [
		'### Load: 50 signed-in users',
		'',
		`Measured by \`${m.command ?? 'npm run bench'}\` on ${(m.at ?? '').slice(0, 10)} with autocannon: ${d.users} users, each with a session of its own and one connection, for ${d.secondsEach} s per target, against the built server on localhost with the ${rows}-case database.`,
		'',
		'| target | requests | requests/s | errors | non-2xx | p50 | p90 | p99 | max |',
		'|---|---|---|---|---|---|---|---|---|',
		row('statistics page `GET /stats`', d.stats),
		row('`POST /api/suggest`', d.suggest),
		''
	];
}

/** The review flags' section of RESULTS.md (figures from scripts/bench-review.ts). */
function reviewSection(m: Measured & { command?: string; at?: string }): string[] {
	type Batch = { rows: number; changed: number; importSeconds: number; flagSeconds: number | null; flaggedCases: number | null; wholeSeconds: number };
	const d = m.detail as {
		baseCases: number;
		fullFlags: { seconds: number | null; cases: number | null; flags: number | null };
		warmReviewMs: number;
		suggesterSeconds: number;
		patternsSeconds?: number;
		loadAverage?: number[];
		tenK: Batch;
		firstReviewMs: number;
		laterReviewMs: number;
		oneK: Batch;
	};
	const batchRow = (label: string, b: Batch) =>
		`| ${label} | ${b.rows} | ${b.changed} | ${b.importSeconds.toFixed(1)} s | ${b.flagSeconds?.toFixed(1) ?? '?'} s (${b.flaggedCases ?? '?'} cases) | ${b.wholeSeconds.toFixed(1)} s |`;
	return [
		'### Review flags when the data change',
		'',
		`Measured by \`${m.command ?? 'npm run bench'}\` on ${(m.at ?? '').slice(0, 10)}: a database of ${d.baseCases} cases (the clean file) with the roster and every flag computed, the default model; then imports through the server's path (\`importKeepingFlags\`: the batch, its cases' flags, the suggester rebuilt over the new cases), of other exports whose case numbers the database already holds.`,
		'',
		'| import | rows | cases changed | import | flags of its cases | whole, with the suggester rebuilt |',
		'|---|---|---|---|---|---|',
		batchRow('10,000 cases', d.tenK),
		batchRow('1,000 cases', d.oneK),
		'',
		'| what | time |',
		'|---|---|',
		`| reference: every case's flags computed (what the first \`/review\` after an import waited for before; ${d.fullFlags.cases ?? '?'} cases, ${d.fullFlags.flags ?? '?'} flags) | ${d.fullFlags.seconds?.toFixed(1) ?? '?'} s |`,
		`| the first \`/review\` server load (\`reviewQueuePage()\`) after the 10,000-case import | ${d.firstReviewMs} ms |`,
		`| later \`/review\` loads, median of 5 | ${d.laterReviewMs} ms |`,
		`| \`/review\` before the import, with the suggester (built in ${d.suggesterSeconds} s) and the day's drifting branches (${d.patternsSeconds ?? '?'} s) made once | ${d.warmReviewMs} ms |`,
		'',
		...(d.loadAverage
			? [`Load average (1 min) at the start and the end of the measurement: ${d.loadAverage.map((x) => x.toFixed(2)).join(', ')} on ${cpus().length} CPUs.`, '']
			: []),
		`First \`/review\` after a 10,000-case import under 1 s: **${d.firstReviewMs < 1000 ? 'yes' : 'no'}**; a 1,000-case import's flags under 2 s: **${(d.oneK.flagSeconds ?? Infinity) < 2 ? 'yes' : 'no'}**.`,
		''
	];
}

interface PublicationsRun {
	reference: Measured;
	imported: Measured;
	expected: { rows: number; finesInTextOnly: number; fineTotalFen: number };
	command?: string;
	at?: string;
	loadAverage?: number[];
}

/** The publicity list's import beside DuckDB's read_csv of the same file (figures from bench-child.ts `publications`). */
function publicationsSection(r: PublicationsRun): string[] {
	const d = r.imported.detail as {
		imported: number;
		quarantined: number;
		finesFromText: number;
		violations: { texts: number; matched: number };
		fineTotalFen: number;
	};
	const runs = (r.reference.detail as { runs?: number[] } | undefined)?.runs;
	return [
		'### Import of a 10,000-row penalty publicity list (peer agencies)',
		'',
		`Measured by \`${r.command ?? 'npm run bench'}\` on ${(r.at ?? '').slice(0, 10)}: a list in the real lists' style (fine in a 万元 column for about a third of the rows, otherwise only in the penalty text, in Arabic, Chinese or financial numerals, a fifth against two targets; dates written three ways), imported into a fresh database with its violation texts matched to the catalog.`,
		'',
		'| what | rows | seconds | peak memory |',
		'|---|---|---|---|',
		`| reference: DuckDB \`read_csv\` of the same file into a table | ${r.reference.rows} | ${r.reference.seconds.toFixed(2)} | ${r.reference.peakRssMb} MB |`,
		`| \`importPublications\` (the import page's and \`npm run import -- --kind publications\`'s function) | ${r.imported.rows} | ${r.imported.seconds.toFixed(2)} | ${r.imported.peakRssMb} MB |`,
		'',
		`Under 10 s: **${r.imported.seconds < 10 ? 'yes' : 'no'}**. Imported ${d.imported}, quarantined ${d.quarantined}; fines read from the text ${d.finesFromText} (the generator wrote ${r.expected.finesInTextOnly} rows without a fine column); fines summed ${(d.fineTotalFen / 100).toLocaleString('en-US')} yuan against the generator's ${(r.expected.fineTotalFen / 100).toLocaleString('en-US')} (exact: **${d.fineTotalFen === r.expected.fineTotalFen ? 'yes' : 'no'}**); ${d.violations.texts} violation texts, ${d.violations.matched} matched to an item.`,
		...(runs ? ['', `The reference is the mean of a run before and one after the import (${runs.map((x) => `${x.toFixed(2)} s`).join(', ')}).`] : []),
		...(r.loadAverage ? [`Load average (1 min) at the start and the end: ${r.loadAverage.map((x) => x.toFixed(2)).join(', ')} on ${m.cpus} CPUs.`] : []),
		''
	];
}

/** The model with the circumstances only in the facts text, beside the same cases with them recorded (scripts/bench-facts-model.ts). */
function factsModelSection(r: Measured & { command?: string; at?: string }): string[] {
	const variants = ((r.detail as { variants?: Variant[] } | undefined)?.variants ?? []) as Variant[];
	const p = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? '—' : `${(x * 100).toFixed(1)}%`);
	const names: Record<string, string> = { structured: 'circumstances in their columns', 'facts-only': 'columns blank, circumstances only in 违法事实' };
	return [
		'### Discretion model with the circumstances only in the facts text',
		'',
		`Measured by \`${r.command ?? 'npm run bench -- --only facts-model'}\` on ${String(r.at ?? '').slice(0, 10)}: the same demo cases (seed 42) written twice, imported into fresh databases and trained; the interval's stated coverage is its level.`,
		'',
		'| export | cases | cases with values read from the text | import s | train s | stated | model card | held-out (n) | held-out, recorded (n) | held-out, read from text (n) |',
		'|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
		...variants.map((v) => {
			const by = (s: string) => v.by_source.find((b) => b.source === s);
			const rec = by('recorded');
			const ext = by('extracted');
			return `| ${names[v.variant] ?? v.variant} | ${v.cases.toLocaleString('en-US')} | ${v.extracted_cases.toLocaleString('en-US')} | ${v.import_seconds.toFixed(1)} | ${v.train_seconds.toFixed(1)} | ${p(v.level)} | ${p(v.card)} | ${p(v.measured)} (${v.test_cases}) | ${p(rec?.coverage)} (${rec?.n ?? 0}) | ${p(ext?.coverage)} (${ext?.n ?? 0}) |`;
		}),
		''
	];
}
