import { describe, expect, it } from 'vitest';
import { tableFormat } from './table-format';

const bytes = (s: string) => new TextEncoder().encode(s);
const hex = (h: string) => Uint8Array.from(h.match(/../g)!.map((b) => parseInt(b, 16)));

describe('table formats told by content', () => {
	it('tells workbooks, markup and text apart whatever the file is called', () => {
		expect(tableFormat(hex('504b030414000600'), 'xl/workbook.xml xl/worksheets/sheet1.xml')).toBe('xlsx');
		expect(tableFormat(hex('504b030414000600'), 'mimetype content.xml')).toBe('zip');
		expect(tableFormat(hex('d0cf11e0a1b11ae1'))).toBe('ole');
		expect(
			tableFormat(bytes('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'))
		).toBe('spreadsheetml');
		expect(tableFormat(bytes('\uFEFF<html xmlns:x="urn:schemas-microsoft-com:office:excel"><table><tr><td>案件编号</td>'))).toBe('html');
		expect(tableFormat(bytes('  <table border=1><tr><td>1</td></tr></table>'))).toBe('html');
		expect(tableFormat(bytes('案件编号,执法机关\nLJ1,临江'))).toBe('text');
		expect(tableFormat(hex('fffe6868'))).toBe('text');
		expect(tableFormat(new Uint8Array())).toBe('text');
	});
});
