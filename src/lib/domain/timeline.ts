import { overdueDays } from './review-rules';
import type { CaseRecord } from './case-schema';
import { isMajorDecision, type Catalog } from './catalog';
import { MissingCalendarYearError, type WorkingCalendar } from './calendar';
import { addDays, daysBetween, type IsoDate } from './dates';
import { DATE_ORDER, STAGES, stageLabel, type StageKey } from './stages';

/**
 * The whole-process record of a case as a timeline (执法全过程记录): each stage's date, the statutory deadline it
 * had, and whether it was met. Deadlines in working days use the holiday calendar; a year it lacks is said, not guessed.
 */

export interface TimelineStage {
	key: StageKey;
	label: string;
	date: IsoDate | null;
	/** The latest date the law allowed, when a deadline applies. */
	deadline: IsoDate | null;
	/** Where the deadline comes from, in words. */
	rule: string | null;
	/** true met, false missed, null when it cannot be judged (no date yet, or no calendar for the year). */
	met: boolean | null;
	/** Problems with this stage: out of order, or a deadline that cannot be computed. */
	notes: string[];
}

/** `today`, when given, marks a deadline that passed without its stage as missed (an undecided case past 90 days). */
export function caseTimeline(c: CaseRecord, cal: WorkingCalendar, catalog: Catalog, today?: IsoDate): TimelineStage[] {
	const stages: TimelineStage[] = STAGES.map((s) => ({ key: s.key, label: s.label, date: c[s.key], deadline: null, rule: null, met: null, notes: [] }));
	const at = (k: StageKey) => stages.find((s) => s.key === k)!;
	const penalty = c.category === '行政处罚';

	const setDeadline = (k: StageKey, deadline: IsoDate, rule: string) => {
		const s = at(k);
		s.deadline = deadline;
		s.rule = rule;
		s.met = s.date === null ? null : s.date <= deadline;
	};

	if (penalty && c.filed_on) {
		setDeadline('decided_on', addDays(c.filed_on, 90), '立案之日起 90 日内作出决定（行政处罚法第六十条）');
		const late = today && !c.decided_on ? overdueDays(c, today) : null;
		if (late !== null) {
			at('decided_on').met = false;
			at('decided_on').notes.push(`已超期：立案已 ${late} 日仍未作出决定`);
		}
	}
	if (c.decided_on) {
		// Art. 85: the law's 七日 are working days.
		try {
			setDeadline('served_on', cal.addWorkingDays(c.decided_on, 7), '决定后 7 个工作日内送达（行政处罚法第六十一条、第八十五条）');
		} catch (e) {
			if (!(e instanceof MissingCalendarYearError)) throw e;
			at('served_on').notes.push(`无法计算送达期限：${e.message}`);
		}
	}
	if (c.decided_on && c.category) {
		const days = catalog.publicity_working_days[c.category] ?? catalog.publicity_working_days.default ?? 20;
		try {
			setDeadline('published_on', cal.addWorkingDays(c.decided_on, days), `决定后 ${days} 个工作日内公示`);
		} catch (e) {
			if (!(e instanceof MissingCalendarYearError)) throw e;
			at('published_on').notes.push(`无法计算公示期限：${e.message}`);
		}
	}
	// The same rule the statistics count by: an unmarked case is major when the catalog's rule says so.
	if (c.decided_on && isMajorDecision(catalog, c)) {
		const r = at('reviewed_on');
		r.deadline = c.decided_on;
		r.rule = '重大执法决定须在决定前通过法制审核';
		r.met = r.date === null ? false : r.date <= c.decided_on && c.review_result === '通过';
	}

	// Dates out of the legal order are marked where the order breaks (a flag, never a silent fix).
	let last: { key: StageKey; date: IsoDate } | null = null;
	for (const k of DATE_ORDER) {
		const d = c[k];
		if (!d) continue;
		if (last && d < last.date) at(k).notes.push(`早于「${stageLabel(last.key)}」（${last.date}），日期顺序不符`);
		if (!last || d >= last.date) last = { key: k, date: d };
	}
	return stages;
}

/** Days between filing and decision, for the case page's summary. */
export function daysToDecision(c: CaseRecord): number | null {
	return c.filed_on && c.decided_on ? daysBetween(c.filed_on, c.decided_on) : null;
}
