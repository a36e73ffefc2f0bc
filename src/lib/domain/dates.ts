/** Calendar dates as ISO strings (YYYY-MM-DD), computed on day numbers so that no time zone can shift them. */

export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a valid ISO date; throws on anything else. */
export function dayNumber(date: IsoDate): number {
	const m = ISO.exec(date);
	if (!m) throw new Error(`not an ISO date: ${date}`);
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const ms = Date.UTC(y, mo - 1, d);
	const back = new Date(ms);
	if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
		throw new Error(`not a calendar date: ${date}`);
	}
	return ms / MS_PER_DAY;
}

export function fromDayNumber(n: number): IsoDate {
	return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** A valid date from its parts, or null (31 February is not a date). */
export function makeDate(year: number, month: number, day: number): IsoDate | null {
	if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
	if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return null;
	const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
	try {
		dayNumber(iso);
		return iso;
	} catch {
		return null;
	}
}

export function addDays(date: IsoDate, days: number): IsoDate {
	return fromDayNumber(dayNumber(date) + days);
}

/** Calendar days from a to b (b - a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
	return dayNumber(b) - dayNumber(a);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
	// 1970-01-01 was a Thursday.
	return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function yearOf(date: IsoDate): number {
	return Number(date.slice(0, 4));
}
