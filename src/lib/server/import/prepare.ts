import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { sniffFile, type Sniffed, type TextEncoding } from './decode';
import { RecordIndexer, type RecordIndex } from './records';
import { scanFile, transcode } from './transcode';
import { LocalizedError } from '../../i18n/error';
import { msg, type Text } from '../../i18n/message';

/** What the pass over the file found besides the text: for the batch record and the line numbers. */
export interface FileScan {
	/** Where each record of the UTF-8 text starts. */
	records: RecordIndex;
	/** SHA-256 of the file as given. */
	sha256: string;
}

/** What DuckDB reads: always a UTF-8 file, with the encoding it came in and, for XLSX, each record's sheet row. */
export interface PreparedFile {
	csvPath: string;
	encoding: TextEncoding | 'xlsx';
	/** For XLSX: the worksheet row of each written record (CSV files get their lines from the record index). */
	sheetRows: number[] | null;
	/** Present when asked for (options.scan). */
	scan: FileScan | null;
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

export class UnreadableFileError extends LocalizedError {
	constructor(text: Text) {
		super(text);
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
	if (!found) throw new UnreadableFileError(sheet === undefined ? msg('err.import.noSheets') : msg('err.import.noSheet', { sheet }));
	return rows;
}

export interface PrepareOptions {
	encoding?: string;
	sheet?: string;
	/** Also hash the file and index its records, in the same pass (an import needs both; a preview neither). */
	scan?: boolean;
	/** Bytes of the given file read by the pass that transcodes it or, for UTF-8, the one that scans it. */
	onBytes?: (n: number, stage: 'decode' | 'scan') => void;
}

/**
 * Makes a UTF-8 copy when the file is not UTF-8 (streamed, never whole in memory); XLSX becomes CSV. With `scan`,
 * the same pass hashes the file and indexes the records, so that a large file is read once rather than three times.
 */
export async function prepareFile(path: string, options: PrepareOptions = {}): Promise<PreparedFile> {
	const dir = mkdtempSync(join(tmpdir(), 'equitas-import-'));
	const cleanup = () => rmSync(dir, { recursive: true, force: true });
	const decodeBytes = (n: number) => options.onBytes?.(n, 'decode');
	const scanBytes = (n: number) => options.onBytes?.(n, 'scan');
	try {
		if (isXlsx(path)) {
			const csvPath = join(dir, 'sheet.csv');
			const sheetRows = await xlsxToCsv(path, csvPath, options.sheet).catch((e: unknown) => {
				if (e instanceof UnreadableFileError) throw e;
				throw new UnreadableFileError(msg('err.import.xlsx', { detail: e instanceof Error ? e.message : String(e) }));
			});
			let scan: FileScan | null = null;
			if (options.scan) {
				// Progress counts the workbook's bytes, which the sheet's CSV does not have: a workbook is small anyway.
				const indexer = new RecordIndexer();
				await scanFile(csvPath, indexer);
				scan = { records: indexer.finish(), sha256: await scanFile(path, null) };
			}
			return { csvPath, encoding: 'xlsx', sheetRows, scan, cleanup };
		}
		let sniffed: Sniffed;
		if (options.encoding) {
			const enc = ENCODING_NAMES[options.encoding.toLowerCase()];
			if (!enc) throw new UnreadableFileError(msg('err.import.encoding', { encoding: options.encoding }));
			const auto = sniffFile(path);
			sniffed = { encoding: enc, bom: auto.encoding === enc ? auto.bom : 0 };
		} else sniffed = sniffFile(path);
		if (sniffed.encoding === 'utf-8') {
			cleanup();
			let scan: FileScan | null = null;
			if (options.scan) {
				const indexer = new RecordIndexer();
				const sha256 = await scanFile(path, indexer, scanBytes);
				scan = { records: indexer.finish(), sha256 };
			}
			return { csvPath: path, encoding: 'utf-8', sheetRows: null, scan, cleanup: () => undefined };
		}
		const csvPath = join(dir, 'utf8.csv');
		const { records, sha256 } = await transcode(path, statSync(path).size, sniffed, csvPath, decodeBytes);
		return { csvPath, encoding: sniffed.encoding, sheetRows: null, scan: options.scan ? { records, sha256 } : null, cleanup };
	} catch (e) {
		cleanup();
		throw e;
	}
}
