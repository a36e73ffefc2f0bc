/**
 * The electronic case file from the command line (stop the server first: DuckDB has one writer):
 * `npm run -s files -- import-list FILE [--db PATH] [--json]`: records a document list exported by a
 *   case-management system (案件编号, 执法机关, 环节, 文书类型, 文件名, SHA-256, 文件大小, 文书日期);
 * `npm run -s files -- evaluate [--db PATH] [--year Y] [--department D] [--json]`: case-file evaluation
 *   (案卷评查) by branch and the incomplete case files.
 * The web pages call the same functions.
 */
import { Command } from 'commander';
import { userInfo } from 'node:os';
import { positiveInt, withCliDb } from './cli-options';
import { inForceCatalog } from '../src/lib/server/catalog';
import { evaluateCaseFiles, importDocumentList } from '../src/lib/server/files';

const program = new Command('files').description('电子案卷 / electronic case file').showHelpAfterError();

program
	.command('import-list <file>')
	.description('导入案卷材料清单 / import a document list')
	.option('--db <path>', '数据库文件 / database file')
	.option('--json', 'JSON 输出 / JSON output')
	.action(async (file: string, o: { db?: string; json?: boolean }) => {
		const r = await withCliDb(o.db, async (db) => importDocumentList(db, await inForceCatalog(db), file, `cli:${userInfo().username}`));
		if (o.json) return console.log(JSON.stringify(r));
		console.log(`${r.file}：共 ${r.rows} 行，导入 ${r.imported} 条，已有 ${r.unchanged} 条，无法读取 ${r.rejected.length} 行（批次 ${r.batch}）`);
		for (const x of r.rejected) console.log(`  第 ${x.line} 行：${x.reasons.join('；')}`);
		if (r.rejected.length) process.exitCode = 3;
	});

program
	.command('evaluate')
	.description('案卷评查：按部门统计并列出不齐全的案卷 / case-file evaluation by branch')
	.option('--db <path>', '数据库文件 / database file')
	.option('--year <year>', '年度 / year', positiveInt)
	.option('--department <name>', '承办部门 / branch')
	.option('--json', 'JSON 输出 / JSON output')
	.action(async (o: { db?: string; year?: number; department?: string; json?: boolean }) => {
		const e = await withCliDb(o.db, async (db) => evaluateCaseFiles(db, await inForceCatalog(db), { year: o.year, department: o.department }));
		if (o.json) return console.log(JSON.stringify(e));
		for (const b of e.branches)
			console.log(
				`${b.department}：电子案卷 ${b.withFile} 件，齐全 ${b.complete}，不齐全 ${b.incomplete}，平均评分 ${b.averageScore ?? '—'}；未建电子案卷 ${b.withoutFile} 件`
			);
		for (const r of e.incomplete)
			console.log(`  ${r.case_id} ${r.department} 评分 ${r.score} 缺少 ${r.missing.join('、') || '—'} 顺序不符 ${r.outOfOrder.join('、') || '—'}`);
	});

program.parseAsync().catch((e: unknown) => {
	console.error(e instanceof Error ? e.message : String(e));
	process.exit(1);
});
