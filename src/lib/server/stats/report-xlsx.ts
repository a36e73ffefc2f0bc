import ExcelJS from 'exceljs';
import {
	EXTRA_KEYS,
	reconciliationText,
	SIGNATURE_FIELDS,
	TABLE1_COLUMNS,
	TABLE2_COLUMNS,
	TABLE2_MEASURES,
	TABLE3_COLUMNS,
	type AnnualReport
} from '../../domain/annual-report';
import { neutralizeFormula } from '../../domain/spreadsheet-safety';
import { translator } from '../../i18n';

/**
 * The report as an XLSX workbook in the template's layout: a merged title with the agency and the year, each table
 * under its merged heading, 万元 with two decimals, then the reconciliation with the overview, the 统计口径 and the
 * signature block (填报单位 filled in, the rest for the hand that signs). One sheet, printable on A4 landscape.
 */
export async function reportWorkbook(r: AnnualReport): Promise<ExcelJS.Workbook> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet(`${r.year}年度`, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
	const bold = { bold: true };
	const center: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };
	const border: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
	let row = 1;

	function title(text: string, width: number, size = 12): void {
		ws.mergeCells(row, 1, row, width);
		const c = ws.getCell(row, 1);
		c.value = neutralizeFormula(text);
		c.font = { bold: true, size };
		c.alignment = center;
		row++;
	}
	function grid(labels: readonly string[], values: (number | string | null)[]): void {
		labels.forEach((l, i) => {
			const h = ws.getCell(row, i + 1);
			h.value = l;
			h.font = bold;
			h.alignment = center;
			h.border = border;
			const v = ws.getCell(row + 1, i + 1);
			const value = values[i] ?? null;
			v.value = value;
			v.alignment = { horizontal: 'center' };
			v.border = border;
		});
		row += 3;
	}

	const width = TABLE1_COLUMNS.length + 2;
	title(`${r.agency} ${r.year}年度行政执法统计年报`, width, 14);
	row++;
	title('表一 行政处罚（宗）', width);
	grid([...TABLE1_COLUMNS, '合计', '罚没金额（万元）'], [...TABLE1_COLUMNS.map((c) => r.table1[c]), r.table1.合计, Number(r.table1.罚没金额万元)]);
	ws.getCell(row - 2, width).numFmt = '0.00';

	title('表二 行政强制', TABLE2_COLUMNS.length + 1);
	// The template groups measures and enforcement under merged headings.
	ws.mergeCells(row, 1, row, TABLE2_MEASURES.length);
	ws.getCell(row, 1).value = '行政强制措施';
	ws.mergeCells(row, TABLE2_MEASURES.length + 1, row, TABLE2_COLUMNS.length);
	ws.getCell(row, TABLE2_MEASURES.length + 1).value = '行政强制执行';
	for (const col of [1, TABLE2_MEASURES.length + 1]) Object.assign(ws.getCell(row, col), { font: bold, alignment: center });
	row++;
	grid([...TABLE2_COLUMNS, '合计'], [...TABLE2_COLUMNS.map((c) => r.table2[c]), r.table2.合计]);

	title('表三 其他行政执法行为', TABLE3_COLUMNS.length);
	grid(
		TABLE3_COLUMNS,
		TABLE3_COLUMNS.map((c) => r.table3[c])
	);

	title('其他统计', EXTRA_KEYS.length);
	grid(
		EXTRA_KEYS,
		EXTRA_KEYS.map((k) => r.extra[k] ?? '无数据')
	);

	function note(text: string, lines: number): void {
		ws.mergeCells(row, 1, row, width);
		const c = ws.getCell(row, 1);
		c.value = neutralizeFormula(text);
		c.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
		ws.getRow(row).height = 15 * lines;
		row++;
	}
	note(reconciliationText(r.reconciliation), 1);
	// The government form is Chinese: its 统计口径 is the Chinese text the report page shows.
	note(translator('zh-CN')('report.rules'), 4);
	row++;
	// Two fields a row, each label with the space to its right merged for the signature.
	const signed: Record<(typeof SIGNATURE_FIELDS)[number], string> = {
		填报单位: r.agency,
		单位负责人: '',
		填表人: '',
		联系电话: '',
		报出日期: '    年    月    日'
	};
	const half = Math.floor(width / 2);
	SIGNATURE_FIELDS.forEach((field, i) => {
		const col = i % 2 === 0 ? 1 : half + 1;
		const label = ws.getCell(row, col);
		label.value = `${field}：`;
		label.font = bold;
		ws.mergeCells(row, col + 1, row, col + half - 1);
		ws.getCell(row, col + 1).value = neutralizeFormula(signed[field]);
		ws.getCell(row, col + 1).border = { bottom: { style: 'thin' } };
		if (i % 2 === 1 || i === SIGNATURE_FIELDS.length - 1) row += 2;
	});

	ws.columns.forEach((c) => (c.width = 12));
	return wb;
}
