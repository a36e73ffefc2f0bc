import type { CaseRecord } from './case-schema';
import type { Catalog } from './catalog';
import { MissingCalendarYearError, type WorkingCalendar } from './calendar';
import { addDays, type IsoDate } from './dates';

/**
 * The publicity deadlines: publication within the catalog's working days of the decision (R08), and withdrawal
 * within 3 days of a ruling that revokes, changes or finds the decision unlawful (R09, 行政处罚法 Art. 48).
 */

export interface PublicationDue {
	/** Working days the catalog allows for the decision's category. */
	days: number;
	/** The last day to publish, or null when the calendar lacks the year. */
	deadline: IsoDate | null;
	/** Working days from today to the deadline: 0 is the last day, negative is overdue; null when unknown. */
	left: number | null;
	overdue: boolean;
	/** Why the deadline could not be computed, in words. */
	note: string | null;
}

export function publicationWorkingDays(catalog: Catalog, category: string | null): number {
	const days = catalog.publicity_working_days;
	return (category ? days[category] : undefined) ?? days.default ?? 20;
}

/** How long a decision not yet published has left, counted in working days from today. */
export function publicationDue(cal: WorkingCalendar, catalog: Catalog, c: Pick<CaseRecord, 'decided_on' | 'category'>, today: IsoDate): PublicationDue {
	const days = publicationWorkingDays(catalog, c.category);
	if (!c.decided_on) return { days, deadline: null, left: null, overdue: false, note: '尚未作出决定' };
	try {
		const deadline = cal.addWorkingDays(c.decided_on, days);
		const left = cal.workingDaysBetween(today, deadline);
		return { days, deadline, left, overdue: today > deadline, note: null };
	} catch (e) {
		if (!(e instanceof MissingCalendarYearError)) throw e;
		return { days, deadline: null, left: null, overdue: false, note: e.message };
	}
}

/** Results of reconsideration or litigation that oblige the agency to withdraw the decision from publicity. */
export const WITHDRAWING_OUTCOMES = ['撤销', '变更', '确认违法'] as const;

/** Why a decision is withdrawn: the ruling that requires it, or the agency's own correction (Art. 75). */
export const WITHDRAW_GROUNDS = [
	'行政复议撤销',
	'行政复议变更',
	'行政复议确认违法',
	'行政诉讼撤销',
	'行政诉讼变更',
	'行政诉讼确认违法',
	'本机关自行纠正',
	'其他'
] as const;
export type WithdrawGround = (typeof WITHDRAW_GROUNDS)[number];

export function isWithdrawGround(s: unknown): s is WithdrawGround {
	return typeof s === 'string' && (WITHDRAW_GROUNDS as readonly string[]).includes(s);
}

/** Days after the ruling within which the publicity must be withdrawn (Art. 48: 三日内). */
export const WITHDRAWAL_DAYS = 3;

/** A ground that rests on a ruling (with a date from which R09 counts). */
export function groundHasRuling(g: WithdrawGround): boolean {
	return g.startsWith('行政复议') || g.startsWith('行政诉讼');
}

/** The ground the case record itself gives, when reconsideration or litigation changed the decision. */
export function groundFromCase(c: Pick<CaseRecord, 'reconsideration' | 'litigation'>): WithdrawGround | null {
	const outcome = (v: string | null) => (WITHDRAWING_OUTCOMES as readonly string[]).includes(v ?? '');
	if (outcome(c.reconsideration)) return `行政复议${c.reconsideration}` as WithdrawGround;
	if (outcome(c.litigation)) return `行政诉讼${c.litigation}` as WithdrawGround;
	return null;
}

/** Whether a published decision must be withdrawn: a ruling changed it, or the case was revoked. */
export function mustWithdraw(c: Pick<CaseRecord, 'reconsideration' | 'litigation' | 'status'>): boolean {
	return groundFromCase(c) !== null || c.status === '已撤销';
}

export interface WithdrawalDeadline {
	deadline: IsoDate | null;
	/** true on time, false late, null when there is no ruling date to count from. */
	met: boolean | null;
}

/** R09: withdrawal within 3 days of the ruling. */
export function withdrawalDeadline(rulingOn: IsoDate | null, withdrawnOn: IsoDate | null): WithdrawalDeadline {
	if (!rulingOn) return { deadline: null, met: null };
	const deadline = addDays(rulingOn, WITHDRAWAL_DAYS);
	return { deadline, met: withdrawnOn === null ? null : withdrawnOn <= deadline };
}

/**
 * The latest decision date whose publication deadline has passed by `today`: every due decision decided on or
 * before it is overdue. Lets the database count overdue decisions without knowing the holiday calendar.
 */
export function latestOverdueDecision(cal: WorkingCalendar, today: IsoDate, days: number): IsoDate | null {
	try {
		let d = addDays(today, -1);
		while (cal.addWorkingDays(d, days) >= today) d = addDays(d, -1);
		return d;
	} catch (e) {
		if (e instanceof MissingCalendarYearError) return null;
		throw e;
	}
}
