/**
 * `npm run -s train -- [--db PATH] [--out DIR] [--json]`: trains the discretion model on the decided penalty cases
 * of the database, writes it to `models/<version>/` (or DIR) and makes it the one the product uses. Progress per
 * epoch goes to stderr; with --json one object goes to stdout.
 */
import { Command } from 'commander';
import { withCliDb } from './cli-options';
import { ensureShippedVersion, getCatalog } from '../src/lib/server/catalog';
import { activateModel, modelCard, saveModel, trainDiscretion } from '../src/lib/server/model';

const o = new Command('train')
	.description('训练裁量模型 / train the discretion model')
	.option('--db <path>', '数据库文件 / database file')
	.option('--out <dir>', '模型目录（默认 models/<版本>）/ model directory')
	.option('--json', '输出一个 JSON 对象 / print one JSON object')
	.parse()
	.opts<{ db?: string; out?: string; json?: boolean }>();

try {
	const started = Date.now();
	const result = await withCliDb(o.db, async (db) => {
		// Trained under the database's version in force today, which the model card then names.
		await ensureShippedVersion(db);
		return trainDiscretion(db, getCatalog(), {
			onEpoch: (e, n, loss, val) => process.stderr.write(`第 ${e}/${n} 轮 epoch  loss ${loss.toFixed(5)}  val_loss ${val.toFixed(5)}\n`)
		});
	});
	const { model, evaluation } = result;
	const dir = o.out ?? `models/${model.version}`;
	await saveModel(model, dir, modelCard(model.meta, evaluation));
	if (!o.out) activateModel(dir);
	const seconds = (Date.now() - started) / 1000;
	const own = evaluation?.methods.find((m) => m.method === 'model');
	const summary = {
		model: dir,
		version: model.version,
		cases: model.meta.training.cases,
		backend: model.meta.backend,
		seconds: Math.round(seconds * 10) / 10,
		level: 0.8,
		coverage: own?.coverage ?? model.meta.coverage['80'] ?? null,
		mean_width: own?.mean_width ?? null,
		drifting_branches: model.meta.drifting
	};
	if (o.json) console.log(JSON.stringify(summary));
	else {
		console.log(`模型已保存：${dir}（版本 ${model.version}，后端 ${model.meta.backend}，${summary.cases} 件案件，用时 ${summary.seconds} 秒）`);
		if (evaluation) {
			for (const m of evaluation.methods) console.log(`  ${m.label}：覆盖率 ${(m.coverage * 100).toFixed(1)}%，平均宽度 ${Math.round(m.mean_width)} 元`);
		}
		if (model.meta.drifting.length) console.log(`  偏离基准的部门：${model.meta.drifting.join('、')}`);
	}
} catch (e) {
	console.error(`训练失败 / training failed: ${e instanceof Error ? e.message : String(e)}`);
	process.exit(1);
}
