/**
 * Numbers as Chinese texts write them: Arabic digits (half- or full-width, with thousands separators), Chinese
 * numerals (二十三, 一百零五, 十一万五千), the financial forms of decisions (贰万伍仟), and the two mixed (1.5万, 3千).
 * Values are exact: a decimal is kept as digits and scaled by its unit as text, never through floating point.
 */

const DIGIT: Readonly<Record<string, number>> = {
	零: 0,
	〇: 0,
	'○': 0,
	一: 1,
	壹: 1,
	二: 2,
	两: 2,
	贰: 2,
	貳: 2,
	三: 3,
	叁: 3,
	參: 3,
	四: 4,
	肆: 4,
	五: 5,
	伍: 5,
	六: 6,
	陆: 6,
	陸: 6,
	七: 7,
	柒: 7,
	八: 8,
	捌: 8,
	九: 9,
	玖: 9
};

/** Units inside a section of up to four digits. */
const SMALL_UNIT: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };

/** The characters a Chinese numeral is written with, for patterns that find numbers in text. */
export const CHINESE_NUMERAL_CHARS = `${Object.keys(DIGIT).join('')}${Object.keys(SMALL_UNIT).join('')}万萬亿億廿`;

/** A number in a text: Arabic (with separators and a decimal part) or Chinese numerals, optionally followed by 万/千/百/亿. */
export const NUMBER_SOURCE = `(?:\\d[\\d,，]*(?:\\.\\d+)?\\s*[万萬千仟百佰亿億]?|[${CHINESE_NUMERAL_CHARS}]+)`;

/** Half-width digits and punctuation (全角 → 半角), so that ０-９ and ． read as digits. */
function halfWidth(s: string): string {
	return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** A value as an exact decimal: integer digits scaled down by `scale` decimal places (12.5 → { digits: 125n, scale: 1 }). */
export interface Decimal {
	digits: bigint;
	scale: number;
}

/** Whole Chinese numerals (no Arabic digits): 二十三 → 23, 一百零五 → 105, 十一万五千 → 115000, 一亿二千万 → 120000000. */
function chineseInteger(s: string): bigint | null {
	const text = s.replace(/廿/g, '二十');
	let yi = 0n; // the part in 亿
	let wan = 0n; // the part in 万, below 亿
	let section = 0; // below 万
	let digit: number | null = null;
	let sawAny = false;
	for (const ch of text) {
		const d = DIGIT[ch];
		if (d !== undefined) {
			// Two non-zero digits in a row with no unit between them (一九九八) read as a digit string.
			if (digit !== null && digit !== 0 && d !== 0) return digitString(text);
			digit = d;
		} else if (ch in SMALL_UNIT) {
			section += (digit ?? 1) * (SMALL_UNIT[ch] ?? 1);
			digit = null;
		} else if (ch === '万' || ch === '萬') {
			const below = section + (digit ?? 0);
			wan = BigInt(below === 0 && !sawAny ? 1 : below) * 10_000n;
			section = 0;
			digit = null;
		} else if (ch === '亿' || ch === '億') {
			const below = wan + BigInt(section + (digit ?? 0));
			yi = (yi + (below === 0n && !sawAny ? 1n : below)) * 100_000_000n;
			wan = 0n;
			section = 0;
			digit = null;
		} else return null;
		sawAny = true;
	}
	if (!sawAny) return null;
	return yi + wan + BigInt(section + (digit ?? 0));
}

/** 一九九八 → 1998: a numeral written digit by digit. */
function digitString(s: string): bigint | null {
	let out = '';
	for (const ch of s) {
		const d = DIGIT[ch];
		if (d === undefined) return null;
		out += String(d);
	}
	return out ? BigInt(out) : null;
}

const UNIT_OF: Readonly<Record<string, bigint>> = { 万: 10_000n, 萬: 10_000n, 千: 1000n, 仟: 1000n, 百: 100n, 佰: 100n, 亿: 100_000_000n, 億: 100_000_000n };

/**
 * Reads one number as written: 「23」「1,200」「4.54万」「3千」「二十三」「十一万五千」「贰万伍仟」. Null when the text is
 * not a number. Exact: the result is a decimal (digits and scale).
 */
export function readNumber(text: string): Decimal | null {
	const t = halfWidth(text).replace(/\s+/g, '').replace(/[,，]/g, '');
	if (t === '') return null;
	const arabic = /^(\d+)(?:\.(\d+))?([万萬千仟百佰亿億]?)$/.exec(t);
	if (arabic) {
		const frac = arabic[2] ?? '';
		const digits = BigInt((arabic[1] ?? '0') + frac);
		const unit = arabic[3] ? (UNIT_OF[arabic[3]] ?? 1n) : 1n;
		return normalise({ digits: digits * unit, scale: frac.length });
	}
	// Arabic then Chinese units (3万5千 is rare; 1万2千 occurs): read section by section.
	if (/^\d/.test(t)) {
		const converted = t.replace(/\d+/g, (d) => [...d].map((c) => '零一二三四五六七八九'[Number(c)]).join(''));
		const n = chineseInteger(converted);
		return n === null ? null : { digits: n, scale: 0 };
	}
	const n = chineseInteger(t);
	return n === null ? null : { digits: n, scale: 0 };
}

/** Drops trailing zeros of the fraction: 45400.00 → 45400. */
function normalise(d: Decimal): Decimal {
	let { digits, scale } = d;
	while (scale > 0 && digits % 10n === 0n) {
		digits /= 10n;
		scale--;
	}
	return { digits, scale };
}

/** A decimal as a JavaScript number, when it is a safe integer after scaling to `places` decimals; null otherwise. */
export function scaled(d: Decimal, places: number): number | null {
	if (d.scale > places) return null;
	const v = d.digits * 10n ** BigInt(places - d.scale);
	return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : null;
}

/** A whole number as written (people, months, times): null when the text is not one. */
export function readCount(text: string): number | null {
	const d = readNumber(text);
	return d === null ? null : scaled(d, 0);
}
