import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { PUBLICITY_COLUMNS, publicityRow, type PublicityRow } from '../../domain/publicity';
import { publicityCsv, publicityXlsx } from './export';

const rows: PublicityRow[] = [
	publicityRow(
		{
			agency: '临江市住房公积金管理中心',
			case_id: 'X1',
			category: '行政处罚',
			party_type: '自然人',
			party_name: '=HYPERLINK("http://x")',
			party_id: '350702199001011234',
			decision_no: '临公积金罚决字〔2025〕第0002号',
			item_name: '单位不办理住房公积金缴存登记',
			legal_basis: '《住房公积金管理条例》第三十七条',
			penalty_types: ['罚款'],
			fine_amount: 1_250_000,
			confiscated_amount: null,
			decided_on: '2025-04-01',
			extra: {}
		},
		{ agencyCode: '12350700MB0000000X' }
	)
];

describe('publicity export files', () => {
	it('writes CSV in UTF-8 with a BOM, the format columns in order, IDs masked and formulas neutralised', () => {
		const bytes = publicityCsv(rows);
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder().decode(bytes.subarray(3));
		const parsed = Papa.parse<string[]>(text.trim());
		expect(parsed.data[0]).toEqual([...PUBLICITY_COLUMNS]);
		const row = Object.fromEntries(PUBLICITY_COLUMNS.map((c, i) => [c, parsed.data[1]?.[i]]));
		expect(row.证件号码).toBe('3****************4');
		expect(row['罚款金额（万元）']).toBe('1.25');
		expect(row.行政相对人名称).toBe(`'=HYPERLINK("http://x")`);
		expect(text).not.toContain('350702199001011234');
	});

	it('writes XLSX with the same columns and amounts as numbers', async () => {
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load((await publicityXlsx(rows, '双公示')).buffer as ArrayBuffer);
		const ws = wb.worksheets[0]!;
		expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...PUBLICITY_COLUMNS]);
		expect(ws.getRow(2).getCell(15).value).toBe(1.25);
		expect(ws.getRow(2).getCell(8).value).toBe('3****************4');
		expect(ws.getRow(2).getCell(20).value).toBe('2026-04-01');
	});
});
