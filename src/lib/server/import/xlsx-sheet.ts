import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { msg } from '../../i18n/message';
import { UnreadableFileError } from './unreadable';
import { SheetCsv } from './sheet-csv';

/** The methods of ExcelJS's streaming reader that receive each part of the workbook (not in its typings). */
interface PartParsers {
	_parseRels(entry: Readable): Promise<void>;
	_parseWorkbook(entry: Readable): Promise<void>;
	_parseStyles(entry: Readable): Promise<void>;
	_parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
	_parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
}

/** Decodes UTF-8 across chunk boundaries: a character cut between two chunks is held until its last byte comes. */
async function* utf8Chunks(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
	const decoder = new StringDecoder('utf8');
	for await (const chunk of chunks) {
		const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
		if (text) yield text;
	}
	const rest = decoder.end();
	if (rest) yield rest;
}

/**
 * ExcelJS's streaming reader decodes every 16 KB chunk of a part on its own, so a Chinese character cut at a chunk
 * boundary becomes two U+FFFD (exceljs issues #2063, #2084, open since 2022; a workbook of our sample cases with
 * shared strings loses 「限」 in 「有限责任公司」). This reader hands it whole characters: the parts it parses as
 * streams are set to decode UTF-8 themselves, the worksheets (which may come through a temporary file) are decoded
 * here.
 */
class Utf8WorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {}
{
	const base = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as PartParsers;
	const own = Utf8WorkbookReader.prototype as unknown as PartParsers;
	const decoded = <T>(parse: (this: unknown, entry: Readable) => T) =>
		function (this: unknown, entry: Readable): T {
			entry.setEncoding('utf8');
			return parse.call(this, entry);
		};
	own._parseRels = decoded(base._parseRels);
	own._parseWorkbook = decoded(base._parseWorkbook);
	own._parseStyles = decoded(base._parseStyles);
	own._parseSharedStrings = decoded(base._parseSharedStrings);
	own._parseWorksheet = function (this: unknown, iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
		return base._parseWorksheet.call(this, utf8Chunks(iterator), sheetNo);
	};
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

/**
 * Streams the chosen sheet (the first unless `sheet` names or numbers one) of an OOXML workbook to CSV and returns
 * each written record's sheet row. Rows end at their last non-empty cell, as workbooks store them: the reader pads
 * them to the header (PreparedFile.padShortRows).
 */
export async function xlsxToCsv(path: string, out: string, sheet: string | undefined): Promise<number[]> {
	const csv = new SheetCsv(out);
	const reader = new Utf8WorkbookReader(path, {
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
			// row.values is sparse (index 0 and empty cells are holes) and ends at the last cell the writer kept.
			await csv.row(Array.from((row.values as ExcelJS.CellValue[]).slice(1), cellText), row.number);
		}
	}
	const rows = await csv.close();
	if (!found) throw new UnreadableFileError(sheet === undefined ? msg('err.import.noSheets') : msg('err.import.noSheet', { sheet }));
	return rows;
}
