import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { sniffFile, type Sniffed, type TextEncoding } from './decode';

/** What DuckDB reads: always a UTF-8 file, with the encoding it came in and, for XLSX, each record's sheet row. */
export interface PreparedFile {
	csvPath: string;
	encoding: TextEncoding | 'xlsx';
	/** For XLSX: the worksheet row of each written record (CSV files get their lines from the record index). */
	sheetRows: number[] | null;
	cleanup(): void;
}

export const ENCODING_NAMES: Record<string, TextEncoding> = {
	'utf-8': 'utf-8',
	utf8: 'utf-8',
	'utf-16le': 'utf-16le',
	'utf-16': 'utf-16le',
	'utf-16be': 'utf-16be',
	gbk: 'gb18030',
	gb2312: 'gb18030',
	gb18030: 'gb18030'
};

/** The encoding as reported to people: GB18030, UTF-8, UTF-16LE, XLSX. */
export function encodingLabel(encoding: PreparedFile['encoding']): string {
	return encoding.toUpperCase();
}

export class UnreadableFileError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UnreadableFileError';
	}
}

export function isXlsx(path: string): boolean {
	return extname(path).toLowerCase() === '.xlsx';
}

/** Excel dates arrive as UTC midnight: the calendar date, never shifted by the server's time zone. */
function cellText(v: ExcelJS.CellValue): string {
	if (v === null || v === undefined) return '';
	if (v instanceof Date) return v.toISOString().slice(0, 10);
	if (typeof v === 'object') {
		if ('richText' in v) return v.richText.map((r) => r.text).join('');
		if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
		if ('text' in v) return String(v.text);
		if ('error' in v) return String(v.error);
	}
	return String(v);
}

async function xlsxToCsv(path: string, out: string, sheet: string | undefined): Promise<number[]> {
	const rows: number[] = [];
	const stream = createWriteStream(out);
	const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
		worksheets: 'emit',
		sharedStrings: 'cache',
		styles: 'cache',
		hyperlinks: 'ignore',
		entries: 'emit'
	});
	let index = 0;
	let found = false;
	for await (const ws of reader) {
		index++;
		const w = ws as unknown as AsyncIterable<ExcelJS.Row> & { name?: string };
		const wanted = sheet === undefined ? index === 1 : sheet === String(index) || sheet === w.name;
		if (!wanted) {
			for await (const _ of w) void _; // a skipped sheet still has to be read past
			continue;
		}
		found = true;
		for await (const row of w) {
			const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
			if (values.every((v) => v.trim() === '')) continue;
			rows.push(row.number);
			if (!stream.write(Papa.unparse([values], { newline: '\n' }) + '\n')) await new Promise<void>((r) => stream.once('drain', () => r()));
		}
	}
	await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
	if (!found) throw new UnreadableFileError(sheet === undefined ? '工作簿中没有工作表' : `工作簿中没有名为或序号为「${sheet}」的工作表`);
	return rows;
}

/** Makes a UTF-8 copy when the file is not UTF-8 (streamed, never whole in memory); XLSX becomes CSV. */
export async function prepareFile(path: string, options: { encoding?: string; sheet?: string; onBytes?: (n: number) => void } = {}): Promise<PreparedFile> {
	const dir = mkdtempSync(join(tmpdir(), 'equitas-import-'));
	const cleanup = () => rmSync(dir, { recursive: true, force: true });
	try {
		if (isXlsx(path)) {
			const csvPath = join(dir, 'sheet.csv');
			const sheetRows = await xlsxToCsv(path, csvPath, options.sheet).catch((e: unknown) => {
				if (e instanceof UnreadableFileError) throw e;
				throw new UnreadableFileError(`无法读取 XLSX 文件：${e instanceof Error ? e.message : String(e)}`);
			});
			return { csvPath, encoding: 'xlsx', sheetRows, cleanup };
		}
		let sniffed: Sniffed;
		if (options.encoding) {
			const enc = ENCODING_NAMES[options.encoding.toLowerCase()];
			if (!enc) throw new UnreadableFileError(`不支持的编码「${options.encoding}」（可用：UTF-8、UTF-16LE、UTF-16BE、GBK、GB18030）`);
			const auto = sniffFile(path);
			sniffed = { encoding: enc, bom: auto.encoding === enc ? auto.bom : 0 };
		} else sniffed = sniffFile(path);
		if (sniffed.encoding === 'utf-8') {
			cleanup();
			return { csvPath: path, encoding: 'utf-8', sheetRows: null, cleanup: () => undefined };
		}
		const csvPath = join(dir, 'utf8.csv');
		const count = new Transform({
			transform(chunk: Buffer, _enc, done) {
				options.onBytes?.(chunk.length);
				done(null, chunk);
			}
		});
		await pipeline(
			createReadStream(path, { start: sniffed.bom, highWaterMark: 1 << 20 }),
			count,
			iconv.decodeStream(sniffed.encoding),
			iconv.encodeStream('utf-8'),
			createWriteStream(csvPath)
		);
		return { csvPath, encoding: sniffed.encoding, sheetRows: null, cleanup };
	} catch (e) {
		cleanup();
		throw e;
	}
}
