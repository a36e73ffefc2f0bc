import { readFileSync, statSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import type { TableFormat } from '../../domain/table-format';
import { msg } from '../../i18n/message';
import { UnreadableFileError } from './unreadable';
import { SheetCsv } from './sheet-csv';

/**
 * Workbooks other than OOXML (Excel 97–2003 BIFF8, XML Spreadsheet 2003, HTML tables, OpenDocument) are read whole
 * by SheetJS, the only maintained reader of all of them. They cannot be streamed, so they are bounded: BIFF8 holds at
 * most 65,536 rows anyway, and a larger file is asked to be saved as XLSX, which is streamed.
 */
export const LEGACY_LIMIT_BYTES = 64 * 1024 * 1024;

/** The part of SheetJS's number-format library used here (its typings say `any`). */
interface DateCode {
	y: number;
	m: number;
	d: number;
	H: number;
	M: number;
	S: number;
}
const SSF = XLSX.SSF as { is_date(format: string): boolean; parse_date_code(serial: number): DateCode | null };

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function dateText(c: DateCode): string {
	const day = `${pad(c.y, 4)}-${pad(c.m)}-${pad(c.d)}`;
	return c.H || c.M || c.S ? `${day} ${pad(c.H)}:${pad(c.M)}:${pad(c.S)}` : day;
}

/** A cell as the text a person sees in it, dates as ISO dates (the calendar date written, never shifted by a time zone). */
function cellText(cell: XLSX.CellObject | undefined): string {
	if (!cell || cell.v === undefined || cell.v === null) return '';
	if (cell.t === 'n' && typeof cell.v === 'number' && cell.z !== undefined && SSF.is_date(String(cell.z))) {
		const code = SSF.parse_date_code(cell.v);
		if (code) return dateText(code);
	}
	if (cell.v instanceof Date) {
		const d = cell.v;
		return dateText({ y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), H: d.getUTCHours(), M: d.getUTCMinutes(), S: d.getUTCSeconds() });
	}
	if (cell.t === 'e') return cell.w ?? '';
	if (cell.t === 'b') return cell.v ? 'TRUE' : 'FALSE';
	return String(cell.v);
}

/** SheetJS's own words for the two refusals people can act on. */
function refusal(e: unknown, format: TableFormat): UnreadableFileError {
	const detail = e instanceof Error ? e.message : String(e);
	if (/password|encrypt/i.test(detail)) return new UnreadableFileError(msg('err.import.encrypted'));
	if (format === 'ole' && /unsupported|not a spreadsheet|cannot find workbook|expected/i.test(detail))
		return new UnreadableFileError(msg('err.import.notWorkbook', { format: 'OLE（Word/WPS 文档等）' }));
	return new UnreadableFileError(msg('err.import.legacy', { format: formatName(format), detail }));
}

function formatName(format: TableFormat): string {
	return { ole: 'Excel 97–2003 (.xls)', spreadsheetml: 'XML Spreadsheet 2003', html: 'HTML', zip: 'ZIP', xlsx: 'XLSX', text: 'CSV' }[format];
}

/**
 * Writes the chosen sheet as CSV (first sheet unless `sheet` names or numbers one) and returns each written
 * record's sheet row. Rows are cut after their last non-empty cell: a BIFF sheet's range often runs to the last
 * column that ever had a format, and the reader pads short rows to the header again.
 */
export async function legacySheetToCsv(path: string, out: string, sheet: string | undefined, format: TableFormat): Promise<number[]> {
	if (statSync(path).size > LEGACY_LIMIT_BYTES)
		throw new UnreadableFileError(msg('err.import.legacyTooLarge', { format: formatName(format), mb: LEGACY_LIMIT_BYTES / 1024 / 1024 }));
	let book: XLSX.WorkBook;
	try {
		// No formulas evaluated, no styles, no VBA; dates stay serials so that cellText formats them without a zone.
		book = XLSX.read(readFileSync(path), {
			type: 'buffer',
			dense: true,
			cellDates: false,
			cellNF: true,
			cellFormula: false,
			cellHTML: false,
			cellStyles: false,
			bookVBA: false,
			WTF: false
		});
	} catch (e) {
		throw refusal(e, format);
	}
	if (book.SheetNames.length === 0) throw new UnreadableFileError(msg('err.import.noSheets'));
	const name = sheet === undefined ? book.SheetNames[0] : book.SheetNames.find((n, i) => n === sheet || String(i + 1) === sheet);
	const ws = name === undefined ? undefined : book.Sheets[name];
	if (!ws) throw new UnreadableFileError(sheet === undefined ? msg('err.import.noSheets') : msg('err.import.noSheet', { sheet }));
	const data = (ws['!data'] ?? []) as (XLSX.CellObject[] | undefined)[];
	const csv = new SheetCsv(out);
	for (let r = 0; r < data.length; r++)
		await csv.row(
			Array.from(data[r] ?? [], (c) => cellText(c)),
			r + 1
		);
	return csv.close();
}
