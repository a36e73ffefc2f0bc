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

/** The year's headline counts as the overview leads with them, each the same condition as its case list. */
export interface Headline {
	/** Cases decided in the year, or filed in it when undecided (the case list's year). */
	cases: number;
	/** 行政处罚 decisions with a penalty (the annual report's 表一 合计) and their fines and confiscations, in fen. */
	decisions: number;
	amountFen: number;
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
	headline: { current: Headline; previous: Headline };
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

/** The JSON the command prints: the issue's keys, money in yuan, each section with the year before beside it. */
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

/** One row of the three systems' table: what is counted, how, and where its cases are. */
export interface SystemRow {
	key: keyof YearFigures;
	/** i18n key of the label; `label` is its Chinese text, for the XLSX and the command. */
	i18n: string;
	label: string;
	definition: string;
	/** The count that is good or bad, and the count it is out of. */
	part: string;
	whole: string;
	now: { part: number; whole: number; rate: number | null };
	before: { part: number; whole: number; rate: number | null };
	/** Change of the rate (for a ratio) or of the part (for counts of corrections and losses). */
	change: number | null;
	worse: boolean;
	/** Whether `change` is a rate in percentage points (else a count). */
	isRate: boolean;
	/** The cases counted in `whole`; null when the whole counts people (officers), not cases. */
	wholeFlag: ScoreFlag | null;
	/** The cases that fall short (or were corrected/lost). */
	shortFlag: ScoreFlag;
}

type Pick2 = (f: YearFigures) => { part: number; whole: number; rate: number | null };
const SYSTEM_DEFS: {
	key: keyof YearFigures;
	label: string;
	definition: string;
	part: string;
	whole: string;
	pick: Pick2;
	isRate: boolean;
	wholeFlag: ScoreFlag | null;
	shortFlag: ScoreFlag;
}[] = [
	{
		key: 'publicity',
		label: '按期公示率',
		definition: '本年作出的行政处罚、行政许可决定中，在目录规定的工作日内（扣除法定节假日，计入调休上班日）公示的比例（RULES.md R08）',
		part: '按期公示',
		whole: '应公示',
		pick: (f) => ({ part: f.publicity.on_time, whole: f.publicity.due, rate: f.publicity.rate }),
		isRate: true,
		wholeFlag: 'sc-publicity-due',
		shortFlag: 'sc-publicity-late'
	},
	{
		key: 'withdrawal',
		label: '3 日内撤回公示率',
		definition: '已公示、经复议或诉讼撤销、变更、确认违法的决定中，在裁判之日起 3 日内撤回公示的比例（行政处罚法第四十八条）；未登记裁判日期的不计为按期',
		part: '按期撤回',
		whole: '应撤回',
		pick: (f) => ({ part: f.withdrawal.on_time, whole: f.withdrawal.due, rate: f.withdrawal.rate }),
		isRate: true,
		wholeFlag: 'sc-withdrawal-due',
		shortFlag: 'sc-withdrawal-late'
	},
	{
		key: 'record',
		label: '全过程记录完整率',
		definition:
			'本年作出决定的案件中，环节日期齐全（行政处罚须有调查终结、事先告知、送达日期）且先后有序、音像记录事项有音像记录、已有电子案卷的案卷评查完整的比例',
		part: '记录完整',
		whole: '作出决定',
		pick: (f) => ({ part: f.record.complete, whole: f.record.cases, rate: f.record.rate }),
		isRate: true,
		wholeFlag: 'sc-record',
		shortFlag: 'sc-record-incomplete'
	},
	{
		key: 'legal_review',
		label: '重大执法决定决定前法制审核率',
		definition: '本年的重大执法决定（审核目录清单规则）中，在决定日前经法制审核且结论为「通过」的比例',
		part: '决定前审核通过',
		whole: '重大执法决定',
		pick: (f) => ({ part: f.legal_review.reviewed_before, whole: f.legal_review.major, rate: f.legal_review.rate }),
		isRate: true,
		wholeFlag: 'sc-major',
		shortFlag: 'sc-major-unreviewed'
	},
	{
		key: 'reconsideration',
		label: '复议纠错',
		definition: '本年作出的决定中被申请行政复议的件数，及其中被撤销、变更、确认违法或责令履行的件数',
		part: '纠错',
		whole: '被复议',
		pick: (f) => ({ part: f.reconsideration.corrected, whole: f.reconsideration.cases, rate: rate(f.reconsideration.corrected, f.reconsideration.cases) }),
		isRate: false,
		wholeFlag: 'sc-reconsidered',
		shortFlag: 'sc-corrected'
	},
	{
		key: 'litigation',
		label: '诉讼败诉',
		definition: '本年作出的决定中被提起行政诉讼的件数，及其中被撤销、变更、确认违法或责令履行的件数',
		part: '败诉',
		whole: '被诉',
		pick: (f) => ({ part: f.litigation.lost, whole: f.litigation.cases, rate: rate(f.litigation.lost, f.litigation.cases) }),
		isRate: false,
		wholeFlag: 'sc-litigated',
		shortFlag: 'sc-lost'
	},
	{
		key: 'officers',
		label: '执法人员持证办案率',
		definition: '本年办案（立案或决定）的执法人员中，在其办案的每个立案日、决定日都持有效执法证的比例（行政处罚法第四十二条）',
		part: '持证有效',
		whole: '办案人员',
		pick: (f) => ({ part: f.officers.certified, whole: f.officers.acting, rate: f.officers.rate }),
		isRate: true,
		wholeFlag: null,
		shortFlag: 'sc-uncertified'
	}
];

/** The three systems' rows for a scorecard, this year beside the last, with the change and whether it is worse. */
export function systemRows(s: Pick<Scorecard, 'current' | 'previous'>): SystemRow[] {
	return SYSTEM_DEFS.map((d) => {
		const now = d.pick(s.current);
		const before = d.pick(s.previous);
		// Corrections and losses are counts where fewer is better; the others are rates where higher is better.
		const c = d.isRate ? change(now.rate, before.rate) : now.part - before.part;
		const isWorse = d.isRate ? c !== null && c < 0 : c !== null && c > 0;
		return {
			key: d.key,
			i18n: `scorecard.system.${d.key}`,
			label: d.label,
			definition: d.definition,
			part: d.part,
			whole: d.whole,
			now,
			before,
			change: c,
			worse: isWorse,
			isRate: d.isRate,
			wholeFlag: d.wholeFlag,
			shortFlag: d.shortFlag
		};
	});
}

/** A rate as a percentage with one decimal, or a dash when there is nothing to rate. */
export function percent(r: number | null): string {
	return r === null ? '—' : `${(r * 100).toFixed(1)}%`;
}

/** A change of a rate in percentage points, signed. */
export function pointsText(c: number | null): string {
	if (c === null) return '—';
	const p = Math.round(c * 1000) / 10;
	return `${p > 0 ? '+' : ''}${p.toFixed(1)} 个百分点`;
}

/** The definition of the consistency measure, for the page, the print view and the XLSX. */
export const CONSISTENCY_DEFINITION =
	'对本年作出决定、有裁量阶次的每件罚款，计算其与全中心同一事项、同一裁量阶次本年罚款中位数的差额（元）。全年离散度为差额绝对值的中位数，越小说明同案同罚越一致；各管理部、各执法人员的偏移为其案件差额的中位数，负数偏轻、正数偏重。';

/** Notes on what changed against the year before, in the plain sentences of an evaluation report. */
export function changeNotes(s: Scorecard): string[] {
	const notes: string[] = [];
	const c = s.consistency;
	if (c.spread !== null && c.spread_previous_year !== null) {
		const d = c.spread - c.spread_previous_year;
		notes.push(
			Math.abs(d) < 0.5
				? `同事项同阶次罚款的离散度为 ${yuanText(c.spread)}，与上年持平。`
				: `同事项同阶次罚款的离散度为 ${yuanText(c.spread)}，比上年${d < 0 ? '收窄' : '扩大'} ${yuanText(d)}，执法尺度${d < 0 ? '趋于统一' : '差异加大'}。`
		);
	} else if (c.spread !== null) notes.push(`同事项同阶次罚款的离散度为 ${yuanText(c.spread)}；上年无可比数据。`);
	const far = c.by_department.find((r) => r.median_shift !== null && Math.abs(r.median_shift) >= 0.5);
	if (far) notes.push(`偏离全中心最多的管理部是${far.department}（${far.cases} 件），${shiftWords(far)}。`);
	const few = c.by_department.filter((r) => r.median_shift === null);
	if (few.length) notes.push(`${few.map((r) => r.department).join('、')}本年罚款案件少于 ${MIN_CASES} 件，未作排名。`);
	for (const r of systemRows(s)) {
		if (r.isRate) {
			if (r.now.rate === null) notes.push(`${r.label}：本年没有${r.whole}，不计比率。`);
			else if (r.before.rate === null) notes.push(`${r.label}为 ${percent(r.now.rate)}；上年没有${r.whole}，无法比较。`);
			else if (r.change === 0) notes.push(`${r.label}为 ${percent(r.now.rate)}，与上年持平。`);
			else
				notes.push(
					`${r.label}由上年的 ${percent(r.before.rate)} ${(r.change ?? 0) > 0 ? '升至' : '降至'} ${percent(r.now.rate)}（${pointsText(r.change)}）${r.worse ? '，有所退步，需关注' : ''}。`
				);
		} else {
			const d = r.change ?? 0;
			notes.push(
				`${r.whole} ${r.now.whole} 件，其中${r.part} ${r.now.part} 件（上年 ${r.before.part} 件${d === 0 ? '，持平' : `，${d > 0 ? '增加' : '减少'} ${Math.abs(d)} 件`}）。`
			);
		}
	}
	return notes;
}
