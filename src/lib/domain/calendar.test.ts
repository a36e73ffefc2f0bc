import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCalendar, MissingCalendarYearError, yearNoticeSchema } from './calendar';

const dir = join(process.cwd(), 'data/calendar');
const notices = readdirSync(dir)
	.filter((f) => f.endsWith('.json'))
	.map((f) => yearNoticeSchema.parse(JSON.parse(readFileSync(join(dir, f), 'utf8'))));
const cal = buildCalendar(notices);

describe('working-day calendar', () => {
	it('ships every year from 2019 to 2026', () => {
		expect(cal.years).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
	});

	it('rests through the 2024 Spring Festival and works its make-up Sundays', () => {
		expect(cal.isWorkingDay('2024-02-04')).toBe(true); // Sunday, 调休上班
		expect(cal.isWorkingDay('2024-02-09')).toBe(true); // Friday before the holiday
		for (let d = 10; d <= 17; d++) expect(cal.isWorkingDay(`2024-02-${d}`)).toBe(false);
		expect(cal.isWorkingDay('2024-02-18')).toBe(true); // Sunday, 调休上班
	});

	it('counts 7 working days across the 2023 Mid-Autumn and National Day week', () => {
		// Decided Thursday 28 Sep 2023; 29 Sep – 6 Oct rest; 7 and 8 Oct (weekend) are make-up working days.
		expect(cal.addWorkingDays('2023-09-28', 1)).toBe('2023-10-07');
		expect(cal.addWorkingDays('2023-09-28', 7)).toBe('2023-10-13');
		expect(cal.workingDaysBetween('2023-09-28', '2023-10-13')).toBe(7);
		expect(cal.workingDaysBetween('2023-10-13', '2023-09-28')).toBe(-7);
	});

	it('follows the 2020 Spring Festival extension to 2 February', () => {
		expect(cal.isWorkingDay('2020-01-19')).toBe(true);
		expect(cal.isWorkingDay('2020-01-31')).toBe(false);
		expect(cal.isWorkingDay('2020-02-01')).toBe(false); // the planned make-up Saturday was cancelled
		expect(cal.isWorkingDay('2020-02-03')).toBe(true);
	});

	it('counts an ordinary week without holidays as five working days', () => {
		expect(cal.workingDaysBetween('2023-03-03', '2023-03-10')).toBe(5);
		expect(cal.addWorkingDays('2023-03-03', 0)).toBe('2023-03-03');
	});

	it('refuses to guess a year it has no notice for', () => {
		expect(() => cal.isWorkingDay('2027-03-01')).toThrow(MissingCalendarYearError);
		expect(() => cal.addWorkingDays('2026-12-30', 5)).toThrow(/2027/);
	});

	it('rejects a notice whose make-up working day is not a weekend', () => {
		const bad = { year: 2030, source: 'x', holidays: [], workdays: ['2030-03-04'] };
		expect(yearNoticeSchema.safeParse(bad).success).toBe(false);
	});
});
