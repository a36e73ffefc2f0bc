/**
 * Exports from the command line (a contract other tools depend on):
 *   npm run -s export -- cases|publications [--db PATH] [--year Y] [--json | --jsonl | --csv FILE | --xlsx FILE] [--unmasked]
 * Without a format: JSONL on standard output. The command is run by the server's operator, who holds the database
 * file: natural persons' names and ID numbers are still masked unless --unmasked asks otherwise, and every export,
 * masked or not, goes on the audit record under the operator's account name.
 * Exit 0 when written; 2 for a bad command (kind, year, options) or a file that cannot be written; 1 otherwise.
 */
import { openSync, createWriteStream, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { userInfo } from 'node:os';
import { Command, CommanderError } from 'commander';
import { withCliDb } from './cli-options';
import { EXPORT_KINDS, exportForOperator, ExportTooLarge, type ExportFormat, type ExportKind } from '../src/lib/server/export';

/** A mistake in the command or its file: said in one line, in both languages, with exit code 2. */
class UsageError extends Error {}

const actor = { username: `cli:${userInfo().username}` };

interface Options {
	db?: string;
	year?: string;
	json?: boolean;
	jsonl?: boolean;
	csv?: string;
	xlsx?: string;
	unmasked?: boolean;
}

function kindOf(s: string): ExportKind {
	if ((EXPORT_KINDS as readonly string[]).includes(s)) return s as ExportKind;
	throw new UsageError(`未知的导出类型「${s}」，应为 cases 或 publications / unknown kind "${s}": use cases or publications`);
}

function yearOf(s: string | undefined): number | undefined {
	if (s === undefined) return undefined;
	const y = Number(s);
	if (!/^\d{4}$/.test(s) || y < 1949 || y > 2200)
		throw new UsageError(`年份无效「${s}」，应为四位数年份，如 2024 / bad year "${s}": use a four-digit year such as 2024`);
	return y;
}

function formatOf(o: Options): { format: ExportFormat; file: string | null } {
	const chosen = [
		o.json ? { format: 'json' as const, file: null } : null,
		o.jsonl ? { format: 'jsonl' as const, file: null } : null,
		o.csv !== undefined ? { format: 'csv' as const, file: o.csv } : null,
		o.xlsx !== undefined ? { format: 'xlsx' as const, file: o.xlsx } : null
	].filter((c) => c !== null);
	if (chosen.length > 1) throw new UsageError('--json、--jsonl、--csv、--xlsx 只能选一个 / choose one of --json, --jsonl, --csv, --xlsx');
	return chosen[0] ?? { format: 'jsonl', file: null };
}

/** Opens the file now, before the database: a path that cannot be written is refused before any work. */
function openOutput(file: string): WriteStream {
	try {
		return createWriteStream(file, { fd: openSync(file, 'w') });
	} catch (e) {
		const reason = e instanceof Error && 'code' in e ? String(e.code) : String(e);
		throw new UsageError(`无法写入文件「${file}」（${reason}）/ cannot write "${file}" (${reason})`);
	}
}

async function run(kindArg: string, o: Options): Promise<void> {
	const kind = kindOf(kindArg);
	const year = yearOf(o.year);
	const { format, file } = formatOf(o);
	const out = file === null ? process.stdout : openOutput(file);
	const started = Date.now();
	let shown = 0;
	// A file takes a while at a million rows: the count on the terminal, about once a second.
	const onRows =
		file !== null && process.stderr.isTTY
			? (n: number) => {
					if (Date.now() - shown < 1000) return;
					shown = Date.now();
					process.stderr.write(`\r已导出 ${n} 行 / rows written`);
				}
			: undefined;
	try {
		const r = await withCliDb(o.db, (db) => exportForOperator(db, actor, { kind, format, year, unmasked: o.unmasked === true, onRows }, out));
		if (file !== null) {
			const stream = out as WriteStream;
			if (!stream.writableEnded) stream.end();
			if (!stream.writableFinished) await once(stream, 'finish');
			if (onRows) process.stderr.write('\r');
			console.log(
				`已写出 ${r.rows} 行到 ${file}（${((Date.now() - started) / 1000).toFixed(1)} 秒${o.unmasked ? '，未脱敏' : ''}）/ wrote ${r.rows} rows to ${file}`
			);
		}
	} catch (e) {
		// No half-written file is left behind to be taken for a whole export.
		if (file !== null) {
			(out as WriteStream).destroy();
			rmSync(file, { force: true });
		}
		throw e;
	}
}

const program = new Command('export')
	.description('导出案件或处罚公示 / export cases or published decisions')
	.argument('<kind>', 'cases 或 publications / cases or publications')
	.option('--db <path>', '数据库文件 / database file')
	.option(
		'--year <year>',
		'年度：案件按决定日期（无则立案日期），公示按处罚决定日期 / year: of the decision (else filing) for cases, of the decision for publications'
	)
	.option('--json', '输出一个 JSON 数组 / print one JSON array')
	.option('--jsonl', '每行一个 JSON 对象（默认）/ one JSON object a line (the default)')
	.option('--csv <file>', '写出 CSV 文件（UTF-8，带 BOM）/ write a CSV file (UTF-8 with BOM)')
	.option('--xlsx <file>', '写出 XLSX 文件 / write an XLSX file')
	.option('--unmasked', '不脱敏（记入审计日志）/ names and ID numbers in full (recorded in the audit log)')
	.action(run)
	.exitOverride()
	.configureOutput({ writeErr: () => undefined });

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
	// A reader that stops early (| head) is not a failure of the export.
	if (e.code === 'EPIPE') process.exit(0);
});

program.parseAsync(process.argv).catch((e: unknown) => {
	if (e instanceof CommanderError) {
		if (e.exitCode === 0) process.exit(0);
		console.error(
			`命令有误 / bad command: ${e.message.replace(/^error: /, '')}（用法 / usage: npm run -s export -- cases|publications [--year Y] [--json | --jsonl | --csv FILE | --xlsx FILE]）`
		);
		process.exit(2);
	}
	if (e instanceof UsageError || e instanceof ExportTooLarge) {
		console.error(e.message);
		process.exit(2);
	}
	console.error(`无法导出 / export failed: ${e instanceof Error ? e.message : String(e)}`);
	process.exit(1);
});
