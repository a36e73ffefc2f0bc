import i18next, { type TFunction } from 'i18next';
import { zhCN, type MessageKey } from './zh-CN';
import { en } from './en';

export type { MessageKey };
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_COOKIE = 'lang';

export function isLocale(s: unknown): s is Locale {
	return typeof s === 'string' && (LOCALES as readonly string[]).includes(s);
}

// One i18next instance, initialised synchronously with both bundles; a fixed-locale t() per request keeps
// concurrent requests in different languages apart.
const instance = i18next.createInstance();
void instance.init({
	initAsync: false,
	resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
	lng: DEFAULT_LOCALE,
	fallbackLng: DEFAULT_LOCALE,
	keySeparator: false,
	nsSeparator: false,
	interpolation: { escapeValue: false }
});

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

const fixed = new Map<Locale, TFunction>(LOCALES.map((l) => [l, instance.getFixedT(l)]));

export function translator(locale: Locale): Translate {
	const t = fixed.get(locale) ?? instance.getFixedT(DEFAULT_LOCALE);
	return (key, values) => t(key, values ?? {});
}

/** Numbers and money as the locale writes them. */
export function formatNumber(locale: Locale, n: number, digits = 0): string {
	return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** Fen as 万元 with two decimals, the unit of the annual report. */
export function formatWan(locale: Locale, fen: number): string {
	return formatNumber(locale, fen / 1_000_000, 2);
}
