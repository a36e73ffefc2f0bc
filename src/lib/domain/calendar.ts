import { z } from 'zod';
import { addDays, dayNumber, weekday, yearOf, type IsoDate } from './dates';

/**
 * The working-day calendar (RULES.md §6): weekends and the State Council's public holidays are rest days,
 * the official make-up working days (调休上班) are working days. One notice per year; a year that has no
 * notice loaded is an error, never a guess.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD');

export const yearNoticeSchema = z
	.object({
		year: z.number().int().min(1949).max(2200),
		source: z.string().min(1),
		holidays: z.array(z.object({ name: z.string().min(1), from: isoDate, to: isoDate })),
		workdays: z.array(isoDate)
	})
	.superRefine((n, ctx) => {
		for (const [i, h] of n.holidays.entries()) {
			if (h.from > h.to) ctx.addIssue({ code: 'custom', path: ['holidays', i], message: `假期 ${h.name} 的起始日晚于结束日` });
		}
		for (const [i, w] of n.workdays.entries()) {
			const d = weekday(w);
			if (d !== 0 && d !== 6) ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `${w} 不是周末，不能作为调休上班日` });
		}
	});

export type YearNotice = z.infer<typeof yearNoticeSchema>;

export class MissingCalendarYearError extends Error {
	constructor(readonly year: number) {
		super(`工作日历缺少 ${year} 年（未载入国务院当年放假安排）/ the working-day calendar has no notice for ${year}`);
		this.name = 'MissingCalendarYearError';
	}
}

export interface WorkingCalendar {
	readonly years: readonly number[];
	isWorkingDay(date: IsoDate): boolean;
	/** The date `n` working days after `date` (n ≥ 0); day 0 is `date` itself. */
	addWorkingDays(date: IsoDate, n: number): IsoDate;
	/** Working days in (a, b]: how many working days later b is than a; negative when b is before a. */
	workingDaysBetween(a: IsoDate, b: IsoDate): number;
}

export function buildCalendar(notices: readonly YearNotice[]): WorkingCalendar {
	const years = new Set(notices.map((n) => n.year));
	const rest = new Set<number>();
	const work = new Set<number>();
	for (const n of notices) {
		for (const h of n.holidays) for (let d = dayNumber(h.from); d <= dayNumber(h.to); d++) rest.add(d);
		for (const w of n.workdays) work.add(dayNumber(w));
	}

	function isWorkingDay(date: IsoDate): boolean {
		if (!years.has(yearOf(date))) throw new MissingCalendarYearError(yearOf(date));
		const d = dayNumber(date);
		if (work.has(d)) return true;
		if (rest.has(d)) return false;
		const wd = weekday(date);
		return wd !== 0 && wd !== 6;
	}

	function addWorkingDays(date: IsoDate, n: number): IsoDate {
		if (!Number.isInteger(n) || n < 0) throw new Error(`working days must be a whole number ≥ 0, got ${n}`);
		let cur = date;
		let left = n;
		while (left > 0) {
			cur = addDays(cur, 1);
			if (isWorkingDay(cur)) left--;
		}
		return cur;
	}

	function workingDaysBetween(a: IsoDate, b: IsoDate): number {
		if (a === b) return 0;
		const [from, to, sign] = a < b ? [a, b, 1] : [b, a, -1];
		let count = 0;
		for (let cur = addDays(from, 1); cur <= to; cur = addDays(cur, 1)) if (isWorkingDay(cur)) count++;
		return sign * count;
	}

	return { years: [...years].sort(), isWorkingDay, addWorkingDays, workingDaysBetween };
}
