/**
 * The annual enforcement statistics report (行政执法统计年报, RULES.md §4, the Shanxi template): its tables, their
 * labels in the template's order, and the counting rules. The counting itself runs in DuckDB; this file says what
 * is counted where, once, for the SQL, the JSON, the XLSX and the page.
 */

/**
 * The year the report and the statistics open on: the report is published by 31 January for the previous year,
 * so the latest year in the data that has ended.
 */
export function defaultReportYear(years: readonly number[], today = new Date()): number {
	return years.find((y) => y < today.getFullYear()) ?? years[0] ?? today.getFullYear() - 1;
}

/** 表一 columns, in the template's order. */
export const TABLE1_COLUMNS = [
	'警告',
	'通报批评',
	'罚款',
	'没收违法所得、没收非法财物',
	'暂扣许可证件',
	'降低资质等级',
	'吊销许可证件',
	'限制开展生产经营活动',
	'责令停产停业',
	'责令关闭',
	'限制从业',
	'行政拘留',
	'其他'
] as const;
export type Table1Column = (typeof TABLE1_COLUMNS)[number];

/** A decision with several penalties counts once, under the heaviest; heaviest first. */
export const HEAVIEST_FIRST: readonly Table1Column[] = [
	'行政拘留',
	'吊销许可证件',
	'责令关闭',
	'责令停产停业',
	'限制从业',
	'限制开展生产经营活动',
	'降低资质等级',
	'暂扣许可证件',
	'没收违法所得、没收非法财物',
	'罚款',
	'通报批评',
	'警告',
	'其他'
];

/** The 表一 column of one penalty type of the data dictionary. */
export function table1ColumnOf(penalty: string): Table1Column {
	if (penalty === '没收违法所得' || penalty === '没收非法财物') return '没收违法所得、没收非法财物';
	return (TABLE1_COLUMNS as readonly string[]).includes(penalty) ? (penalty as Table1Column) : '其他';
}

/** The column a decision counts under: its heaviest penalty ('其他' when it names none). */
export function heaviestColumn(penalties: readonly string[] | null): Table1Column {
	const cols = (penalties ?? []).map(table1ColumnOf);
	return HEAVIEST_FIRST.find((c) => cols.includes(c)) ?? '其他';
}

/** 表二: measures, then enforcement, as the template lists them. */
export const TABLE2_COLUMNS = [
	'查封',
	'扣押',
	'冻结存款汇款',
	'其他措施',
	'加处罚款或滞纳金',
	'划拨存款汇款',
	'拍卖或依法处理',
	'排除妨碍、恢复原状',
	'代履行',
	'申请人民法院强制执行',
	'其他执行'
] as const;
export type Table2Column = (typeof TABLE2_COLUMNS)[number];
export const TABLE2_MEASURES: readonly Table2Column[] = ['查封', '扣押', '冻结存款汇款', '其他措施'];

/** 表二 column of a coercion type; a bare 其他 is counted as other enforcement. */
export function table2ColumnOf(kind: string): Table2Column | null {
	if (kind === '其他') return '其他执行';
	return (TABLE2_COLUMNS as readonly string[]).includes(kind) ? (kind as Table2Column) : null;
}

/** 表三: acts other than penalties and coercion, by category. */
export const TABLE3_COLUMNS = ['行政许可', '行政征收', '行政给付', '行政检查', '行政确认', '行政奖励', '行政裁决', '其他'] as const;
export type Table3Column = (typeof TABLE3_COLUMNS)[number];

export const EXTRA_KEYS = ['持证人数', '法制审核件数', '不予处罚', '减轻处罚', '被复议', '复议纠错', '被诉', '败诉', '移送司法'] as const;
export type ExtraKey = (typeof EXTRA_KEYS)[number];

/** Outcomes of reconsideration or litigation that correct the decision (纠错 / 败诉). */
export const CORRECTING_OUTCOMES = ['撤销', '变更', '确认违法', '责令履行'] as const;

export interface AnnualReport {
	year: number;
	agency: string;
	table1: Record<Table1Column | '合计', number> & { 罚没金额万元: string };
	table2: Record<Table2Column | '合计', number>;
	table3: Record<Table3Column, number>;
	/** null where the data cannot tell (移送司法 has no field in the case record). */
	extra: Record<ExtraKey, number | null>;
	/**
	 * Every 行政处罚 decision of the year (the overview's 处罚决定) = 表一's 合计 (decisions that imposed a penalty)
	 * + 不予处罚: the line that lets a reader see why the two figures differ.
	 */
	reconciliation: { decisions: number; penalised: number; noPenalty: number };
}

/** The reconciliation line, in the words of the report. */
export function reconciliationText(r: AnnualReport['reconciliation'], n: (x: number) => string = String): string {
	return `本年作出行政处罚决定 ${n(r.decisions)} 件 = 表一 作出处罚 ${n(r.penalised)} 件 + 不予处罚 ${n(r.noPenalty)} 件（不予处罚的决定不计入表一，另列于「其他统计」）。`;
}

/**
 * A column label of the form as the lines it is printed on: split after 、, and a part longer than six characters
 * into two even halves. Each line is kept whole, so a narrow column never stacks a label one character per line
 * (警/告) nor leaves one character alone on the last line.
 */
export function headerLines(label: string): string[] {
	// A label in a language with spaces (the English screen) wraps between its words by itself.
	if (/[A-Za-z]/.test(label)) return [label];
	const parts = label.split(/(?<=、)/);
	return parts.flatMap((p) => {
		const chars = [...p];
		if (chars.length <= 6) return [p];
		const half = Math.ceil(chars.length / 2);
		return [chars.slice(0, half).join(''), chars.slice(half).join('')];
	});
}

/** The signature block of the government form, in its order. */
export const SIGNATURE_FIELDS = ['填报单位', '单位负责人', '填表人', '联系电话', '报出日期'] as const;
