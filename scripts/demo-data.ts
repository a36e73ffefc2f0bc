/**
 * Writes the demo exports: `npm run -s demo -- [--out DIR] [--rows N] [--seed S] [--layout split|messy|canonical]`.
 * `--rows 1000000` makes a large file for scale tests; it streams, so memory stays flat.
 */
import { Command, Option } from 'commander';
import { positiveInt } from './cli-options';
import { SingleBar, Presets } from 'cli-progress';
import { loadCatalog } from '../src/lib/server/catalog';
import { loadCalendar } from '../src/lib/server/calendar';
import { DEFAULT_DEMO_CASES, writeDemoFiles, type DemoLayout } from '../src/lib/server/demo';

const program = new Command('demo')
	.description('生成演示用的案件导出文件 / write the demo case exports')
	.option('--out <dir>', '输出目录 / output folder', 'data/demo')
	.option('--rows <n>', '案件数（约）/ number of cases (about)', positiveInt, DEFAULT_DEMO_CASES)
	.option('--seed <n>', '随机种子 / random seed', positiveInt, 1)
	.addOption(
		new Option('--layout <layout>', 'split: 旧系统 GBK + 新系统 UTF-8；messy: 全部写入 GBK 文件；canonical: 全部写入 UTF-8 文件')
			.choices(['split', 'messy', 'canonical'])
			.default('split')
	)
	.parse();

const opts = program.opts<{ out: string; rows: number; seed: number; layout: DemoLayout }>();
const bar = process.stderr.isTTY
	? new SingleBar({ format: '{bar} {percentage}% | {value}/{total} 件 | {rate} 件/秒', stream: process.stderr }, Presets.shades_classic)
	: null;
const started = Date.now();
bar?.start(Math.round(opts.rows * 1.02), 0, { rate: 0 });
const r = await writeDemoFiles(loadCatalog(), loadCalendar(), {
	dir: opts.out,
	cases: opts.rows,
	seed: opts.seed,
	layout: opts.layout,
	onProgress: (n) => bar?.update(n, { rate: Math.round(n / ((Date.now() - started) / 1000 || 1)) })
});
bar?.stop();
console.log(JSON.stringify({ cases: r.cases, planted: r.planted, files: { legacy: r.legacy, current: r.current, roster: r.roster, truth: r.truth } }, null, 1));
