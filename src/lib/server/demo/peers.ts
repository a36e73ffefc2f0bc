import { writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { seededRandom } from './random';

/**
 * A small penalty publicity list of four other centres, in the 双公示 columns, so that the comparison with peer
 * agencies is not empty on a fresh start. The centres keep to different levels on purpose (one strict, one
 * lenient), and the texts state the fines the ways real lists do: a fine column in 万元, or only the content.
 */

export const CENTRES = [
	{ name: '江城市住房公积金管理中心', region: '江城市', level: 1.0 },
	{ name: '海湾市住房公积金管理中心', region: '海湾市', level: 1.25 },
	{ name: '山阳市住房公积金管理中心', region: '山阳市', level: 0.8 },
	{ name: '北岭市住房公积金管理中心', region: '北岭市', level: 1.05 }
] as const;

export const VIOLATIONS = [
	{ text: '单位不办理住房公积金缴存登记', basis: '《住房公积金管理条例》第三十七条' },
	{ text: '单位未按规定办理住房公积金缴存登记', basis: '《住房公积金管理条例》第十四条、第三十七条' },
	{ text: '单位不为本单位职工办理住房公积金账户设立手续', basis: '《住房公积金管理条例》第十五条、第三十七条' },
	{ text: '未为职工办理住房公积金账户设立手续', basis: '《住房公积金管理条例》第三十七条' }
] as const;

const HEADER = [
	'行政相对人名称',
	'行政相对人类别',
	'行政处罚决定书文号',
	'违法行为类型',
	'处罚依据',
	'处罚类别',
	'处罚内容',
	'罚款金额（万元）',
	'处罚决定日期',
	'处罚机关',
	'区域'
];

/** Writes the list and returns its path and row count. */
export function writePeerList(path: string, seed = 1, rows = 160): { path: string; rows: number } {
	const r = seededRandom(seed * 31337);
	const out: string[][] = [];
	for (let i = 0; i < rows; i++) {
		const c = r.pick(CENTRES);
		const v = r.pick(VIOLATIONS);
		const year = r.int(2021, 2025);
		// Fines inside the statute (10,000–50,000 yuan), around each centre's own level, to the hundred.
		const yuan = Math.min(50_000, Math.max(10_000, Math.round((r.normal(24_000, 7_000) * c.level) / 100) * 100));
		const inColumn = r.chance(0.4);
		const content = r.pick([`罚款${yuan}元`, `处以${yuan.toLocaleString('en-US')}元罚款`, `责令限期办理，并处罚款人民币${yuan}元`, `罚款${yuan / 10_000}万元`]);
		out.push([
			`${c.region}${r.pick(['宏达', '新兴', '永安', '华联', '恒通', '建安'])}${r.pick(['商贸', '建筑', '物流', '餐饮', '科技'])}有限公司`,
			'法人及非法人组织',
			`${c.region.slice(0, 2)}公积金罚字〔${year}〕第${i + 1}号`,
			v.text,
			v.basis,
			'罚款',
			content,
			inColumn ? String(yuan / 10_000) : '',
			`${year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
			c.name,
			c.region
		]);
	}
	writeFileSync(path, '\uFEFF' + Papa.unparse([HEADER, ...out], { newline: '\r\n' }) + '\r\n');
	return { path, rows };
}
