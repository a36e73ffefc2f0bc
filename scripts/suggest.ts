/**
 * `npm run -s suggest -- --input FILE [--db PATH] [--model DIR] [--level 0.8] [--facts TEXT] --json`: reads cases
 * from a file in any format the importer reads and prints, per case, the calibrated fine range, the p-value of the
 * fine in the file (if any; it is never used for the range) and the similar past cases, chosen by circumstances and
 * by the facts text (the file's 违法事实, else `--facts`, else the database's record of the same case number).
 * Money in yuan. The phrases printed are masked as for a reader without a need to see personal data.
 */
import { Command, InvalidArgumentError } from 'commander';
import { withCliDb } from './cli-options';
import { inForceCatalog } from '../src/lib/server/catalog';
import { contractOf, buildSuggester, readCasesFile, suggestWithFacts } from '../src/lib/server/model';
import { FACTS_MAX } from '../src/lib/domain/suggest-request';
import { reasonsText } from '../src/lib/server/import';

function level(v: string): number {
	const n = Number(v);
	if (!(n >= 0.5 && n <= 0.99)) throw new InvalidArgumentError('应在 0.5 到 0.99 之间 / must be between 0.5 and 0.99');
	return n;
}

function facts(v: string): string {
	const t = v.trim();
	if ([...t].length > FACTS_MAX) throw new InvalidArgumentError(`违法事实过长：最多 ${FACTS_MAX} 个字 / at most ${FACTS_MAX} characters`);
	return t;
}

const o = new Command('suggest')
	.description('罚款裁量区间建议 / suggest a calibrated fine range')
	.requiredOption('--input <file>', '案件文件（CSV、TSV 或 XLSX）/ case file')
	.option('--db <path>', '数据库文件 / database file')
	.option('--model <dir>', '模型目录 / model directory')
	.option('--level <p>', '区间水平 / level of the range', level, 0.8)
	.option('--facts <text>', '违法事实（文件中没有时使用）/ facts text, for the cases the file gives none', facts)
	.option('--json', '输出 JSON 数组 / print a JSON array')
	.parse()
	.opts<{ input: string; db?: string; model?: string; level: number; facts?: string; json?: boolean }>();

try {
	// A proposal is judged today: by the database's version in force, as the page does.
	const out = await withCliDb(o.db, async (db) => {
		const catalog = await inForceCatalog(db);
		const { cases, rejected } = await readCasesFile(o.input, catalog);
		for (const r of rejected) process.stderr.write(`第 ${r.line} 行未能读取：${reasonsText(r.reasons, 'zh')}\n`);
		const suggester = await buildSuggester(db, catalog, o.model);
		const requests = cases.map((c) => ({ input: c, facts: c.facts?.trim() || o.facts || null, level: o.level }));
		return suggestWithFacts(db, suggester, { roles: [] }, requests);
	});
	if (o.json) console.log(JSON.stringify(out.map(contractOf)));
	else for (const s of out) console.log(`${s.case_id ?? '（无编号）'}：${s.note}`);
} catch (e) {
	console.error(`无法给出建议 / suggest failed: ${e instanceof Error ? e.message : String(e)}`);
	process.exit(1);
}
