import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { PUBLICITY_COLUMNS, type PublicityRow } from '../../domain/publicity';
import { neutralizeFormula } from '../../domain/spreadsheet-safety';

/** The 双公示 export files: the format's columns in its order, one decision a row. */

/** CSV in UTF-8 with a byte-order mark, so that Excel opens the Chinese text correctly; CRLF as Excel writes. */
export function publicityCsv(rows: readonly PublicityRow[]): Uint8Array<ArrayBuffer> {
	const text = Papa.unparse(
		{ fields: [...PUBLICITY_COLUMNS], data: rows.map((r) => PUBLICITY_COLUMNS.map((c) => neutralizeFormula(r[c]))) },
		{ quotes: true, newline: '\r\n' }
	);
	return new TextEncoder().encode('\uFEFF' + text + '\r\n');
}

const AMOUNT_COLUMNS = new Set<string>(['罚款金额（万元）', '没收违法所得、没收非法财物的金额（万元）']);

/** XLSX with one sheet; amounts are numbers (万元, up to six decimals), every other cell text as the format wants. */
export async function publicityXlsx(rows: readonly PublicityRow[], title: string): Promise<Uint8Array<ArrayBuffer>> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('行政处罚', {
		views: [{ state: 'frozen', ySplit: 1 }],
		pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 }
	});
	wb.title = title;
	ws.columns = PUBLICITY_COLUMNS.map((c) => ({ header: c, key: c, width: Math.min(40, Math.max(12, c.length * 2 + 2)) }));
	ws.getRow(1).font = { bold: true };
	for (const r of rows) {
		ws.addRow(PUBLICITY_COLUMNS.map((c) => (AMOUNT_COLUMNS.has(c) && r[c] !== '' ? Number(r[c]) : neutralizeFormula(r[c]))));
	}
	for (const c of AMOUNT_COLUMNS) ws.getColumn(c).numFmt = '0.######';
	return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
