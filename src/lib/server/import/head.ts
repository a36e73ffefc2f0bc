import { openSync, readSync, closeSync } from 'node:fs';
import Papa from 'papaparse';
import { headerScore } from '../../domain/headers';
import { UnreadableFileError } from './unreadable';
import { lit } from '../db';
import { msg } from '../../i18n/message';

export interface SheetHead {
	delimiter: string;
	/** Physical lines up to and including the header: what the reader skips. */
	headerLines: number;
	header: string[];
	/** Records above the header: report titles. */
	titleRows: string[][];
	/** The first data rows, for a preview. */
	preview: string[][];
}

const HEAD_BYTES = 256 * 1024;
const SEARCH_RECORDS = 20;
const DELIMITERS = [',', '\t', ';', '|'];

function readSample(csvPath: string): string {
	const fd = openSync(csvPath, 'r');
	try {
		const buf = Buffer.alloc(HEAD_BYTES);
		const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
		let text = buf
			.subarray(0, n)
			.toString('utf8')
			.replace(/^\uFEFF/, '');
		// Drop a last line that the sample may have cut in half.
		if (n === HEAD_BYTES) text = text.slice(0, Math.max(text.lastIndexOf('\n') + 1, 0));
		return text;
	} finally {
		closeSync(fd);
	}
}

interface SampledRecord {
	cells: string[];
	cursor: number;
}

function sample(text: string, delimiter: string): SampledRecord[] {
	const rows: SampledRecord[] = [];
	Papa.parse<string[]>(text, {
		delimiter,
		skipEmptyLines: 'greedy',
		step: (r, parser) => {
			rows.push({ cells: r.data.map((c) => c.replace(/\r$/, '')), cursor: r.meta.cursor });
			if (rows.length >= SEARCH_RECORDS + 10) parser.abort();
		}
	});
	return rows;
}

function headFrom(text: string, delimiter: string, rows: SampledRecord[], at: number): SheetHead {
	return {
		delimiter,
		headerLines: (text.slice(0, rows[at]!.cursor).match(/\n/g) ?? []).length,
		header: rows[at]!.cells,
		titleRows: rows.slice(0, at).map((r) => r.cells),
		preview: rows.slice(at + 1, at + 11).map((r) => r.cells)
	};
}

/** The delimiter under which the first records have the most cells: for a file whose header is not recognised. */
function likelyDelimiter(text: string): string {
	let best = DELIMITERS[0]!;
	let most = 0;
	for (const d of DELIMITERS) {
		const width = Math.max(0, ...sample(text, d).map((r) => r.cells.length));
		if (width > most) [best, most] = [d, width];
	}
	return best;
}

/** Where to find the header: by recognised names (the default), or the record the analyst or a profile picked. */
export interface HeadOptions {
	score?: (cells: readonly string[]) => number;
	minHeaders?: number;
	/** 1-based position, among the file's non-empty records, of the header row; overrides recognition. */
	headerRow?: number;
	/** Column names the refusal gives as examples of what it looks for (the case ledger's by default). */
	examples?: string;
}

/** The first records of a file as they are, for an analyst to pick the header row when none is recognised. */
export function sampleHead(csvPath: string): { delimiter: string; records: string[][] } {
	const text = readSample(csvPath);
	const delimiter = likelyDelimiter(text);
	return {
		delimiter,
		records: sample(text, delimiter)
			.slice(0, SEARCH_RECORDS)
			.map((r) => r.cells)
	};
}

/**
 * Reads the start of a UTF-8 file: which delimiter makes a header row appear below the title rows, and on which
 * line that header ends. Title rows have a single cell, so the delimiter is chosen by the header, not guessed.
 * With `headerRow` the header is that record, under the delimiter that gives the widest records.
 */
export function readHead(csvPath: string, options: HeadOptions = {}): SheetHead {
	const { score = headerScore, minHeaders = 3, headerRow, examples = '「案件编号」「执法机关」「立案日期」' } = options;
	const text = readSample(csvPath);
	if (headerRow !== undefined) {
		const delimiter = likelyDelimiter(text);
		const rows = sample(text, delimiter);
		if (!Number.isInteger(headerRow) || headerRow < 1 || headerRow > Math.min(rows.length, SEARCH_RECORDS))
			throw new UnreadableFileError(msg('err.import.headerRow', { row: headerRow, records: Math.min(rows.length, SEARCH_RECORDS) }));
		return headFrom(text, delimiter, rows, headerRow - 1);
	}
	let best: SheetHead | null = null;
	let bestScore = 0;
	for (const delimiter of DELIMITERS) {
		const rows = sample(text, delimiter);
		const at = rows.slice(0, SEARCH_RECORDS).findIndex((r) => score(r.cells) >= minHeaders);
		if (at < 0) continue;
		const sc = score(rows[at]!.cells);
		if (sc > bestScore) {
			bestScore = sc;
			best = headFrom(text, delimiter, rows, at);
		}
	}
	if (!best) throw new NoHeaderError(msg('err.import.noHeader', { records: SEARCH_RECORDS, min: minHeaders, examples }));
	return best;
}

/**
 * DuckDB's reader of the rows below the header: every cell as text c0 … c(n-1), nothing guessed. `options` are the
 * caller's own (null_padding, rejects tables, error handling, buffer size).
 */
export function readRowsSql(csvPath: string, head: SheetHead, options: string): string {
	const columns = `{${head.header.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ')}}`;
	return `read_csv(${lit(csvPath)}, header = false, skip = ${head.headerLines}, all_varchar = true, auto_detect = false,
		delim = ${lit(head.delimiter)}, quote = '"', escape = '"', columns = ${columns}, max_line_size = 4000000, ${options})`;
}

/** No header was recognised: the page then offers to pick one, the command line to apply a profile. */
export class NoHeaderError extends UnreadableFileError {}
