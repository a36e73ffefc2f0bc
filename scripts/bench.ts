/**
 * `npm run bench [-- --rows N] [--only import]`: generates its data, runs each measurement beside its reference in
 * the same run, each in its own process so that its peak memory is its own, and writes bench/results.json and
 * bench/RESULTS.md. Ratios are the headline: absolute times vary between machines.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { positiveInt } from './cli-options';
import { loadCatalog } from '../src/lib/server/catalog';
import { loadCalendar } from '../src/lib/server/calendar';
import { writeDemoFiles } from '../src/lib/server/demo';

const root = resolve(import.meta.dirname, '..');
const opts = new Command('bench')
	.option('--rows <n>', '案件数 / cases', positiveInt, 1_000_000)
	.option('--only <what>', '只运行某项 / run one measurement: import')
	.parse()
	.opts<{ rows: number; only?: string }>();

const out = join(root, 'bench/out', String(opts.rows));
mkdirSync(out, { recursive: true });

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

async function files(): Promise<{ messy: string; clean: string }> {
	const messyDir = join(out, 'messy');
	const cleanDir = join(out, 'clean');
	const catalog = loadCatalog();
	const cal = loadCalendar();
	if (!existsSync(join(messyDir, 'cases-legacy-gbk.csv'))) {
		console.error(`生成 ${opts.rows} 行的 GBK 杂乱文件…`);
		await writeDemoFiles(catalog, cal, { dir: messyDir, cases: opts.rows, seed: 42, layout: 'messy' });
	}
	if (!existsSync(join(cleanDir, 'cases-current-utf8.csv'))) {
		console.error(`生成同样案件的 UTF-8 规范文件…`);
		await writeDemoFiles(catalog, cal, { dir: cleanDir, cases: opts.rows, seed: 42, layout: 'canonical' });
	}
	return { messy: join(messyDir, 'cases-legacy-gbk.csv'), clean: join(cleanDir, 'cases-current-utf8.csv') };
}

const f = await files();
const results: Record<string, unknown> = {
	machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version },
	rows: opts.rows,
	at: new Date().toISOString()
};

if (!opts.only || opts.only === 'import') {
	console.error('参照：DuckDB read_csv 读取规范 UTF-8 文件…');
	const reference = measure('read_csv', f.clean);
	console.error('导入：GBK 杂乱文件经完整导入流程…');
	const imported = measure('import', f.messy);
	results.import = { reference, imported, ratio: reference.seconds / imported.seconds };
}

const json = join(root, 'bench/results.json');
const previous = existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')) as Record<string, unknown>) : {};
writeFileSync(json, JSON.stringify({ ...previous, [`rows_${opts.rows}`]: results }, null, 1) + '\n');

const m = results.machine as { cpus: number; cpuModel: string; memoryGb: number; node: string };
const lines = [
	'# Benchmarks',
	'',
	`Measured by \`npm run bench -- --rows ${opts.rows}${opts.only ? ` --only ${opts.only}` : ''}\` on ${String(results.at).slice(0, 10)}: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB memory, Node ${m.node}.`,
	"Each measurement runs in its own process; peak memory is that process's peak resident set (VmHWM).",
	''
];
if (results.import) {
	const r = results.import as { reference: Measured; imported: Measured; ratio: number };
	lines.push(
		'## Import',
		'',
		'| what | rows | seconds | rows/s | peak memory |',
		'|---|---|---|---|---|',
		`| reference: DuckDB \`read_csv\` of the clean UTF-8 file into a table | ${r.reference.rows} | ${r.reference.seconds.toFixed(1)} | ${Math.round(r.reference.rows / r.reference.seconds)} | ${r.reference.peakRssMb} MB |`,
		`| the import pipeline on the messy GBK file (title row, alias headers, 万元, mixed dates) | ${r.imported.rows} | ${r.imported.seconds.toFixed(1)} | ${Math.round(r.imported.rows / r.imported.seconds)} | ${r.imported.peakRssMb} MB |`,
		'',
		`Throughput ratio (import ÷ reference): **${r.ratio.toFixed(2)}** (target ≥ 0.33). Import detail: ${JSON.stringify(r.imported.detail ?? {})}`,
		''
	);
}
writeFileSync(join(root, 'bench/RESULTS.md'), lines.join('\n'));
console.log(lines.join('\n'));
