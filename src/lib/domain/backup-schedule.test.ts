import { describe, expect, it } from 'vitest';
import { backupFolderName, formatAgencyTime, isDue, nextRunAt, parseBackupSchedule, sameDay } from './backup-schedule';

/** An instant given as China time (UTC+8 all year). */
const cst = (s: string) => new Date(`${s}+08:00`);

describe('backup schedule settings', () => {
	it('accepts a time and a number of copies as a form sends them', () => {
		expect(parseBackupSchedule({ enabled: true, dailyAt: ' 02:30 ', keep: '14' })).toEqual({ ok: true, value: { enabled: true, dailyAt: '02:30', keep: 14 } });
	});

	it('says in Chinese which field is wrong, and every one that is', () => {
		const r = parseBackupSchedule({ enabled: true, dailyAt: '25:00', keep: '0' });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.map((e) => e.field).sort()).toEqual(['dailyAt', 'keep']);
		expect(r.errors.find((e) => e.field === 'dailyAt')?.message).toMatch(/^每天备份的时间应为/);
		expect(r.errors.find((e) => e.field === 'keep')?.message).toMatch(/^保留份数应为 1 至 365/);
	});

	it('refuses an empty or fractional number of copies and more than a year of them', () => {
		for (const keep of ['', '2.5', 'abc', '366', -1]) {
			const r = parseBackupSchedule({ enabled: false, dailyAt: '02:00', keep });
			expect(r.ok, String(keep)).toBe(false);
		}
		expect(parseBackupSchedule({ enabled: false, dailyAt: '2:00', keep: 7 }).ok).toBe(false);
		expect(parseBackupSchedule({ enabled: false, dailyAt: '23:59', keep: 365 }).ok).toBe(true);
	});
});

describe('the daily clock (China time)', () => {
	it('names the next run today while the time is ahead, else tomorrow, whatever the server clock says', () => {
		expect(nextRunAt(cst('2026-03-05T01:59:00'), '02:00').toISOString()).toBe(cst('2026-03-05T02:00:00').toISOString());
		expect(nextRunAt(cst('2026-03-05T02:00:00'), '02:00').toISOString()).toBe(cst('2026-03-06T02:00:00').toISOString());
		// 23:30 UTC is already the next day in China.
		expect(nextRunAt(new Date('2026-03-05T23:30:00Z'), '08:00').toISOString()).toBe(cst('2026-03-06T08:00:00').toISOString());
		expect(nextRunAt(cst('2026-12-31T23:00:00'), '00:15').toISOString()).toBe(cst('2027-01-01T00:15:00').toISOString());
	});

	it('is due once a day, at or after the time, when none was taken that day', () => {
		const last = cst('2026-03-04T02:00:05');
		expect(isDue(cst('2026-03-05T01:59:59'), '02:00', last)).toBe(false);
		expect(isDue(cst('2026-03-05T02:00:00'), '02:00', last)).toBe(true);
		// A server that was off at 02:00 catches up when it starts later that day.
		expect(isDue(cst('2026-03-05T15:10:00'), '02:00', last)).toBe(true);
		expect(isDue(cst('2026-03-05T15:10:00'), '02:00', cst('2026-03-05T02:00:03'))).toBe(false);
		expect(isDue(cst('2026-03-05T02:00:00'), '02:00', null)).toBe(true);
		expect(sameDay(cst('2026-03-05T00:00:00'), cst('2026-03-05T23:59:59'))).toBe(true);
	});

	it('names folders and shows times on the agency clock', () => {
		expect(backupFolderName(new Date('2026-03-05T18:04:09Z'))).toBe('equitas-20260306-020409');
		expect(formatAgencyTime(new Date('2026-03-05T18:04:09Z'))).toBe('2026-03-06 02:04');
	});
});
