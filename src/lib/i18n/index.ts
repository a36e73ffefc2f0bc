import i18next, { type TFunction } from 'i18next';
import { zhCN, type MessageKey } from './zh-CN';
import { en } from './en';
import { zhErrors } from './errors.zh-CN';
import { enErrors } from './errors.en';
import { asList, isTerm, type Key, type Text, type Value } from './message';

export type { MessageKey };
export type { ErrorKey } from './errors.zh-CN';
export { issueMessages, msg, type Key, type Message, type Term, type Text } from './message';
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
	resources: { 'zh-CN': { translation: { ...zhCN, ...zhErrors } }, en: { translation: { ...en, ...enErrors } } },
	lng: DEFAULT_LOCALE,
	fallbackLng: DEFAULT_LOCALE,
	keySeparator: false,
	nsSeparator: false,
	interpolation: { escapeValue: false }
});

/** A key with its values, or a message (or several) a server error carried: both render in one locale. */
export interface Translate {
	(key: Key, values?: Record<string, string | number>): string;
	(text: Text): string;
}

const fixed = new Map<Locale, TFunction>(LOCALES.map((l) => [l, instance.getFixedT(l)]));

export function translator(locale: Locale): Translate {
	const t = fixed.get(locale) ?? instance.getFixedT(DEFAULT_LOCALE);
	// Names from data (a field's header and English name) arrive as both; each language takes its own.
	const own = (v: Value) => (isTerm(v) ? (locale === 'en' ? v.en : v.zh) : v);
	const one = (key: Key, values?: Record<string, Value>) => t(key, values ? Object.fromEntries(Object.entries(values).map(([k, v]) => [k, own(v)])) : {});
	function translate(key: Key, values?: Record<string, string | number>): string;
	function translate(text: Text): string;
	function translate(a: Key | Text, values?: Record<string, string | number>): string {
		if (typeof a === 'string') return one(a, values);
		return asList(a)
			.map((m) => one(m.key, m.values))
			.join(t('msg.join'));
	}
	return translate;
}

/** A JSON API's error body: `error` in Chinese as documented, and `message` for a page to show in its reader's language. */
export function errorBody(text: Text): { error: string; message: Text } {
	return { error: translator('zh-CN')(text), message: text };
}

/** The Chinese and the English of a message, for JSON APIs (documented as `{zh, en}`) and the command line. */
export function bilingual(text: Text): { zh: string; en: string } {
	return { zh: translator('zh-CN')(text), en: translator('en')(text) };
}

/** Numbers and money as the locale writes them. */
export function formatNumber(locale: Locale, n: number, digits = 0): string {
	return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** Fen as 万元 with two decimals, the unit of the annual report. */
export function formatWan(locale: Locale, fen: number): string {
	return formatNumber(locale, fen / 1_000_000, 2);
}
