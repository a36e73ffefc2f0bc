import { writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { seededRandom, type Random } from './random';
import { CENTRES, VIOLATIONS } from './peers';

/**
 * A large penalty publicity list of peer centres in the style of the real ones (the national emission list, the
 * 双公示 exports): the fine in a 万元 column for some rows and only in the content text for the rest, written in
 * Arabic or Chinese (also financial) numerals, sometimes against two targets; dates written three ways; and texts of
 * other fields that match no item. For the import benchmark, with the figures the import must read back.
 */

const OTHER_VIOLATIONS = [
	{ text: '超标排放大气污染物', basis: '《中华人民共和国大气污染防治法》第九十九条' },
	{ text: '未按规定设置安全警示标志', basis: '《中华人民共和国安全生产法》第九十九条' }
] as const;

const HEADER = [
	'行政相对人名称',
	'行政相对人类别',
	'统一社会信用代码',
	'行政处罚决定书文号',
	'违法行为类型',
	'处罚依据',
	'处罚类别',
	'处罚内容',
	'罚款金额（万元）',
	'处罚决定日期',
	'处罚机关',
	'数据来源单位',
	'备注'
];

const DIGITS = '零一二三四五六七八九';
const FINANCIAL: Record<string, string> = {
	一: '壹',
	二: '贰',
	三: '叁',
	四: '肆',
	五: '伍',
	六: '陆',
	七: '柒',
	八: '捌',
	九: '玖',
	十: '拾',
	百: '佰',
	千: '仟'
};

/** 1–9999 in Chinese numerals: 二千零五十 (a zero once for any gap, none at the end). */
function section(n: number): string {
	let out = '';
	let gap = false;
	for (const [unit, place] of [
		['千', 1000],
		['百', 100],
		['十', 10],
		['', 1]
	] as const) {
		const d = Math.floor(n / place) % 10;
		if (d === 0) {
			if (out) gap = true;
			continue;
		}
		if (gap) out += '零';
		gap = false;
		out += DIGITS[d] + unit;
	}
	return out;
}

/** A whole number of yuan below 一亿 in Chinese numerals (二万零五百), or in financial ones (贰万零伍佰). */
export function chineseAmount(n: number, financial = false): string {
	const wan = Math.floor(n / 10_000);
	const rest = n % 10_000;
	let s = wan ? `${section(wan)}万` : '';
	if (rest) s += (wan && rest < 1000 ? '零' : '') + section(rest);
	s ||= '零';
	return financial ? [...s].map((c) => FINANCIAL[c] ?? c).join('') : s;
}

/** How one amount of yuan is written in a content text. */
function written(r: Random, yuan: number): string {
	switch (r.int(0, 4)) {
		case 0:
			return `${yuan}元`;
		case 1:
			return `${yuan.toLocaleString('en-US')}元`;
		case 2:
			return `${yuan / 10_000}万元`;
		case 3:
			return `人民币${chineseAmount(yuan)}元`;
		default:
			return `人民币${chineseAmount(yuan, true)}元整`;
	}
}

function date(r: Random, year: number): string {
	const m = r.int(1, 12);
	const d = r.int(1, 28);
	const style = r.int(0, 5);
	if (style === 0) return `${year}年${m}月${d}日`;
	if (style === 1) return `${year}/${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}`;
	return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export interface PublicityList {
	path: string;
	rows: number;
	/** Rows whose fine is only in the content text. */
	finesInTextOnly: number;
	/** Every row's fine, summed, in fen: what the import must read. */
	fineTotalFen: number;
}

export function writePublicityList(path: string, rows: number, seed = 1): PublicityList {
	const r = seededRandom(seed * 7919);
	const out: string[][] = [];
	let finesInTextOnly = 0;
	let fineTotalFen = 0;
	for (let i = 0; i < rows; i++) {
		const c = r.pick(CENTRES);
		const v = r.chance(0.85) ? r.pick(VIOLATIONS) : r.pick(OTHER_VIOLATIONS);
		const year = r.int(2021, 2025);
		const yuan = Math.min(50_000, Math.max(5_000, Math.round((r.normal(24_000, 8_000) * c.level) / 100) * 100));
		const party = `${c.region}${r.pick(['宏达', '新兴', '永安', '华联', '恒通', '建安', '瑞丰', '金桥'])}${r.pick(['商贸', '建筑', '物流', '餐饮', '科技', '制造'])}有限公司`;
		// A fifth of the decisions fine the person in charge as well: two targets, summed.
		const second = r.chance(0.2) ? Math.round(r.int(1_000, 10_000) / 100) * 100 : 0;
		const content = second
			? `对${party}处以罚款${written(r, yuan)}；对直接负责的主管人员${r.pick(['王某', '李某', '张某'])}罚款${written(r, second)}`
			: r.pick([`罚款${written(r, yuan)}`, `责令限期改正，并处${written(r, yuan)}罚款`, `警告，罚款${written(r, yuan)}。`]);
		const inColumn = r.chance(0.35);
		if (!inColumn) finesInTextOnly++;
		fineTotalFen += (yuan + second) * 100;
		out.push([
			party,
			'法人及非法人组织',
			'',
			`${c.region.slice(0, 2)}罚字〔${year}〕第${i + 1}号`,
			v.text,
			v.basis,
			content.includes('警告') ? '警告;罚款' : '罚款',
			content,
			inColumn ? String((yuan + second) / 10_000) : '',
			date(r, year),
			c.name,
			c.name,
			''
		]);
	}
	writeFileSync(path, '\uFEFF' + Papa.unparse([HEADER, ...out], { newline: '\r\n' }) + '\r\n');
	return { path, rows, finesInTextOnly, fineTotalFen };
}
