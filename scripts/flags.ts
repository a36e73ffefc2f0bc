/**
 * `npm run -s flags -- [--db PATH] [--recompute] --json`: the open review flags, as
 * `{"case_id", "rule", "severity", "reason", "value", "expected"}`.
 * `npm run -s flags -- --patterns [--db PATH] --json`: the branches and officers whose fines drift from the norm.
 * Flags are recomputed first when the cases, the model or the rules changed since they were stored.
 */
import { Command } from 'commander';
import { withCliDb } from './cli-options';
import { inForceCatalog } from '../src/lib/server/catalog';
import { loadCalendar } from '../src/lib/server/calendar';
import { buildSuggester } from '../src/lib/server/model';
import { driftPatterns, updateFlags, listFlags } from '../src/lib/server/review';

const o = new Command('flags')
	.description('审查提示 / review flags')
	.option('--db <path>', '数据库文件 / database file')
	.option('--recompute', '重新计算全部提示 / recompute every flag')
	.option('--patterns', '列出偏离基准的部门和执法人员 / branches and officers that drift')
	.option('--model <dir>', '模型目录 / model directory')
	.option('--json', '输出 JSON / print JSON')
	.parse()
	.opts<{ db?: string; recompute?: boolean; patterns?: boolean; model?: string; json?: boolean }>();

try {
	await withCliDb(o.db, async (db) => {
		const catalog = await inForceCatalog(db);
		const suggester = await buildSuggester(db, catalog, o.model).catch((e: unknown) => {
			process.stderr.write(`裁量模型不可用，R03 不参与计算：${e instanceof Error ? e.message : String(e)}\n`);
			return null;
		});
		if (o.patterns) {
			if (!suggester) throw new Error('需要裁量模型才能比较罚款与基准 / the patterns need the discretion model');
			const found = (await driftPatterns(db, catalog, suggester)).map(({ case_ids: _ids, ...p }) => p);
			if (o.json) return console.log(JSON.stringify(found));
			for (const p of found)
				console.log(
					`${p.scope === 'department' ? '部门' : '执法人员'} ${p.name}：${p.cases} 件，中位偏移 ${p.median_shift} 元（${(p.relative_shift * 100).toFixed(1)}%），p = ${p.p_value.toPrecision(2)}`
				);
			return;
		}
		const summary = await updateFlags(db, catalog, loadCalendar(), suggester, o.recompute === true);
		if (summary)
			process.stderr.write(
				`已计算 ${summary.cases} 件案件的审查提示：${summary.flags} 条（新增 ${summary.opened}，消除 ${summary.cleared}），用时 ${summary.seconds.toFixed(1)} 秒\n`
			);
		// Page by page, written as it comes: ten million cases have millions of open flags, too many to hold at once.
		const PAGE = 50_000;
		if (o.json) process.stdout.write('[');
		for (let offset = 0, first = true; ; offset += PAGE) {
			const page = await listFlags(db, { status: 'open', limit: PAGE, offset });
			const lines = page.map((f) =>
				o.json
					? JSON.stringify({ case_id: f.case_id, rule: f.rule, severity: f.severity, reason: f.reason, value: f.value, expected: f.expected })
					: `${f.case_id} ${f.rule} ${f.severity} ${f.reason}`
			);
			if (lines.length) {
				const text = o.json ? `${first ? '' : ','}${lines.join(',')}` : `${lines.join('\n')}\n`;
				if (!process.stdout.write(text)) await new Promise((r) => process.stdout.once('drain', r));
				first = false;
			}
			if (page.length < PAGE) break;
		}
		if (o.json) process.stdout.write(']\n');
	});
} catch (e) {
	console.error(`无法列出审查提示 / flags failed: ${e instanceof Error ? e.message : String(e)}`);
	process.exit(1);
}
