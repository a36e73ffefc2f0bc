/**
 * The importer from the command line (a contract other tools depend on):
 *   npm run -s import -- FILE [--kind cases|roster|publications] [--db PATH] [--profile NAME] [--encoding ENC] [--sheet NAME] [--json]
 *   npm run -s import -- undo BATCH [--db PATH]
 *   npm run -s import -- batches [--db PATH] [--json]
 * Exit 0 when the file was read (even with quarantined rows); non-zero with a message when it could not be read.
 */
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Command, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { withCliDb } from './cli-options';
import { inForceCatalog } from '../src/lib/server/catalog';
import { importCases, importPublications, importRoster, listBatches, undoBatch, type ImportProgress } from '../src/lib/server/import';
import { IMPORT_WARNINGS } from '../src/lib/domain/import-warnings';
import { QUARANTINE_CODES, type ReasonCounts } from '../src/lib/domain/import-reasons';
import { bilingual, translator } from '../src/lib/i18n';
import { LocalizedError } from '../src/lib/i18n/error';
import { agencyTime } from '../src/lib/format';

const zh = translator('zh-CN');
const en = translator('en');

const actor = `cli:${userInfo().username}`;
const STAGE: Record<ImportProgress['stage'], string> = {
	decode: '转码',
	scan: '扫描',
	read: '读取',
	normalize: '规范化',
	check: '校验',
	write: '写入',
	done: '完成'
};

function progressBar(): { onProgress: (p: ImportProgress) => void; stop: () => void } {
	if (!process.stderr.isTTY) {
		// Not a terminal (a log file, another program): one line per stage instead of a bar.
		let last = '';
		return {
			onProgress: (p) => {
				if (p.stage !== last) process.stderr.write(`${new Date().toISOString()} ${STAGE[p.stage]}${p.rows ? ` ${p.rows} 行` : ''}\n`);
				last = p.stage;
			},
			stop: () => undefined
		};
	}
	const bar = new SingleBar(
		{ format: '{stage} {bar} {percentage}% | 已读 {rows} 行 rows read | {rate} 行/秒', stream: process.stderr, hideCursor: true },
		Presets.shades_classic
	);
	const started = Date.now();
	let rows = 0;
	bar.start(100, 0, { stage: '开始', rows: 0, rate: 0 });
	return {
		onProgress: (p) => {
			if (p.rows) rows = p.rows;
			const pct = p.totalBytes && p.bytes !== undefined ? Math.round((100 * p.bytes) / p.totalBytes) : p.stage === 'done' ? 100 : 0;
			bar.update(pct, { stage: STAGE[p.stage], rows, rate: Math.round(rows / ((Date.now() - started) / 1000 || 1)) });
		},
		stop: () => bar.stop()
	};
}

/** How many rows each reason sent to quarantine, by code, in both languages. */
function printQuarantineReasons(counts: ReasonCounts): void {
	for (const code of QUARANTINE_CODES) {
		const n = counts[code];
		// A reason's text names the field and the value; the summary names only the kind of problem.
		if (n) console.log(`隔离原因 / quarantined for [${code}]: ${zh(`import.reasonKind.${code}`)} / ${en(`import.reasonKind.${code}`)}: ${n}`);
	}
}

async function importFile(
	file: string,
	o: { kind: 'cases' | 'roster' | 'publications'; db?: string; profile?: string; encoding?: string; sheet?: string; json?: boolean }
): Promise<void> {
	if (!existsSync(file)) throw new Error(`找不到文件：${file} / no such file`);
	await withCliDb(o.db, async (db) => {
		const bar = progressBar();
		try {
			if (o.kind === 'roster') {
				const r = await importRoster(db, file, { user: actor, encoding: o.encoding, sheet: o.sheet });
				bar.stop();
				if (o.json) console.log(JSON.stringify(r));
				else {
					console.log(
						`第 ${r.batch} 批次：${r.file}（${r.encoding}）读取 ${r.rows} 行：新增 ${r.imported}，更新 ${r.updated}，未变 ${r.unchanged}，隔离 ${r.quarantined}；现有执法人员 ${r.officers_total} 名`
					);
					printQuarantineReasons(r.quarantine_reasons);
				}
				return;
			}
			if (o.kind === 'publications') {
				// Other agencies' published decisions: reference only, kept apart from the agency's cases.
				const r = await importPublications(db, file, {
					user: actor,
					profile: o.profile,
					encoding: o.encoding,
					sheet: o.sheet,
					catalog: await inForceCatalog(db)
				});
				bar.stop();
				if (o.json) console.log(JSON.stringify(r));
				else {
					console.log(
						`第 ${r.batch} 批次（处罚公示）：${r.file}（${r.encoding}）读取 ${r.rows} 行：新增 ${r.imported}，未变 ${r.unchanged}，隔离 ${r.quarantined}；罚款从处罚内容读出 ${r.fines_from_text} 条；新的违法行为表述 ${r.violations.texts} 种，对应到事项 ${r.violations.matched} 种；现有公示决定 ${r.publications_total} 条${r.profile ? `；映射方案「${r.profile}」` : ''}`
					);
					printQuarantineReasons(r.quarantine_reasons);
				}
				return;
			}
			const r = await importCases(db, file, await inForceCatalog(db), {
				user: actor,
				profile: o.profile,
				encoding: o.encoding,
				sheet: o.sheet,
				onProgress: bar.onProgress
			});
			bar.stop();
			const { batch, file: name, encoding, rows, imported, updated, unchanged, quarantined, skipped, warnings, quarantine_reasons, cases_total } = r;
			if (o.json)
				console.log(
					JSON.stringify({ batch, file: name, encoding, rows, imported, updated, unchanged, quarantined, skipped, warnings, quarantine_reasons, cases_total })
				);
			else {
				console.log(
					`第 ${batch} 批次：${name}（${encoding}）读取 ${rows} 行：新增 ${imported}，更新 ${updated}，未变 ${unchanged}，隔离 ${quarantined}，跳过 ${skipped}；现有案件 ${cases_total} 件（${r.seconds.toFixed(1)} 秒）`
				);
				if (skipped) console.log(`跳过的汇总行（合计/总计）/ total rows skipped: ${r.skippedLines.map((l) => l ?? '?').join('、')}`);
				for (const w of IMPORT_WARNINGS) {
					const n = warnings[w];
					if (n) console.log(`需核对 / to check: ${zh(`import.warning.${w}`)} / ${en(`import.warning.${w}`)}: ${n}`);
				}
				const unknown = r.columns.filter((c) => c.key === null && c.header.trim() !== '').map((c) => c.header);
				if (unknown.length) console.log(`未识别的列（原样保存，可在网页上指定对应字段）：${unknown.join('、')}`);
				printQuarantineReasons(quarantine_reasons);
				if (quarantined) console.log(`隔离的行可在网页「数据导入」中查看和下载，修正后重新导入。`);
			}
		} finally {
			bar.stop();
		}
	});
}

const argv = process.argv.slice(2);
const program = new Command('import').showHelpAfterError();

if (argv[0] === 'undo' || argv[0] === 'batches') {
	program
		.command('undo <batch>')
		.description('撤销一个批次 / undo a batch')
		.option('--db <path>', '数据库文件 / database file')
		.action(async (batch: string, o: { db?: string }) => {
			const id = Number(batch);
			if (!Number.isInteger(id) || id <= 0) throw new Error(`批次号应为正整数：${batch}`);
			await withCliDb(o.db, async (db) => {
				const r = await undoBatch(db, id, actor);
				console.log(`已撤销第 ${id} 批次：移除新增的 ${r.removed} 条，恢复被更新的原版本 ${r.restored} 条`);
			});
		});
	program
		.command('batches')
		.description('列出导入批次 / list batches')
		.option('--db <path>', '数据库文件 / database file')
		.option('--json', 'JSON 输出 / JSON output')
		.action(async (o: { db?: string; json?: boolean }) => {
			await withCliDb(o.db, async (db) => {
				const rows = await listBatches(db);
				if (o.json) return console.log(JSON.stringify(rows));
				for (const b of rows) {
					console.log(
						`#${String(b.id).padEnd(4)} ${agencyTime(b.started_at)}  ${b.kind.padEnd(6)} ${b.file_name}  读取 ${b.rows_read} 新增 ${b.imported} 更新 ${b.updated} 未变 ${b.unchanged} 隔离 ${b.quarantined}${b.undone_at ? `  已撤销（${agencyTime(b.undone_at)}）` : ''}`
					);
				}
			});
		});
} else {
	program
		.argument('<file>', 'CSV、TSV 或 XLSX 文件 / a CSV, TSV or XLSX file')
		.addOption(
			new Option('--kind <kind>', '案件、执法人员清单或处罚公示 / cases, roster or a penalty publicity list')
				.choices(['cases', 'roster', 'publications'])
				.default('cases')
		)
		.option('--db <path>', '数据库文件 / database file')
		.option('--profile <name>', '使用已保存的映射方案 / apply a saved mapping profile')
		.option('--encoding <enc>', '指定编码（UTF-8、UTF-16LE、GBK、GB18030）/ override the detected encoding')
		.option('--sheet <name>', 'XLSX 的工作表名称或序号 / XLSX worksheet name or number')
		.option('--json', '输出一个 JSON 对象 / print one JSON object')
		.action(importFile);
}

program.parseAsync(['node', 'import', ...argv]).catch((e: unknown) => {
	// A file we cannot read is said in both languages: what it is and how to save it so that it can be read.
	if (e instanceof LocalizedError) {
		const { zh, en } = bilingual(e.msg);
		console.error(`无法导入：${zh}\nImport failed: ${en}`);
	} else console.error(`无法导入 / import failed: ${e instanceof Error ? e.message : String(e)}`);
	process.exit(1);
});
