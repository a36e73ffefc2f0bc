import { openSync, readSync, closeSync } from 'node:fs';
import Papa from 'papaparse';
import { headerScore } from '../../domain/headers';
import { UnreadableFileError } from './prepare';
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

/**
 * Reads the start of a UTF-8 file: which delimiter makes a header row appear below the title rows, and on which
 * line that header ends. Title rows have a single cell, so the delimiter is chosen by the header, not guessed.
 */
export function readHead(csvPath: string, score: (cells: readonly string[]) => number = headerScore, minHeaders = 3): SheetHead {
	const text = readSample(csvPath);
	let best: SheetHead | null = null;
	let bestScore = 0;
	for (const delimiter of DELIMITERS) {
		const rows: { cells: string[]; cursor: number }[] = [];
		Papa.parse<string[]>(text, {
			delimiter,
			skipEmptyLines: 'greedy',
			step: (r, parser) => {
				rows.push({ cells: r.data.map((c) => c.replace(/\r$/, '')), cursor: r.meta.cursor });
				if (rows.length >= SEARCH_RECORDS + 10) parser.abort();
			}
		});
		const at = rows.slice(0, SEARCH_RECORDS).findIndex((r) => score(r.cells) >= minHeaders);
		if (at < 0) continue;
		const sc = score(rows[at]!.cells);
		if (sc > bestScore) {
			bestScore = sc;
			best = {
				delimiter,
				headerLines: (text.slice(0, rows[at]!.cursor).match(/\n/g) ?? []).length,
				header: rows[at]!.cells,
				titleRows: rows.slice(0, at).map((r) => r.cells),
				preview: rows.slice(at + 1, at + 11).map((r) => r.cells)
			};
		}
	}
	if (!best) throw new UnreadableFileError(msg('err.import.noHeader', { records: SEARCH_RECORDS, min: minHeaders }));
	return best;
}
