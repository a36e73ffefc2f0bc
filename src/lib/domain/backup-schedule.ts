import { z } from 'zod';
import { issueMessage, issueText, msg, type Message } from '../i18n/message';
import { translator } from '../i18n';

/**
 * The daily backup's settings and clock, without I/O. Times are the agency's wall clock (China time), as the
 * publicity deadlines are: a server left on UTC would otherwise back up at 10:00 in the middle of the working day.
 */

export const AGENCY_TIME_ZONE = 'Asia/Shanghai';

export interface BackupSchedule {
	enabled: boolean;
	/** 'HH:MM' on the agency's clock. */
	dailyAt: string;
	/** How many scheduled backups to keep (manual ones are never removed). */
	keep: number;
}

/** Off until an administrator chooses a time and how many to keep: a backup writes a copy of every record to disk. */
export const DEFAULT_BACKUP_SCHEDULE: BackupSchedule = { enabled: false, dailyAt: '02:00', keep: 7 };

const KEEP_MESSAGE = issueText(msg('err.schedule.keep'));

export const backupScheduleSchema = z.object({
	enabled: z.boolean({ error: issueText(msg('err.schedule.enabled')) }),
	dailyAt: z
		.string({ error: issueText(msg('err.schedule.dailyAt')) })
		.trim()
		.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: issueText(msg('err.schedule.dailyAtFormat')) }),
	keep: z.coerce.number({ error: KEEP_MESSAGE }).int({ error: KEEP_MESSAGE }).min(1, { error: KEEP_MESSAGE }).max(365, { error: KEEP_MESSAGE })
});

export type ScheduleField = keyof BackupSchedule;

export type ScheduleParse = { ok: true; value: BackupSchedule } | { ok: false; errors: { field: ScheduleField; message: string; msg: Message }[] };

/** Checks what an administrator typed (or what the settings table holds); every problem is named by its field. */
export function parseBackupSchedule(input: { enabled: unknown; dailyAt: unknown; keep: unknown }): ScheduleParse {
	// An empty box is "nothing typed", not 0 (which coercion would make of it).
	const keep = typeof input.keep === 'string' && input.keep.trim() === '' ? undefined : input.keep;
	const r = backupScheduleSchema.safeParse({ ...input, keep });
	if (r.success) return { ok: true, value: r.data };
	return {
		ok: false,
		errors: r.error.issues.map((i) => {
			const m = issueMessage(i.message);
			// The Chinese text for logs and the settings check at start-up; pages show `msg` in their own language.
			return { field: (i.path[0] ?? 'dailyAt') as ScheduleField, message: translator('zh-CN')(m), msg: m };
		})
	};
}

export interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The date and time an instant shows on a clock in `timeZone`. */
export function wallClock(at: Date, timeZone = AGENCY_TIME_ZONE): WallClock {
	let f = formats.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		});
		formats.set(timeZone, f);
	}
	const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, Number(p.value)]));
	return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** The instant at which `timeZone`'s clock shows `w` (the offset is found twice, so a DST change is honoured). */
export function fromWallClock(w: WallClock, timeZone = AGENCY_TIME_ZONE): Date {
	const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
	let t = asUtc;
	for (let i = 0; i < 2; i++) {
		const seen = wallClock(new Date(t), timeZone);
		t += asUtc - Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second);
	}
	return new Date(t);
}

function slotOf(day: WallClock, dailyAt: string, timeZone: string): Date {
	const [hour, minute] = dailyAt.split(':').map(Number);
	return fromWallClock({ year: day.year, month: day.month, day: day.day, hour: hour ?? 0, minute: minute ?? 0, second: 0 }, timeZone);
}

/** The next time the daily backup is due: today's `dailyAt` if it is still ahead, else tomorrow's. */
export function nextRunAt(now: Date, dailyAt: string, timeZone = AGENCY_TIME_ZONE): Date {
	const today = slotOf(wallClock(now, timeZone), dailyAt, timeZone);
	if (today.getTime() > now.getTime()) return today;
	// Noon of the next day is on the next calendar day whatever the offset does overnight.
	const tomorrow = wallClock(new Date(today.getTime() + 36 * 3_600_000), timeZone);
	return slotOf(tomorrow, dailyAt, timeZone);
}

export function sameDay(a: Date, b: Date, timeZone = AGENCY_TIME_ZONE): boolean {
	const x = wallClock(a, timeZone);
	const y = wallClock(b, timeZone);
	return x.year === y.year && x.month === y.month && x.day === y.day;
}

/** Due once a day: at or after today's `dailyAt`, when no scheduled backup was taken today. */
export function isDue(now: Date, dailyAt: string, lastTaken: Date | null, timeZone = AGENCY_TIME_ZONE): boolean {
	if (now.getTime() < slotOf(wallClock(now, timeZone), dailyAt, timeZone).getTime()) return false;
	return lastTaken === null || !sameDay(lastTaken, now, timeZone);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A backup folder's name, `equitas-YYYYMMDD-HHMMSS`, on the agency's clock. */
export function backupFolderName(at: Date, timeZone = AGENCY_TIME_ZONE): string {
	const w = wallClock(at, timeZone);
	return `equitas-${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}-${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
}

/** 'YYYY-MM-DD HH:MM' on the agency's clock, as the page shows times. */
export function formatAgencyTime(at: Date, timeZone = AGENCY_TIME_ZONE): string {
	const w = wallClock(at, timeZone);
	return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}
