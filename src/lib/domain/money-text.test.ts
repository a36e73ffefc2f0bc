import { describe, expect, it } from 'vitest';
import { finesFromText } from './money-text';
import { readCount, readNumber } from './chinese-numbers';
import { seededRandom } from '../server/demo/random';

describe('numbers as Chinese texts write them', () => {
	it('reads Arabic, Chinese and financial numerals, and the two mixed, exactly', () => {
		const cases: [string, number][] = [
			['23', 23],
			['1,200', 1200],
			['１２３', 123],
			['二十三', 23],
			['十', 10],
			['十五', 15],
			['一百零五', 105],
			['一千零二十', 1020],
			['两千', 2000],
			['十一万五千', 115000],
			['三万五千', 35000],
			['一亿二千万', 120_000_000],
			['贰万伍仟', 25000],
			['壹佰万', 1_000_000],
			['廿三', 23],
			['一九九八', 1998],
			['3千', 3000],
			['1万2千', 12000]
		];
		for (const [text, n] of cases) expect(readCount(text), text).toBe(n);
		expect(readNumber('4.54万')).toEqual({ digits: 45400n, scale: 0 });
		expect(readNumber('24.7022万')).toEqual({ digits: 247022n, scale: 0 });
		expect(readNumber('0.5')).toEqual({ digits: 5n, scale: 1 });
		expect(readCount('0.5')).toBeNull();
		expect(readNumber('abc')).toBeNull();
		expect(readNumber('')).toBeNull();
	});
});

/** Integers as Chinese numerals, written here independently of the reader: plain (二千零五) or financial (贰仟零伍). */
function toChinese(n: number, financial: boolean): string {
	const digits = financial ? '零壹贰叁肆伍陆柒捌玖' : '零一二三四五六七八九';
	const units = financial ? ['', '拾', '佰', '仟'] : ['', '十', '百', '千'];
	const section = (x: number): string => {
		let out = '';
		let zero = false;
		for (let i = 3; i >= 0; i--) {
			const d = Math.floor(x / 10 ** i) % 10;
			if (d === 0) {
				zero = out !== '';
				continue;
			}
			if (zero) out += digits[0];
			zero = false;
			out += digits[d]! + units[i]!;
		}
		return out;
	};
	if (n === 0) return digits[0]!;
	const wan = Math.floor(n / 10_000);
	const rest = n % 10_000;
	let out = wan ? section(wan) + '万' : '';
	if (rest) out += (wan && rest < 1000 ? digits[0] : '') + section(rest);
	return out;
}

interface Labelled {
	text: string;
	total: number | null;
	targets?: [string | null, number][];
}

/** Phrases in the styles of published decisions and publicity lists, each with the fine it states, in fen. */
function labelledSet(): Labelled[] {
	const r = seededRandom(20261207).next;
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
	const int = (a: number, b: number) => a + Math.floor(r() * (b - a + 1));
	const yuanStyles: ((y: number) => [string, number])[] = [
		(y) => [`罚款${y}元`, y * 100],
		(y) => [`罚款${y.toLocaleString('en-US')}元`, y * 100],
		(y) => [`处以${y}元罚款`, y * 100],
		(y) => [`处${toChinese(y, false)}元的罚款`, y * 100],
		(y) => [`罚款人民币${toChinese(y, true)}元整`, y * 100],
		(y) => [`并处罚款人民币${y}元`, y * 100],
		(y) => [`罚款（人民币）${y}元`.replace('（人民币）', '人民币'), y * 100]
	];
	const out: Labelled[] = [];
	const tails = ['。', '；责令限期治理。', '，责令限期改正。', '', '；限制生产。'];
	for (let i = 0; i < 120; i++) {
		const [text, fen] = pick(yuanStyles)(int(1, 500) * pick([10, 100, 1000]));
		out.push({ text: `${pick(['', '警告，', '警告并'])}${text}${pick(tails)}`, total: fen });
	}
	for (let i = 0; i < 80; i++) {
		// 万元 with up to four decimals, as the national list writes them: 4.54万元, 24.7022万元.
		const tenThousandths = int(1, 9_000_000);
		const places = pick([0, 2, 4]);
		const value = places === 0 ? Math.round(tenThousandths / 10_000) || 1 : places === 2 ? Math.round(tenThousandths / 100) / 100 : tenThousandths / 10_000;
		const text = value.toFixed(places === 0 ? 0 : places);
		const fen = Math.round(Number(text) * 1_000_000);
		const daily = r() < 0.4 ? int(1, 90_000) / 100 : null;
		const dailyFen = daily === null ? 0 : Math.round(daily * 1_000_000);
		const sep = pick(['；', '，']);
		out.push({
			text: `罚款${text}万元${daily === null ? '' : `${sep}按日连续处罚${daily.toFixed(2)}万元`}${pick(tails)}`,
			total: fen + dailyFen
		});
	}
	for (let i = 0; i < 60; i++) {
		// Several targets in one decision, each with its fine, in 千元 or 元.
		const a = int(1, 50);
		const b = int(1, 20);
		const company = pick(['该公司', '临江市甲有限公司', '当事人单位']);
		const person = pick(['连玮', '张某', '王某某']);
		out.push({
			text: `对${company}警告并罚款${a}千元。对${person}警告并罚款${b}千元`,
			total: (a + b) * 100_000,
			targets: [
				[company, a * 100_000],
				[person, b * 100_000]
			]
		});
	}
	for (let i = 0; i < 40; i++) {
		// Amounts that are not fines beside one that is, and texts with no fine at all.
		const fine = int(1, 90) * 1000;
		const other = int(1, 900) * 100;
		const kind = i % 4;
		if (kind === 0) out.push({ text: `没收违法所得${other}元，并处罚款${fine}元。`, total: fine * 100 });
		else if (kind === 1) out.push({ text: `经查欠缴住房公积金${other}元，责令限期缴存。`, total: null });
		else if (kind === 2) out.push({ text: `警告；责令限期治理。`, total: null });
		else out.push({ text: `涉案金额${other}元，处${fine}元罚款。`, total: fine * 100 });
	}
	return out;
}

describe('fines read from decision and publicity texts', () => {
	it('reads the national list as it is written', () => {
		const real: [string, number | null][] = [
			['警告。', null],
			['罚款4.54万元。', 4_540_000],
			['罚款16万元；按日连续处罚118.68万元。', 134_680_000],
			['罚款10万元；责令限期治理。', 10_000_000],
			['按日连续处罚360万元。', 360_000_000],
			['罚款24.7022万元，按日连续处罚707.7324万元。', 73_243_4600],
			['罚款0.81万元，按日连续处罚13.90万元。', 14_710_000],
			['罚款10万元；按日连续处罚270万元；限制生产。', 280_000_000],
			['警告；责令限期治理。', null]
		];
		for (const [text, total] of real) expect(finesFromText(text).total, text).toBe(total);
	});

	it('keeps several targets apart and sums them', () => {
		const r = finesFromText('对该公司警告并罚款3千元。对连玮警告并罚款1千元');
		expect(r.total).toBe(400_000);
		expect(r.fines.map((f) => [f.target, f.amount])).toEqual([
			['该公司', 300_000],
			['连玮', 100_000]
		]);
	});

	it('is exact on a labelled set of over 300 phrases', () => {
		const set = labelledSet();
		expect(set.length).toBeGreaterThanOrEqual(300);
		const wrong = set.filter((x) => {
			const r = finesFromText(x.text);
			if (r.total !== x.total) return true;
			return x.targets ? JSON.stringify(r.fines.map((f) => [f.target, f.amount])) !== JSON.stringify(x.targets) : false;
		});
		expect(wrong.map((x) => `${x.text} → ${JSON.stringify(finesFromText(x.text))} (expected ${x.total})`)).toEqual([]);
	});
});
