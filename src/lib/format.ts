import { formatNumber, formatWan, type Locale } from './i18n';

/** Formatting helpers bound to one locale, for components. */
export function formatters(locale: Locale) {
	return {
		n: (x: number) => formatNumber(locale, x),
		wan: (fen: number) => formatWan(locale, fen),
		yuan: (yuan: number) => formatNumber(locale, yuan)
	};
}
