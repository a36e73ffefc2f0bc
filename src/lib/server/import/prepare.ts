import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sniffFile, type Sniffed, type TextEncoding } from './decode';
import { RecordIndexer, type RecordIndex } from './records';
import { scanFile, transcode } from './transcode';
import { msg } from '../../i18n/message';
import { FORMAT_HEAD_BYTES, tableFormat, type TableFormat } from '../../domain/table-format';
import { legacySheetToCsv } from './legacy-sheets';
import { xlsxToCsv } from './xlsx-sheet';
import { UnreadableFileError } from './unreadable';

export { UnreadableFileError };

/** What the pass over the file found besides the text: for the batch record and the line numbers. */
export interface FileScan {
	/** Where each record of the UTF-8 text starts. */
	records: RecordIndex;
	/** SHA-256 of the file as given. */
	sha256: string;
}

/** A workbook's format as recorded on its batch. */
export type WorkbookFormat = 'xlsx' | 'xls' | 'xml-2003' | 'html' | 'ods';

/** What DuckDB reads: always a UTF-8 file, with the encoding it came in and, for a workbook, each record's sheet row. */
export interface PreparedFile {
	csvPath: string;
	encoding: TextEncoding | WorkbookFormat;
	/** For a workbook: the worksheet row of each written record (CSV files get their lines from the record index). */
	sheetRows: number[] | null;
	/**
	 * A workbook leaves out a row's empty cells at its end (ExcelJS and SheetJS alike), so a short row is padded
	 * with empty cells rather than refused; only text files can have a row that is really short.
	 */
	padShortRows: boolean;
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

/** The encoding as reported to people: GB18030, UTF-8, UTF-16LE, XLSX, XLS, XML-2003. */
export function encodingLabel(encoding: PreparedFile['encoding']): string {
	return encoding.toUpperCase();
}

/** The file's first bytes and, for a ZIP file, the entry names its central directory (the last 64 KB) holds. */
export function formatOf(path: string): TableFormat {
	const fd = openSync(path, 'r');
	try {
		const head = Buffer.alloc(FORMAT_HEAD_BYTES);
		const n = readSync(fd, head, 0, FORMAT_HEAD_BYTES, 0);
		const start = head.subarray(0, n);
		if (!(start[0] === 0x50 && start[1] === 0x4b)) return tableFormat(start);
		const size = fstatSync(fd).size;
		const tail = Buffer.alloc(Math.min(size, 65536));
		readSync(fd, tail, 0, tail.length, size - tail.length);
		return tableFormat(start, tail.toString('latin1'));
	} finally {
		closeSync(fd);
	}
}

const WORKBOOK_FORMAT: Record<Exclude<TableFormat, 'text' | 'xlsx'>, WorkbookFormat> = { ole: 'xls', spreadsheetml: 'xml-2003', html: 'html', zip: 'ods' };

export interface PrepareOptions {
	encoding?: string;
	sheet?: string;
	/** Also hash the file and index its records, in the same pass (an import needs both; a preview neither). */
	scan?: boolean;
	/** Bytes of the given file read by the pass that transcodes it or, for UTF-8, the one that scans it, and the records (rows) it has read so far. */
	onBytes?: (n: number, stage: 'decode' | 'scan', records: number) => void;
}

/**
 * Makes a UTF-8 copy when the file is not UTF-8 (streamed, never whole in memory); XLSX becomes CSV. With `scan`,
 * the same pass hashes the file and indexes the records, so that a large file is read once rather than three times.
 */
export async function prepareFile(path: string, options: PrepareOptions = {}): Promise<PreparedFile> {
	const dir = mkdtempSync(join(tmpdir(), 'equitas-import-'));
	const cleanup = () => rmSync(dir, { recursive: true, force: true });
	const decodeBytes = (n: number, records: number) => options.onBytes?.(n, 'decode', records);
	const scanBytes = (n: number, records: number) => options.onBytes?.(n, 'scan', records);
	try {
		const format = formatOf(path);
		if (format !== 'text') {
			const csvPath = join(dir, 'sheet.csv');
			const sheetRows =
				format === 'xlsx'
					? await xlsxToCsv(path, csvPath, options.sheet).catch((e: unknown) => {
							if (e instanceof UnreadableFileError) throw e;
							throw new UnreadableFileError(msg('err.import.xlsx', { detail: e instanceof Error ? e.message : String(e) }));
						})
					: await legacySheetToCsv(path, csvPath, options.sheet, format);
			let scan: FileScan | null = null;
			if (options.scan) {
				// Progress counts the workbook's bytes, which the sheet's CSV does not have: a workbook is small anyway.
				const indexer = new RecordIndexer();
				await scanFile(csvPath, indexer);
				scan = { records: indexer.finish(), sha256: await scanFile(path, null) };
			}
			return { csvPath, encoding: format === 'xlsx' ? 'xlsx' : WORKBOOK_FORMAT[format], sheetRows, scan, padShortRows: true, cleanup };
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
			return { csvPath: path, encoding: 'utf-8', sheetRows: null, scan, padShortRows: false, cleanup: () => undefined };
		}
		const csvPath = join(dir, 'utf8.csv');
		const { records, sha256 } = await transcode(path, statSync(path).size, sniffed, csvPath, decodeBytes);
		return { csvPath, encoding: sniffed.encoding, sheetRows: null, scan: options.scan ? { records, sha256 } : null, padShortRows: false, cleanup };
	} catch (e) {
		cleanup();
		throw e;
	}
}
