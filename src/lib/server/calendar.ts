import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildCalendar, yearNoticeSchema, type WorkingCalendar } from '../domain/calendar';

export const DEFAULT_CALENDAR_DIR = 'data/calendar';

/** Reads every year notice (one JSON file per year) from the calendar folder. */
export function loadCalendar(dir = resolve(process.env.EQUITAS_CALENDAR ?? DEFAULT_CALENDAR_DIR)): WorkingCalendar {
	const notices = readdirSync(dir)
		.filter((f) => /^\d{4}\.json$/.test(f))
		.map((f) => {
			const r = yearNoticeSchema.safeParse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
			if (!r.success) throw new Error(`工作日历文件 ${join(dir, f)} 有误：${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`);
			return r.data;
		});
	return buildCalendar(notices);
}

let cached: WorkingCalendar | null = null;

export function getCalendar(): WorkingCalendar {
	cached ??= loadCalendar();
	return cached;
}
