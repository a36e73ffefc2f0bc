import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { csvCell, xlsxCell, type Column } from './columns';

/** The file formats of an export: one JSON array, one JSON object a line, CSV, XLSX. */
export const EXPORT_FORMATS = ['json', 'jsonl', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** An XLSX sheet holds 1,048,576 rows; one is the header. */
export const XLSX_MAX_ROWS = 1_048_575;

/** The reader went away (a download cancelled): the export stops and gives its database connection back. */
export class ExportAborted extends Error {}

/** Writes and waits when the stream's buffer is full, so that a million rows never sit in memory at once. */
async function put(out: Writable, text: string): Promise<void> {
	if (out.destroyed) throw new ExportAborted('导出已中止 / export aborted');
	if (out.write(text)) return;
	// A stream destroyed while full never drains: its close ends the wait too.
	await new Promise<void>((resolve, reject) => {
		const drained = () => (out.off('close', closed), resolve());
		const closed = () => (out.off('drain', drained), reject(new ExportAborted('导出已中止 / export aborted')));
		out.once('drain', drained);
		out.once('close', closed);
	});
}

/**
 * Writes the records in a format to `out`, chunk by chunk, and returns how many rows it wrote. `out` is not ended
 * (stdout must not be). CSV is UTF-8 with a byte-order mark and CRLF, as Excel opens Chinese text correctly.
 */
export async function writeRecords<R extends object>(
	records: AsyncIterable<R[]>,
	columns: readonly Column<R>[],
	format: ExportFormat,
	out: Writable,
	options: { title?: string; onRows?: (rows: number) => void } = {}
): Promise<number> {
	let n = 0;
	const title = options.title ?? 'export';
	if (format === 'xlsx') return writeXlsx(records, columns, out, title, options.onRows);
	if (format === 'csv') await put(out, '\uFEFF' + Papa.unparse([columns.map((c) => c.header)], { quotes: true, newline: '\r\n' }) + '\r\n');
	if (format === 'json') await put(out, '[');
	for await (const chunk of records) {
		if (chunk.length === 0) continue;
		let text: string;
		if (format === 'csv') {
			text = Papa.unparse(
				chunk.map((r) => columns.map((c) => csvCell(c, r))),
				{ quotes: true, newline: '\r\n' }
			);
			text += '\r\n';
		} else if (format === 'jsonl') text = chunk.map((r) => JSON.stringify(r)).join('\n') + '\n';
		else text = (n === 0 ? '\n' : ',\n') + chunk.map((r) => JSON.stringify(r)).join(',\n');
		n += chunk.length;
		await put(out, text);
		options.onRows?.(n);
	}
	if (format === 'json') await put(out, n === 0 ? ']\n' : '\n]\n');
	return n;
}

/** XLSX written as a stream (rows committed as they come, strings inline), frozen header, money with two decimals. */
async function writeXlsx<R extends object>(
	records: AsyncIterable<R[]>,
	columns: readonly Column<R>[],
	out: Writable,
	title: string,
	onRows?: (rows: number) => void
): Promise<number> {
	const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
	wb.title = title;
	const ws = wb.addWorksheet(title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
	ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: Math.min(40, Math.max(10, [...c.header].length * 2 + 2)) }));
	columns.forEach((c, i) => {
		if (c.money) ws.getColumn(i + 1).numFmt = '#,##0.00';
	});
	ws.getRow(1).font = { bold: true };
	ws.getRow(1).commit();
	let n = 0;
	for await (const chunk of records) {
		if (out.destroyed) throw new ExportAborted('导出已中止 / export aborted');
		for (const r of chunk) {
			if (n >= XLSX_MAX_ROWS)
				throw new Error(`XLSX 一张表最多 ${XLSX_MAX_ROWS} 行，请改用 CSV 或按年份导出 / an XLSX sheet holds at most ${XLSX_MAX_ROWS} rows: use CSV or --year`);
			ws.addRow(columns.map((c) => xlsxCell(c, r))).commit();
			n++;
		}
		onRows?.(n);
	}
	ws.commit();
	await wb.commit();
	return n;
}
