import { createWriteStream } from 'node:fs';
import Papa from 'papaparse';

/** A workbook row that lost its empty trailing cells, given them back up to the header's width. */
export function padToWidth(cells: string[], width: number): string[] {
	return cells.length < width ? [...cells, ...Array<string>(width - cells.length).fill('')] : cells;
}

/**
 * A worksheet written out as CSV for DuckDB to read, as every workbook reader writes it: each row cut after its last
 * non-empty cell (the readers pad short rows to the header again, PreparedFile.padShortRows), empty rows left out,
 * and the sheet row of each record written kept for the line numbers of the quarantine.
 */
export class SheetCsv {
	private readonly stream;
	readonly sheetRows: number[] = [];

	constructor(out: string) {
		this.stream = createWriteStream(out);
	}

	async row(cells: readonly string[], sheetRow: number): Promise<void> {
		let end = cells.length;
		while (end > 0 && cells[end - 1]!.trim() === '') end--;
		if (end === 0) return;
		this.sheetRows.push(sheetRow);
		if (!this.stream.write(Papa.unparse([cells.slice(0, end)], { newline: '\n' }) + '\n'))
			await new Promise<void>((ok) => this.stream.once('drain', () => ok()));
	}

	/** Flushes the file; the sheet rows of the records written. */
	async close(): Promise<number[]> {
		await new Promise<void>((resolve, reject) => this.stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
		return this.sheetRows;
	}
}
