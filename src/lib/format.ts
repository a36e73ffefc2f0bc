import { formatNumber, formatWan, type Locale } from './i18n';
import { formatFen } from './domain/cell-values';
import { formatAgencyTime } from './domain/backup-schedule';

/** An instant as an ISO 8601 string with its zone (the server's `instantSql`), or a Date; a string without a zone is UTC. */
function instant(at: string | Date): Date | null {
	if (at instanceof Date) return Number.isNaN(at.getTime()) ? null : at;
	const iso = at.trim().replace(' ', 'T');
	const d = new Date(/[zZ]|[+-]\d{2}(:?\d{2})?$/.test(iso) ? iso : `${iso}Z`);
	return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * The one way a time is shown: the agency's clock (Beijing time, whatever the server's zone), to the minute, and
 * labelled, so that no reader wonders whether a time is UTC: 「2026-12-07 11:57（北京时间）」.
 */
export function agencyTime(at: string | Date | null | undefined, locale: Locale = 'zh-CN', labelled = true): string {
	if (at === null || at === undefined || at === '') return '—';
	const d = instant(at);
	if (!d) return String(at);
	// A column whose heading says 「北京时间」 passes labelled = false rather than repeat it on every row.
	if (!labelled) return formatAgencyTime(d);
	return locale === 'en' ? `${formatAgencyTime(d)} (Beijing time)` : `${formatAgencyTime(d)}（北京时间）`;
}

/** Formatting helpers bound to one locale, for components. */
export function formatters(locale: Locale) {
	return {
		n: (x: number) => formatNumber(locale, x),
		wan: (fen: number) => formatWan(locale, fen),
		yuan: (yuan: number) => formatNumber(locale, yuan),
		time: (at: string | Date | null | undefined) => agencyTime(at, locale)
	};
}

/** 17500.00 → 17,500.00: exact fen digits as formatFen writes them, grouped for reading. */
export function groupThousands(decimal: string): string {
	const [whole = '', fraction] = decimal.split('.');
	const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A field of a case record as the case and review pages show it: money in yuan, yes/no, lists joined. */
export function showValue(type: string, v: string | number | boolean | string[] | null | undefined): string {
	if (v === null || v === undefined) return '—';
	if (type === 'money' && typeof v === 'number') return `${groupThousands(formatFen(v))} 元`;
	if (type === 'bool') return v ? '是' : '否';
	if (Array.isArray(v)) return v.join('、');
	return String(v);
}
