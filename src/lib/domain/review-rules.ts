import type { CaseRecord, Tier } from './case-schema';
import { hearingThresholdFen, isMajorDecision, selectTier, type Catalog } from './catalog';
import { MissingCalendarYearError, type WorkingCalendar } from './calendar';
import { addDays, daysBetween, type IsoDate } from './dates';
import { DATE_ORDER, stageLabel as label, type StageKey } from './stages';
import type { CircumstanceKey } from './circumstances';
import { tierConditionWords } from './tier-condition';

/**
 * The rule flags of RULES.md §1 (R01, R02, R04–R13; R03 needs the model and lives with it): each a small
 * function over a case, the roster, the catalog and the calendar, giving a one-line reason in Chinese that states
 * the numbers that triggered it. A pending proposal (待审核) is never flagged for what applies only after a decision.
 */

export const RULE_VERSION = '2026.1';

export type RuleId = 'R01' | 'R02' | 'R03' | 'R04' | 'R05' | 'R06' | 'R07' | 'R08' | 'R09' | 'R10' | 'R11' | 'R12' | 'R13' | 'R14' | 'R15' | 'R16';
export type Severity = 'error' | 'warning' | 'info';

/**
 * Every rule's name and a short explanation a reviewer reads beside its code (the queue, the case page, the
 * supervision view, the review form): one table, so that a rule is called the same everywhere.
 */
export const RULES: Record<RuleId, { severity: Severity; title: string; explain: string }> = {
	R01: { severity: 'error', title: '罚款超出法定幅度', explain: '罚款高于法定上限，或低于下限却未记载减轻依据（行政处罚法第三十二、三十三条）' },
	R02: { severity: 'warning', title: '罚款超出裁量基准阶次', explain: '罚款不在案件情节对应的裁量基准阶次内（行政处罚法第三十四条）' },
	R03: { severity: 'warning', title: '罚款与类似案件不一致', explain: '罚款在类似案件的罚款区间之外' },
	R04: { severity: 'error', title: '执法人员资格', explain: '执法人员少于两名，或不在执法人员清单中、执法证不在有效期内（第四十二条）' },
	R05: { severity: 'error', title: '重大执法决定未经法制审核', explain: '重大执法决定在作出前没有通过法制审核（第五十八条）' },
	R06: { severity: 'warning', title: '超过 90 日作出决定', explain: '立案后超过 90 日才作出决定，或至今仍未作出决定（第六十条）' },
	R07: { severity: 'warning', title: '超过 7 日送达', explain: '决定后超过 7 个工作日才送达（第六十一条）' },
	R08: { severity: 'warning', title: '公示超期', explain: '决定后超过规定的工作日才公示' },
	R09: { severity: 'error', title: '被撤销或变更的决定未撤回公示', explain: '决定经复议或诉讼撤销、变更，公示未在 3 日内撤回（第四十八条）' },
	R10: { severity: 'error', title: '环节日期顺序错误', explain: '立案、调查、告知、审核、决定、送达、结案的日期先后颠倒' },
	R11: { severity: 'warning', title: '应告知听证权利而未告知', explain: '较大数额罚款等应告知听证权利的处罚没有告知日期（第六十三条）' },
	R12: { severity: 'info', title: '缺少音像记录', explain: '音像记录事项清单中的事项没有音像记录' },
	R13: { severity: 'info', title: '逾期缴纳罚款', explain: '送达后 15 日内未缴纳罚款，可加处罚款（第七十二条）' },
	R14: { severity: 'warning', title: '案卷材料不全', explain: '案卷缺少该事项应有的文书' },
	R15: { severity: 'warning', title: '已决定案件缺少决定书文号', explain: '已作出决定的案件没有决定书文号（第五十九条）' },
	R16: { severity: 'warning', title: '事项不在事项清单中', explain: '事项编码不在事项清单中，无法按法定幅度和裁量基准审查' }
};

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export function isRuleId(s: string | null | undefined): s is RuleId {
	return typeof s === 'string' && Object.hasOwn(RULES, s);
}

/** Days a 行政处罚 case may stay undecided after filing (行政处罚法 Art. 60). */
export const DECISION_DAYS = 90;

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface Flag {
	rule: RuleId;
	severity: Severity;
	reason: string;
	/** What the case has, and what the rule expected, in words or numbers (for lists and the API). */
	value: string | null;
	expected: string | null;
}

export interface RosterOfficer {
	cert_no: string;
	name: string;
	valid_from: IsoDate | null;
	valid_to: IsoDate | null;
}

export interface RuleContext {
	/** The catalog when one judges every case (no versions yet). */
	catalog: Catalog;
	/** The version in force on each case's own date, when the catalog has versions; it replaces `catalog` case by case. */
	catalogFor?: (c: CaseRecord) => Catalog;
	cal: WorkingCalendar;
	/** By certificate number; empty when no roster was imported (then the roster is not judged). */
	roster: ReadonlyMap<string, RosterOfficer>;
	/** The day a pending case's deadlines are counted to (R06); without it a pending case is not judged overdue. */
	today?: IsoDate;
}

const yuan = (fen: number) => `${(fen / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })} 元`;
const yuanOf = (y: number) => `${y.toLocaleString('en-US')} 元`;

function flag(rule: RuleId, reason: string, value: string | null = null, expected: string | null = null): Flag {
	return { rule, severity: RULES[rule].severity, reason, value, expected };
}

export function isPending(c: Pick<CaseRecord, 'status' | 'decided_on'>): boolean {
	return c.status === '待审核' || c.status === '办理中' || c.decided_on === null;
}

/** The proposed or decided fine: the word the reasons use. */
const fineWord = (c: Pick<CaseRecord, 'status' | 'decided_on'>) => (isPending(c) ? '拟罚款' : '罚款');

/** What the statute and benchmark rules read of a case: also what the discretion page knows of an intended fine. */
export type FineCase = Pick<CaseRecord, 'item_code' | 'fine_amount' | 'penalty_types' | 'circumstance_tier' | 'status' | 'decided_on' | CircumstanceKey>;

/** R01, exported for the checks of an intended fine (fine-checks.ts), which must say what a reviewer will be told. */
export function r01(c: FineCase, ctx: Pick<RuleContext, 'catalog'>): Flag | null {
	const item = c.item_code ? ctx.catalog.byCode.get(c.item_code) : undefined;
	if (!item?.fine || c.fine_amount === null) return null;
	const fine = c.fine_amount;
	const min = item.fine.min * 100;
	const max = item.fine.max * 100;
	const range = `${yuanOf(item.fine.min)}–${yuanOf(item.fine.max)}`;
	if (fine > max) return flag('R01', `${fineWord(c)} ${yuan(fine)}，超过法定上限 ${yuanOf(item.fine.max)}`, yuan(fine), range);
	if (fine === 0) {
		const finesIntended = c.penalty_types?.includes('罚款') ?? false;
		return finesIntended && c.circumstance_tier !== '不予处罚'
			? flag('R01', `处罚种类含罚款但罚款为 0，且未记载不予处罚的依据（行政处罚法第三十三条）`, yuan(0), range)
			: null;
	}
	if (c.circumstance_tier === '不予处罚') return flag('R01', `裁量阶次为「不予处罚」，却${fineWord(c)} ${yuan(fine)}`, yuan(fine), '0 元');
	if (fine < min && c.circumstance_tier !== '减轻') {
		return flag(
			'R01',
			`${fineWord(c)} ${yuan(fine)}，低于法定下限 ${yuanOf(item.fine.min)}，且未记载减轻处罚的依据（行政处罚法第三十二条）`,
			yuan(fine),
			range
		);
	}
	return null;
}

/** R02: the reason names the condition that selected the tier and whether the fine is above or below it. */
export function r02(c: FineCase, ctx: Pick<RuleContext, 'catalog'>): Flag | null {
	const item = c.item_code ? ctx.catalog.byCode.get(c.item_code) : undefined;
	if (!item?.fine || c.fine_amount === null || c.fine_amount === 0) return null;
	if (c.circumstance_tier === '减轻' || c.circumstance_tier === '不予处罚') return null;
	const tier = selectTier(item, c);
	if (!tier || tier.tier === '减轻' || tier.tier === '不予处罚') return null;
	const fine = c.fine_amount;
	if (fine >= tier.min * 100 && fine <= tier.max * 100) return null;
	// Outside the statute is R01's error; R02 is about the benchmark inside it.
	if (fine > item.fine.max * 100 || fine < item.fine.min * 100) return null;
	const side = fine > tier.max * 100 ? '高于' : '低于';
	return flag(
		'R02',
		`${fineWord(c)} ${yuan(fine)}，${side}「${tier.tier}」阶次 ${yuanOf(tier.min)}–${yuanOf(tier.max)}（本案情节：${tierConditionWords(item, tier, c)}）`,
		yuan(fine),
		`${tier.tier} ${yuanOf(tier.min)}–${yuanOf(tier.max)}`
	);
}

function r04(c: CaseRecord, ctx: RuleContext): Flag | null {
	const ids = c.officer_ids ?? [];
	if (ids.length < 2) return flag('R04', `执法人员只有 ${ids.length} 名，应不少于两名（行政处罚法第四十二条）`, String(ids.length), '≥ 2');
	if (ctx.roster.size === 0) return null;
	const problems: string[] = [];
	for (const id of ids) {
		const o = ctx.roster.get(id);
		if (!o) {
			problems.push(`执法证号 ${id} 不在执法人员清单中`);
			continue;
		}
		for (const [label, d] of [
			['立案', c.filed_on],
			['决定', c.decided_on]
		] as const) {
			if (!d) continue;
			if ((o.valid_from && d < o.valid_from) || (o.valid_to && d > o.valid_to)) {
				problems.push(`${o.name}（${id}）的执法证有效期 ${o.valid_from ?? '?'} 至 ${o.valid_to ?? '?'}，${label}日 ${d} 不在有效期内`);
				break;
			}
		}
	}
	return problems.length ? flag('R04', problems.join('；'), ids.join('、'), '持有效执法证、在清单中的两名以上执法人员') : null;
}

function r05(c: CaseRecord, ctx: RuleContext): Flag | null {
	if (isPending(c) || !c.decided_on || !isMajorDecision(ctx.catalog, c)) return null;
	if (c.reviewed_on && c.review_result === '通过' && c.reviewed_on <= c.decided_on) return null;
	const why = !c.reviewed_on
		? '没有法制审核日期'
		: c.review_result !== '通过'
			? `法制审核结论为「${c.review_result ?? '未记载'}」`
			: `法制审核日 ${c.reviewed_on} 晚于决定日 ${c.decided_on}`;
	return flag('R05', `重大执法决定（${c.decided_on} 决定）：${why}`, c.reviewed_on ?? '无', `决定前（${c.decided_on} 前）审核通过`);
}

/** Days since filing of a 行政处罚 case still undecided on `today`, when past the 90-day limit; else null. */
export function overdueDays(c: CaseRecord, today: IsoDate): number | null {
	if (c.category !== '行政处罚' || !c.filed_on || c.decided_on || !isPending(c)) return null;
	const days = daysBetween(c.filed_on, today);
	return days > DECISION_DAYS ? days : null;
}

function r06(c: CaseRecord, ctx: RuleContext): Flag | null {
	// A pending case past the limit is already late: the reviewer should see it before it is decided.
	const late = ctx.today ? overdueDays(c, ctx.today) : null;
	if (late !== null) return flag('R06', `立案已 ${late} 日仍未作出决定，超过 90 日（行政处罚法第六十条）`, `${late} 日`, '≤ 90 日');
	if (isPending(c) || c.category !== '行政处罚' || !c.filed_on || !c.decided_on) return null;
	const days = daysBetween(c.filed_on, c.decided_on);
	return days > DECISION_DAYS ? flag('R06', `立案后第 ${days} 日作出决定，超过 90 日（行政处罚法第六十条）`, `${days} 日`, '≤ 90 日') : null;
}

/** Art. 85: the law's 二日, 三日, 五日 and 七日 are working days, so service within 7 days is counted in working days. */
function r07(c: CaseRecord, ctx: RuleContext): Flag | null {
	if (isPending(c) || !c.decided_on || !c.served_on) return null;
	try {
		const days = ctx.cal.workingDaysBetween(c.decided_on, c.served_on);
		return days > 7
			? flag('R07', `决定后第 ${days} 个工作日送达，超过 7 日（行政处罚法第六十一条，第八十五条：指工作日）`, `${days} 个工作日`, '≤ 7 个工作日')
			: null;
	} catch (e) {
		if (e instanceof MissingCalendarYearError) return null;
		throw e;
	}
}

function r08(c: CaseRecord, ctx: RuleContext): Flag | null {
	if (isPending(c) || !c.decided_on || !c.published_on || !c.category) return null;
	const days = ctx.catalog.publicity_working_days[c.category] ?? ctx.catalog.publicity_working_days.default ?? 20;
	try {
		const late = ctx.cal.workingDaysBetween(c.decided_on, c.published_on);
		return late > days ? flag('R08', `决定后第 ${late} 个工作日公示，超过 ${days} 个工作日`, `${late} 个工作日`, `≤ ${days} 个工作日`) : null;
	} catch (e) {
		if (e instanceof MissingCalendarYearError) return null;
		throw e;
	}
}

const REVOKING = ['撤销', '变更', '确认违法'];

function r09(c: CaseRecord): Flag | null {
	if (isPending(c) || !c.published_on || c.withdrawn_on) return null;
	const by = [
		c.reconsideration && REVOKING.includes(c.reconsideration) ? `行政复议${c.reconsideration}` : null,
		c.litigation && REVOKING.includes(c.litigation) ? `行政诉讼${c.litigation}` : null
	].filter(Boolean);
	return by.length ? flag('R09', `决定经${by.join('、')}，但公示未撤回（应在 3 日内撤回，行政处罚法第四十八条）`, '未撤回', '3 日内撤回公示') : null;
}

function r10(c: CaseRecord): Flag | null {
	let last: { key: StageKey; date: IsoDate } | null = null;
	for (const k of DATE_ORDER) {
		const d = c[k];
		if (!d) continue;
		if (last && d < last.date) return flag('R10', `「${label(k)}」${d} 早于「${label(last.key)}」${last.date}`, `${label(k)} ${d}`, `不早于 ${last.date}`);
		last = { key: k, date: d };
	}
	return null;
}

const HEARING_PENALTIES = ['降低资质等级', '吊销许可证件', '责令停产停业', '责令关闭', '限制从业'];

function r11(c: CaseRecord, ctx: RuleContext): Flag | null {
	if (isPending(c) || c.category !== '行政处罚' || c.notified_on) return null;
	const threshold = hearingThresholdFen(ctx.catalog, c.party_type);
	const big = (c.fine_amount ?? 0) >= threshold || (c.confiscated_amount ?? 0) >= threshold;
	const heavy = c.penalty_types?.find((p) => HEARING_PENALTIES.includes(p));
	if (!big && !heavy) return null;
	const what = heavy
		? `处罚种类「${heavy}」`
		: `${fineWord(c)} ${yuan(Math.max(c.fine_amount ?? 0, c.confiscated_amount ?? 0))}（较大数额 ${yuan(threshold)} 以上）`;
	return flag('R11', `${what}依法应告知听证权利，但没有告知日期（行政处罚法第六十三条）`, '无告知日期', '决定前告知');
}

function r12(c: CaseRecord, ctx: RuleContext): Flag | null {
	const item = c.item_code ? ctx.catalog.byCode.get(c.item_code) : undefined;
	return item?.av_required && c.av_recorded === false ? flag('R12', `「${item.name}」属于音像记录事项，本案没有音像记录`, '无', '有音像记录') : null;
}

function r13(c: CaseRecord): Flag | null {
	if (isPending(c) || !c.fine_amount || !c.served_on || !c.closed_on) return null;
	const days = daysBetween(addDays(c.served_on, 15), c.closed_on);
	if (days <= 0) return null;
	const surcharge = Math.min(c.fine_amount, Math.round(c.fine_amount * 0.03 * days));
	return flag(
		'R13',
		`送达后 15 日内未缴纳，逾期 ${days} 日，依法可加处罚款 ${yuan(surcharge)}（每日 3%，不超过罚款数额，行政处罚法第七十二条）`,
		`逾期 ${days} 日`,
		'送达后 15 日内缴纳'
	);
}

/** A decision is known by its number (行政处罚法 Art. 59): a decided penalty without one cannot be published or cited. */
function r15(c: CaseRecord): Flag | null {
	if (c.category !== '行政处罚' || (c.status !== '已决定' && c.status !== '已结案') || (c.decision_no ?? '').trim() !== '') return null;
	return flag('R15', `案件已${c.status === '已结案' ? '结案' : '作出决定'}，但没有决定书文号（行政处罚法第五十九条）`, '无', '决定书文号');
}

/** An item the catalog does not list can be judged by no statute or benchmark: the flags that need one are silent. */
function r16(c: CaseRecord, ctx: RuleContext): Flag | null {
	if (!c.item_code || ctx.catalog.byCode.has(c.item_code)) return null;
	return flag('R16', `事项编码「${c.item_code}」不在事项清单中，无法按法定幅度和裁量基准审查`, c.item_code, '事项清单中的编码');
}

const RULE_FUNCTIONS: readonly ((c: CaseRecord, ctx: RuleContext) => Flag | null)[] = [r01, r02, r04, r05, r06, r07, r08, r09, r10, r11, r12, r13, r15, r16];

/** Every rule flag (all but R03) that the case raises. */
export function ruleFlags(c: CaseRecord, ctx: RuleContext): Flag[] {
	const own = caseContext(c, ctx);
	return RULE_FUNCTIONS.map((f) => f(c, own)).filter((f): f is Flag => f !== null);
}

/** The context with the catalog that judges this case. */
export function caseContext(c: CaseRecord, ctx: RuleContext): RuleContext {
	const catalog = ctx.catalogFor?.(c);
	return catalog && catalog !== ctx.catalog ? { ...ctx, catalog } : ctx;
}

/** The tier the circumstances select, for the review page. */
export function benchmarkTier(catalog: Catalog, c: CaseRecord): Tier | null {
	const item = c.item_code ? catalog.byCode.get(c.item_code) : undefined;
	return item ? (selectTier(item, c)?.tier ?? null) : null;
}
