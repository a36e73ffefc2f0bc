import { NUMBER_SOURCE, readNumber, scaled } from './chinese-numbers';

/**
 * Fines read from the text of a decision or a publicity list's 处罚内容 / 处罚结果: 「罚款4.54万元。」,
 * 「罚款16万元；按日连续处罚118.68万元。」, 「处以人民币贰万元罚款」, and several targets in one decision
 * (「对该公司警告并罚款3千元。对连玮警告并罚款1千元」: 4,000 yuan in all, 3,000 and 1,000 per target). Amounts are
 * exact fen. Confiscations (没收违法所得…) and amounts that are not penalties (欠缴金额, 涉案金额) are not fines.
 */

export interface FineInText {
	/** Whom the fine is on, when the text names targets (「对连玮…」); null for the decision's one party. */
	target: string | null;
	/** Fen. */
	amount: number;
	/** The words the amount was read from. */
	phrase: string;
}

export interface FinesInText {
	/** Fen; null when the text states no fine. */
	total: number | null;
	fines: FineInText[];
}

const AMOUNT = new RegExp(`(?:人民币|RMB|￥|¥)?\\s*(${NUMBER_SOURCE})\\s*(万元|萬元|万|千元|元|圆)(?:整)?`, 'g');
/** Words just before an amount that make it a fine: 罚款, 处罚, 罚金, optionally 共计/人民币 between. */
const FINE_BEFORE = /(?:罚款|处罚|罚金|并处|处以|处)(?:金额)?(?:共计|合计|总计|计|为)?(?:人民币)?\s*$/;
/** Words just after an amount that make it a fine: 「…元罚款」「…元的罚款」. */
const FINE_AFTER = /^\s*(?:的)?(?:罚款|罚金)/;
/** Words in the same clause before an amount that make it something else. */
const NOT_FINE = /没收|违法所得|非法财物|欠缴|未缴|应缴|涉案|补缴|缴存|工资|营业额|货值|销售额|收入/;

/** Fen from a number and its unit as written. */
function fenOf(number: string, unit: string): number | null {
	const d = readNumber(number);
	if (d === null) return null;
	// 万元 → ×10,000 yuan; 千元 → ×1,000; 元 → ×1; then yuan → fen (two places).
	const mult = unit.startsWith('万') || unit.startsWith('萬') ? 10_000n : unit === '千元' ? 1000n : 1n;
	return scaled({ digits: d.digits * mult, scale: d.scale }, 2);
}

/** Sentences of a decision: split at 。；; and line ends, keeping each piece's text. */
function sentences(text: string): string[] {
	return text
		.split(/[。；;\n\r]+/)
		.map((s) => s.trim())
		.filter((s) => s !== '');
}

/** 「对该公司警告并罚款…」「对连玮处以…」: the target a sentence begins with, if any. */
function targetOf(sentence: string): string | null {
	const m = /^(?:\d+[.、)）]\s*)?对([^，,、：:\s]{1,30}?)(?:给予|作出|处以|处|警告|罚款|并处|予以|没收|责令|的)/.exec(sentence);
	return m?.[1] ?? null;
}

export function finesFromText(text: string): FinesInText {
	const fines: FineInText[] = [];
	let currentTarget: string | null = null;
	for (const sentence of sentences(text.normalize('NFKC'))) {
		currentTarget = targetOf(sentence) ?? currentTarget;
		for (const m of sentence.matchAll(AMOUNT)) {
			const start = m.index;
			// The clause the amount stands in: from the last comma before it.
			const before = sentence.slice(0, start);
			const after = sentence.slice(start + m[0].length);
			// 「罚款3千元」: the word of a fine stands right before the amount. 「处5000元罚款」: right after it, and then
			// nothing in the clause before may make the amount something else (「没收违法所得5000元的罚款」 is not).
			if (!FINE_BEFORE.test(before)) {
				if (!FINE_AFTER.test(after)) continue;
				const clause = before.slice(Math.max(before.lastIndexOf('，'), before.lastIndexOf(','), before.lastIndexOf('、')) + 1);
				if (NOT_FINE.test(clause)) continue;
			}
			const amount = fenOf(m[1] ?? '', m[2] ?? '');
			if (amount === null) continue;
			fines.push({ target: currentTarget, amount, phrase: m[0].trim() });
		}
	}
	return { total: fines.length ? fines.reduce((s, f) => s + f.amount, 0) : null, fines };
}
