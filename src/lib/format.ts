import { formatNumber, formatWan, type Locale } from './i18n';
import { formatFen } from './domain/cell-values';

/** Formatting helpers bound to one locale, for components. */
export function formatters(locale: Locale) {
	return {
		n: (x: number) => formatNumber(locale, x),
		wan: (fen: number) => formatWan(locale, fen),
		yuan: (yuan: number) => formatNumber(locale, yuan)
	};
}

/** A field of a case record as the case and review pages show it: money in yuan, yes/no, lists joined. */
export function showValue(type: string, v: string | number | boolean | string[] | null | undefined): string {
	if (v === null || v === undefined) return '—';
	if (type === 'money' && typeof v === 'number') return `${formatFen(v)} 元`;
	if (type === 'bool') return v ? '是' : '否';
	if (Array.isArray(v)) return v.join('、');
	return String(v);
}
