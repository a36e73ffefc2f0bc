import ExcelJS from 'exceljs';
import { CONSISTENCY_DEFINITION, percent, pointsText, shiftWords, systemRows, type Scorecard } from '../../domain/scorecard';
import { neutralizeFormula } from '../../domain/spreadsheet-safety';

/**
 * The evaluation (三项制度实施情况评估) as an XLSX workbook: the same figures as the page and the print view, each
 * with its definition and the year before. Names of branches and officers come from the data, so every text cell
 * is neutralised against formulas.
 */
export async function scorecardWorkbook(s: Scorecard): Promise<ExcelJS.Workbook> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet(`${s.year}年度评估`, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
	const border: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
	const text = (v: string | number | null) => (typeof v === 'string' ? neutralizeFormula(v) : v);
	const line = (values: (string | number | null)[], bold = false) => {
		const r = ws.addRow(values.map(text));
		r.eachCell((c) => {
			c.border = border;
			c.alignment = { vertical: 'middle', wrapText: true };
			if (bold) c.font = { bold: true };
		});
		return r;
	};
	const heading = (t: string, size = 12) => {
		const r = ws.addRow([text(t)]);
		r.getCell(1).font = { bold: true, size };
		ws.mergeCells(r.number, 1, r.number, 6);
	};

	heading(`${s.agency} ${s.year}年度三项制度实施情况评估`, 14);
	ws.addRow([`评估期间：${s.year}年1月1日至${s.year}年12月31日；对比期间：${s.year - 1}年`]);
	ws.addRow([]);

	heading('一、执法尺度一致性（同案同罚）');
	ws.addRow([text(CONSISTENCY_DEFINITION)]);
	line(['指标', `${s.year}年`, `${s.year - 1}年`, '变化'], true);
	const c = s.consistency;
	line(['全年离散度（元）', c.spread, c.spread_previous_year, c.spread !== null && c.spread_previous_year !== null ? c.spread - c.spread_previous_year : null]);
	line(['纳入比较的罚款决定（件）', c.cases, c.trend.find((t) => t.year === s.year - 1)?.cases ?? 0, null]);
	ws.addRow([]);
	line(['管理部', '案件数', '偏移中位数（元）', '离散度（元）', '说明'], true);
	for (const r of c.by_department) line([r.department, r.cases, r.median_shift, r.spread, shiftWords(r)]);
	ws.addRow([]);
	line(['执法证号', '姓名', '案件数', '偏移中位数（元）', '离散度（元）', '说明'], true);
	for (const r of c.by_officer) line([r.officer_id, r.name, r.cases, r.median_shift, r.spread, shiftWords(r)]);
	ws.addRow([]);
	line(['年度', '罚款决定（件）', '离散度（元）'], true);
	for (const t of c.trend) line([t.year, t.cases, t.spread]);
	ws.addRow([]);

	heading('二、三项制度实施情况');
	line(['指标', '口径', `${s.year}年`, `${s.year - 1}年`, '同比', '是否变差'], true);
	for (const r of systemRows(s)) {
		const fig = (v: { part: number; whole: number; rate: number | null }) =>
			`${r.part} ${v.part} / ${r.whole} ${v.whole}${r.isRate ? `（${percent(v.rate)}）` : ''}`;
		line([
			r.label,
			r.definition,
			fig(r.now),
			fig(r.before),
			r.isRate ? pointsText(r.change) : `${(r.change ?? 0) > 0 ? '+' : ''}${r.change ?? 0} 件`,
			r.worse ? '变差' : ''
		]);
	}
	ws.addRow([]);
	line(['法制审核结论', '件数'], true);
	for (const r of s.reviewResults) line([r.result, r.n]);

	ws.columns.forEach((col, i) => (col.width = i === 1 ? 48 : i === 4 || i === 5 ? 30 : 16));
	return wb;
}
