/** `npm run -s scorecard -- --year Y [--db PATH] [--agency NAME] [--json | --xlsx FILE]`: the leadership scorecard (三项制度实施情况评估). */
import { Command } from 'commander';
import { positiveInt, withCliDb } from './cli-options';
import { ensureCalendarTable, scorecard, scorecardWorkbook } from '../src/lib/server/stats';
import { loadCatalog } from '../src/lib/server/catalog';
import { loadCalendar } from '../src/lib/server/calendar';
import { percent, pointsText, scorecardJson, shiftWords, systemRows } from '../src/lib/domain/scorecard';

const o = new Command('scorecard')
	.description('三项制度实施情况评估 / the leadership scorecard: consistency of fines and the three systems, against the year before')
	.requiredOption('--year <year>', '年度 / year', positiveInt)
	.option('--db <path>', '数据库文件 / database file')
	.option('--agency <name>', '执法机关（默认为案件最多的机关）/ agency (default: the one with most cases)')
	.option('--json', '输出一个 JSON 对象 / print one JSON object')
	.option('--xlsx <file>', '写出 XLSX 文件 / write an XLSX file')
	.parse()
	.opts<{ year: number; db?: string; agency?: string; json?: boolean; xlsx?: string }>();

try {
	await withCliDb(o.db, async (db) => {
		// Publication deadlines are counted in working days by the database: it needs the calendar as a table.
		await ensureCalendarTable(db, loadCalendar());
		const s = await scorecard(db, loadCatalog(), o.year, o.agency);
		if (o.json) return console.log(JSON.stringify(scorecardJson(s)));
		if (o.xlsx) {
			await (await scorecardWorkbook(s)).xlsx.writeFile(o.xlsx);
			return console.log(`已写出 ${o.xlsx}`);
		}
		const yuan = (v: number | null) => (v === null ? '无数据' : `${v} 元`);
		console.log(`${s.agency} ${s.year}年度三项制度实施情况评估`);
		console.log(`执法尺度离散度：${yuan(s.consistency.spread)}（上年 ${yuan(s.consistency.spread_previous_year)}），${s.consistency.cases} 件罚款`);
		for (const r of s.consistency.by_department) console.log(`  ${r.department}（${r.cases} 件）：${shiftWords(r)}`);
		for (const r of systemRows(s))
			console.log(
				`${r.label}：${r.part} ${r.now.part} / ${r.whole} ${r.now.whole}${r.isRate ? ` ${percent(r.now.rate)}` : ''}；上年 ${r.before.part} / ${r.before.whole}${r.isRate ? ` ${percent(r.before.rate)}；同比 ${pointsText(r.change)}` : ''}${r.worse ? '（变差）' : ''}`
			);
	});
} catch (e) {
	console.error(`无法生成评估 / scorecard failed: ${e instanceof Error ? e.message : String(e)}`);
	process.exit(1);
}
