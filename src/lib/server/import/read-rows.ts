import Papa from 'papaparse';
import type { Readable } from 'node:stream';
import { headerScore } from '../../domain/headers';

export interface SheetRows {
	/** Rows above the header (report titles such as 「2023年行政处罚案件台账」). */
	titleRows: string[][];
	header: string[];
	/** Data rows after the header, with their 1-based row number in the file's records. */
	rows: AsyncIterable<{ cells: string[]; rowNumber: number }>;
}

const HEADER_SEARCH_ROWS = 20;

/**
 * Parses delimited text (the delimiter is detected) and finds the header row below any title rows: the first of
 * the first rows in which at least `minHeaders` cells are known case headers.
 */
export async function readSheet(text: NodeJS.ReadableStream, score: (cells: readonly string[]) => number = headerScore, minHeaders = 3): Promise<SheetRows> {
	const parser = text.pipe(Papa.parse(Papa.NODE_STREAM_INPUT, { skipEmptyLines: 'greedy' }) as NodeJS.WritableStream & Readable);
	const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
	const head: string[][] = [];
	let headerAt = -1;
	while (head.length < HEADER_SEARCH_ROWS) {
		const next = await iterator.next();
		if (next.done) break;
		head.push(next.value);
		if (score(next.value) >= minHeaders) {
			headerAt = head.length - 1;
			break;
		}
	}
	if (headerAt < 0) {
		parser.destroy();
		throw new Error(`在前 ${HEADER_SEARCH_ROWS} 行中没有找到表头（至少 ${minHeaders} 个可识别的列名）`);
	}
	const header = head[headerAt] ?? [];
	let rowNumber = headerAt + 1;
	async function* rows() {
		for (;;) {
			const next = await iterator.next();
			if (next.done) return;
			rowNumber++;
			yield { cells: next.value, rowNumber };
		}
	}
	return { titleRows: head.slice(0, headerAt), header, rows: rows() };
}
