/**
 * What kind of table file a file is, told by its content and never by its name: agencies' systems save SpreadsheetML
 * and HTML under an .xls or .xlsx name, and a CSV renamed .xlsx is still a CSV.
 */
export type TableFormat =
	/** Office Open XML workbook (Excel 2007+, WPS, LibreOffice, openpyxl …). */
	| 'xlsx'
	/** Another ZIP container: OpenDocument (.ods), binary workbook (.xlsb), or not a workbook at all. */
	| 'zip'
	/** An OLE compound file: Excel 97–2003 (.xls, BIFF8), WPS .et, an encrypted workbook, or a Word document. */
	| 'ole'
	/** XML Spreadsheet 2003 (SpreadsheetML). */
	| 'spreadsheetml'
	/** An HTML table saved with a spreadsheet name, as many web systems export. */
	| 'html'
	/** Delimited text in any encoding. */
	| 'text';

const startsWith = (head: Uint8Array, bytes: readonly number[]) => bytes.every((b, i) => head[i] === b);

/** Bytes of the start that `tableFormat` needs to decide. */
export const FORMAT_HEAD_BYTES = 4096;

/**
 * Decides from the file's first bytes and, for ZIP files, from the names of its entries (which any ZIP writer puts
 * in plain ASCII in the central directory at the end): `zipNames` is a piece of text holding them.
 */
export function tableFormat(head: Uint8Array, zipNames = ''): TableFormat {
	if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return /xl\/workbook\.xml/.test(zipNames) || zipNames === '' ? 'xlsx' : 'zip';
	if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
	// UTF-16 text cannot be markup we read: it is a text export (Excel's "Unicode text").
	if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return 'text';
	const start = new TextDecoder('utf-8', { fatal: false })
		.decode(head.subarray(0, FORMAT_HEAD_BYTES))
		.replace(/^\uFEFF/, '')
		.trimStart()
		.slice(0, 2048)
		.toLowerCase();
	if (start.startsWith('<?xml') || start.startsWith('<workbook') || start.startsWith('<ss:workbook')) {
		if (start.includes('urn:schemas-microsoft-com:office:spreadsheet') || /<(ss:)?workbook[\s>]/.test(start)) return 'spreadsheetml';
		if (/<html[\s>]/.test(start)) return 'html';
	}
	if (/^(<!doctype html|<html[\s>]|<table[\s>]|<meta[\s>])/.test(start)) return 'html';
	return 'text';
}
