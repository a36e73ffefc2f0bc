/**
 * `npm run -s suggest -- --input FILE [--db PATH] [--model DIR] [--level 0.8] --json`: reads cases from a file in
 * any format the importer reads and prints, per case, the calibrated fine range, the p-value of the fine in the
 * file (if any; it is never used for the range) and the similar past cases. Money in yuan.
 */
import { Command, InvalidArgumentError } from 'commander';
import { withCliDb } from './cli-options';
import { inForceCatalog } from '../src/lib/server/catalog';
import { contractOf, buildSuggester, readCasesFile } from '../src/lib/server/model';
import { reasonsText } from '../src/lib/server/import';

function level(v: string): number {
	const n = Number(v);
	if (!(n >= 0.5 && n <= 0.99)) throw new InvalidArgumentError('应在 0.5 到 0.99 之间 / must be between 0.5 and 0.99');
	return n;
}

const o = new Command('suggest')
	.description('罚款裁量区间建议 / suggest a calibrated fine range')
	.requiredOption('--input <file>', '案件文件（CSV、TSV 或 XLSX）/ case file')
	.option('--db <path>', '数据库文件 / database file')
	.option('--model <dir>', '模型目录 / model directory')
	.option('--level <p>', '区间水平 / level of the range', level, 0.8)
	.option('--json', '输出 JSON 数组 / print a JSON array')
	.parse()
	.opts<{ input: string; db?: string; model?: string; level: number; json?: boolean }>();

try {
	// A proposal is judged today: by the database's version in force, as the page does.
	const out = await withCliDb(o.db, async (db) => {
		const catalog = await inForceCatalog(db);
		const { cases, rejected } = await readCasesFile(o.input, catalog);
		for (const r of rejected) process.stderr.write(`第 ${r.line} 行未能读取：${reasonsText(r.reasons, 'zh')}\n`);
		return (await buildSuggester(db, catalog, o.model)).suggest(cases, o.level);
	});
	if (o.json) console.log(JSON.stringify(out.map(contractOf)));
	else for (const s of out) console.log(`${s.case_id ?? '（无编号）'}：${s.note}`);
} catch (e) {
	console.error(`无法给出建议 / suggest failed: ${e instanceof Error ? e.message : String(e)}`);
	process.exit(1);
}
