/** `npm run -s report -- --year Y [--db PATH] [--agency NAME] [--json | --xlsx FILE]`: the annual enforcement statistics report. */
import { Command } from 'commander';
import { positiveInt, withCliDb } from './cli-options';
import { annualReport, reportWorkbook } from '../src/lib/server/stats';
import { TABLE1_COLUMNS, TABLE2_COLUMNS, TABLE3_COLUMNS, EXTRA_KEYS } from '../src/lib/domain/annual-report';

const o = new Command('report')
	.description('行政执法统计年报 / the annual enforcement statistics report')
	.requiredOption('--year <year>', '年度 / year', positiveInt)
	.option('--db <path>', '数据库文件 / database file')
	.option('--agency <name>', '执法机关（默认为案件最多的机关）/ agency (default: the one with most cases)')
	.option('--json', '输出一个 JSON 对象 / print one JSON object')
	.option('--xlsx <file>', '写出 XLSX 文件 / write an XLSX file')
	.parse()
	.opts<{ year: number; db?: string; agency?: string; json?: boolean; xlsx?: string }>();

try {
	await withCliDb(o.db, async (db) => {
		const r = await annualReport(db, o.year, o.agency);
		if (o.json) return console.log(JSON.stringify(r));
		if (o.xlsx) {
			await (await reportWorkbook(r)).xlsx.writeFile(o.xlsx);
			return console.log(`已写出 ${o.xlsx}`);
		}
		const line = (labels: readonly string[], values: Record<string, number | string | null>) => labels.map((l) => `${l} ${values[l] ?? '无数据'}`).join('  ');
		console.log(`${r.agency} ${r.year}年度行政执法统计年报`);
		console.log(`表一 行政处罚（宗）：${line([...TABLE1_COLUMNS, '合计'], r.table1)}；罚没金额 ${r.table1.罚没金额万元} 万元`);
		console.log(`表二 行政强制：${line([...TABLE2_COLUMNS, '合计'], r.table2)}`);
		console.log(`表三：${line(TABLE3_COLUMNS, r.table3)}`);
		console.log(`其他：${line(EXTRA_KEYS, r.extra)}`);
	});
} catch (e) {
	console.error(`无法生成年报 / report failed: ${e instanceof Error ? e.message : String(e)}`);
	process.exit(1);
}
