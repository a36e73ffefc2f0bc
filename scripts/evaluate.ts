/**
 * `npm run -s evaluate -- [--db PATH] [--model DIR] --json`: the model against its baselines (the catalog tier's
 * range, the k nearest cases' percentiles, a linear quantile regression) on the same held-out cases of the
 * database: coverage and mean width at the 80% level, overall and per item and tier.
 */
import { Command } from 'commander';
import { withCliDb } from './cli-options';
import { inForceCatalog } from '../src/lib/server/catalog';
import { activeModelDir, evaluateSaved } from '../src/lib/server/model';

const o = new Command('evaluate')
	.description('模型与基线对比 / the model against its baselines')
	.option('--db <path>', '数据库文件 / database file')
	.option('--model <dir>', '模型目录 / model directory')
	.option('--json', '输出一个 JSON 对象 / print one JSON object')
	.parse()
	.opts<{ db?: string; model?: string; json?: boolean }>();

try {
	const e = await withCliDb(o.db, async (db) => evaluateSaved(db, await inForceCatalog(db), o.model ?? activeModelDir()));
	if (o.json) console.log(JSON.stringify(e));
	else {
		console.log(`留出案件 ${e.test_cases} 件，水平 ${e.level * 100}%`);
		for (const m of e.methods) console.log(`  ${m.label}：覆盖率 ${(m.coverage * 100).toFixed(1)}%，平均宽度 ${Math.round(m.mean_width)} 元`);
	}
} catch (e) {
	console.error(`评估失败 / evaluation failed: ${e instanceof Error ? e.message : String(e)}`);
	process.exit(1);
}
