import type { IsoDate } from '../../domain/dates';

/**
 * The day the publicity deadlines and periods are counted to. The centre works in China time, so a server on UTC
 * would otherwise change day at 08:00. EQUITAS_TODAY fixes the day for a demonstration on a fixed data set.
 */
export function today(): IsoDate {
	const fixed = process.env.EQUITAS_TODAY;
	if (fixed && /^\d{4}-\d{2}-\d{2}$/.test(fixed)) return fixed;
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
