/**
 * The leadership scorecard (三项制度实施情况): how consistent the fines of a year were and how far the three systems
 * (公示, 全过程记录, 重大执法决定法制审核) took hold, each beside the year before. The counting runs in DuckDB
 * (server/stats/scorecard.ts); this file says what the figures are, once, for the SQL, the JSON, the XLSX and the page.
 */

/** Fewer decided fines than this and a branch's or officer's median says little: shown, not ranked. */
export const MIN_CASES = 10;

/**
 * The stage dates a decided 行政处罚 case must have for its record to be whole (立案 and 决定 always exist on a
 * decided case): 调查终结, 事先告知 (Art. 44), 送达 (Art. 61).
 */
export const PENALTY_REQUIRED_STAGES = ['investigated_on', 'notified_on', 'served_on'] as const;

/** The case-list filters (`flag=`) behind the scorecard's figures; each is one SQL condition in the server. */
export const SCORE_FLAGS = [
	'sc-fined',
	'sc-publicity-due',
	'sc-publicity-late',
	'sc-withdrawal-due',
	'sc-withdrawal-late',
	'sc-record',
	'sc-record-incomplete',
	'sc-major',
	'sc-major-unreviewed',
	'sc-reconsidered',
	'sc-corrected',
	'sc-litigated',
	'sc-lost',
	'sc-uncertified'
] as const;
export type ScoreFlag = (typeof SCORE_FLAGS)[number];

export function isScoreFlag(s: unknown): s is ScoreFlag {
	return typeof s === 'string' && (SCORE_FLAGS as readonly string[]).includes(s);
}

/** What each flag's list shows, for the case list's heading. */
export const SCORE_FLAG_LABEL: Record<ScoreFlag, string> = {
	'sc-fined': '有裁量阶次的罚款决定',
	'sc-publicity-due': '应公示的决定',
	'sc-publicity-late': '未按期公示的决定',
	'sc-withdrawal-due': '应撤回公示的决定',
	'sc-withdrawal-late': '未在 3 日内撤回公示的决定',
	'sc-record': '已作出决定的案件',
	'sc-record-incomplete': '环节记录不完整的案件',
	'sc-major': '重大执法决定',
	'sc-major-unreviewed': '未在决定前通过法制审核的重大执法决定',
	'sc-reconsidered': '被申请复议的决定',
	'sc-corrected': '复议纠错的决定',
	'sc-litigated': '被诉的决定',
	'sc-lost': '败诉的决定',
	'sc-uncertified': '有执法人员在办案日期无有效执法证的案件'
};

/** A share of a count, or null when there is nothing to share (a year with no major decisions has no rate). */
export function rate(part: number, whole: number): number | null {
	return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

export interface Ratio {
	due: number;
	on_time: number;
	rate: number | null;
}

export interface ConsistencyRow {
	cases: number;
	/** Median of (fine − the agency's median for the same item and tier), yuan; null when too few cases. */
	median_shift: number | null;
	/** Median absolute difference from that median, yuan; null when too few cases. */
	spread: number | null;
}

export interface YearFigures {
	publicity: Ratio;
	withdrawal: Ratio;
	record: { cases: number; complete: number; rate: number | null };
	legal_review: { major: number; reviewed_before: number; rate: number | null };
	reconsideration: { cases: number; corrected: number };
	litigation: { cases: number; lost: number };
	officers: { acting: number; certified: number; rate: number | null };
}

/** Parts of the record figure, so the page can say why records fall short (not in the command's JSON). */
export interface RecordDetail {
	datesMissing: number;
	outOfOrder: number;
	avMissing: number;
	/** Cases with documents on record whose case file is incomplete. */
	fileIncomplete: number;
	/** Cases with documents on record. */
	withFile: number;
}

export interface Scorecard {
	year: number;
	agency: string;
	consistency: {
		spread: number | null;
		spread_previous_year: number | null;
		cases: number;
		by_department: (ConsistencyRow & { department: string })[];
		by_officer: (ConsistencyRow & { officer_id: string; name: string | null })[];
		/** Every year in the data: is the spread narrowing? */
		trend: { year: number; cases: number; spread: number | null }[];
	};
	current: YearFigures;
	previous: YearFigures;
	recordDetail: RecordDetail;
	/** 法制审核 results of the year's major decisions (通过 / 不通过 / 退回补充 / 未审核). */
	reviewResults: { result: string; n: number }[];
}

/** Rows with enough cases first, furthest from the norm first; then the rest, by name (shown, not ranked). */
export function rankRows<T extends ConsistencyRow>(rows: T[], name: (r: T) => string): T[] {
	const ranked = rows
		.filter((r) => r.median_shift !== null)
		.sort((a, b) => Math.abs(b.median_shift ?? 0) - Math.abs(a.median_shift ?? 0) || (name(a) < name(b) ? -1 : 1));
	const few = rows.filter((r) => r.median_shift === null).sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
	return [...ranked, ...few];
}

/** A yuan amount as people write it: 2,000 元. */
export function yuanText(v: number): string {
	return `${Math.round(Math.abs(v)).toLocaleString('en-US')} 元`;
}

/** A median shift in plain words: lighter or heavier than the same item and tier elsewhere in the agency. */
export function shiftWords(r: ConsistencyRow): string {
	if (r.median_shift === null) return `案件少于 ${MIN_CASES} 件，不排名`;
	if (Math.abs(r.median_shift) < 0.5) return '与全中心同事项同阶次的中位数一致';
	return r.median_shift < 0
		? `比全中心同事项同阶次的中位数低 ${yuanText(r.median_shift)}（偏轻）`
		: `比全中心同事项同阶次的中位数高 ${yuanText(r.median_shift)}（偏重）`;
}

/** 同比 of a rate in percentage points, or of a count; null when either side is unknown. */
export function change(now: number | null, before: number | null): number | null {
	return now === null || before === null ? null : Math.round((now - before) * 10_000) / 10_000;
}

/** Whether a change is for the worse: for these figures higher is better, except spread, corrections and losses. */
export const LOWER_IS_BETTER = new Set(['spread', 'corrected', 'lost']);
export function worse(key: string, now: number | null, before: number | null): boolean {
	const d = change(now, before);
	if (d === null || d === 0) return false;
	return LOWER_IS_BETTER.has(key) ? d > 0 : d < 0;
}

/** The JSON the command prints: the keys, money in yuan, each section with the year before beside it. */
export function scorecardJson(s: Scorecard) {
	const withPrev = <K extends keyof YearFigures>(k: K) => ({ ...s.current[k], previous: s.previous[k] });
	return {
		year: s.year,
		agency: s.agency,
		consistency: {
			spread: s.consistency.spread,
			spread_previous_year: s.consistency.spread_previous_year,
			by_department: s.consistency.by_department.map((r) => ({ department: r.department, cases: r.cases, median_shift: r.median_shift, spread: r.spread })),
			by_officer: s.consistency.by_officer.map((r) => ({ officer_id: r.officer_id, cases: r.cases, median_shift: r.median_shift, spread: r.spread }))
		},
		publicity: withPrev('publicity'),
		withdrawal: withPrev('withdrawal'),
		record: withPrev('record'),
		legal_review: withPrev('legal_review'),
		reconsideration: withPrev('reconsideration'),
		litigation: withPrev('litigation'),
		officers: withPrev('officers')
	};
}
export type ScorecardJson = ReturnType<typeof scorecardJson>;
