import { describe, expect, it } from 'vitest';
import { circumstancesFromFacts, type ExtractedKey } from './facts-circumstances';
import { seededRandom } from '../server/demo/random';

/**
 * Facts texts written apart from the extractor's rules, in the ways case ledgers word them: each template states
 * some circumstances (with totals, fines and officers around them that are not the figure), and the values it
 * states are the labels. Numbers are written in Arabic or Chinese numerals at random.
 */

type Values = { people: number; staff: number; months: number; wan: number; priors: number };
type Label = Partial<Record<ExtractedKey, number | boolean | string>>;

function chinese(n: number): string {
	const d = '零一二三四五六七八九';
	if (n < 10) return d[n]!;
	if (n < 20) return '十' + (n % 10 ? d[n % 10] : '');
	if (n < 100) return d[Math.floor(n / 10)]! + '十' + (n % 10 ? d[n % 10] : '');
	const h = Math.floor(n / 100);
	const rest = n % 100;
	return d[h]! + '百' + (rest === 0 ? '' : rest < 10 ? '零' + d[rest] : chinese(rest).replace(/^十/, '一十'));
}

const TEMPLATES: ((v: Values, num: (n: number) => string) => [string, Label])[] = [
	(v, n) => [
		`经查，该单位现有员工${n(v.staff)}人，其中${n(v.people)}人未缴存住房公积金，逾期${n(v.months)}个月。`,
		{ employees_affected: v.people, months_overdue: v.months }
	],
	(v, n) => [
		`当事人未为${n(v.people)}名职工办理住房公积金账户设立手续，持续时间达${n(v.months)}个月，执法人员2名到场检查。`,
		{ employees_affected: v.people, months_overdue: v.months }
	],
	(v, n) => [
		`涉及未缴存职工${n(v.people)}人，应缴未缴金额共计${v.wan}万元。该单位两年内曾因同类违法行为被处罚${n(v.priors)}次。`,
		{ employees_affected: v.people, amount_involved: Math.round(v.wan * 1_000_000), prior_violations: v.priors }
	],
	(v, n) => [
		`我中心接到投诉后调查发现，${n(v.people)}名员工的住房公积金均未缴存，拖欠金额${v.wan}万元；当事人拒不配合调查。`,
		{ employees_affected: v.people, amount_involved: Math.round(v.wan * 1_000_000), cooperated: false }
	],
	(v, n) => [
		`该公司在职职工共${n(v.staff)}名，未为其中${n(v.people)}名职工缴存。\n当事人积极配合调查，如实提供了工资表。`,
		{ employees_affected: v.people, cooperated: true }
	],
	(v) => [
		`当事人自2021年3月起至2021年${3 + Math.min(v.months, 9)}月止未缴存住房公积金。\n经责令限期办理，当事人已补办缴存登记手续。`,
		{ months_overdue: Math.min(v.months, 9), rectified: true }
	],
	(v, n) => [`经调查，当事人逾期不缴住房公积金已长达${n(v.months)}个月，截至立案之日仍未改正。`, { months_overdue: v.months, rectified: false }],
	(v, n) => [
		`该单位此前已被我中心处罚过${n(v.priors)}次，此次再次违法，涉及职工${n(v.people)}人。`,
		{ prior_violations: v.priors, employees_affected: v.people }
	],
	() => [`该单位无同类违法记录，违法行为未造成危害后果，且在责令期限内主动改正。`, { prior_violations: 0, harm: '无', rectified: true }],
	(v, n) => [
		`现查明：当事人欠缴住房公积金人民币${v.wan}万元，涉及${n(v.people)}名劳动者，造成严重后果，社会影响恶劣。`,
		{ amount_involved: Math.round(v.wan * 1_000_000), employees_affected: v.people, harm: '严重' }
	],
	(v, n) => [
		`2023年5月，执法人员对当事人进行检查，发现其未为${n(v.people)}人办理缴存登记。\n当事人在调查中阻挠执法人员检查。`,
		{ employees_affected: v.people, cooperated: false }
	],
	(v, n) => [
		`当事人属首次违法，危害后果轻微，涉及员工${n(v.people)}人，违法持续${n(v.months)}个月。`,
		{ prior_violations: 0, harm: '轻微', employees_affected: v.people, months_overdue: v.months }
	],
	(v, n) => [
		`经核实，该单位共有${n(v.staff)}名员工，有${n(v.people)}名员工未缴存住房公积金，累计欠缴${v.wan}万元。`,
		{ employees_affected: v.people, amount_involved: Math.round(v.wan * 1_000_000) }
	],
	(v, n) => [`当事人在规定期限内仍未办理住房公积金缴存登记。违法状态持续${n(v.months)}个月。`, { rectified: false, months_overdue: v.months }],
	(v, n) => [`当事人两年内第${n(Math.max(v.priors, 1))}次因未办理缴存登记被查处。\n调查期间当事人能够配合调查。`, { cooperated: true }],
	(v, n) => [
		`涉案金额${Math.round(v.wan * 10_000).toLocaleString('en-US')}元。当事人于立案后及时整改，为${n(v.people)}名职工补缴了住房公积金。`,
		{ amount_involved: Math.round(v.wan * 1_000_000), rectified: true }
	],
	(v, n) => [`该单位拒绝提供职工花名册，经多方核实，未缴存职工为${n(v.people)}人。`, { cooperated: false, employees_affected: v.people }],
	(v, n) => [
		`该单位${n(v.people)}名员工自入职起即未缴存住房公积金，时间长达${n(v.months)}个月，罚款2万元。`,
		{ employees_affected: v.people, months_overdue: v.months }
	],
	(v, n) => [`当事人曾于2022年因同类违法行为受到行政处罚，本次涉及人员${n(v.people)}名。`, { prior_violations: 1, employees_affected: v.people }],
	(v) => [`当事人的违法行为造成一定社会影响，应缴未缴金额为${v.wan}万元。`, { harm: '一般', amount_involved: Math.round(v.wan * 1_000_000) }],
	(v, n) => [
		`该公司没有为${n(v.people)}位员工缴存住房公积金，逾期${n(v.months)}个月未缴。当事人如实陈述了违法事实。`,
		{ employees_affected: v.people, months_overdue: v.months, cooperated: true }
	],
	(v, n) => [
		`经查，当事人两年内未曾受到住房公积金行政处罚。全公司员工${n(v.staff)}人中有${n(v.people)}人未办理缴存。`,
		{ prior_violations: 0, employees_affected: v.people }
	]
];

describe('circumstances read from the facts text', () => {
	it('reads each stated circumstance exactly in at least 95% of texts written in 22 phrasings apart from the rules', () => {
		const r = seededRandom(7).next;
		const int = (a: number, b: number) => a + Math.floor(r() * (b - a + 1));
		const stated: Partial<Record<ExtractedKey, number>> = {};
		const exact: Partial<Record<ExtractedKey, number>> = {};
		const misses: string[] = [];
		for (const template of TEMPLATES)
			for (let i = 0; i < 30; i++) {
				const people = int(1, 180);
				const v: Values = { people, staff: people + int(5, 300), months: int(1, 36), wan: int(1, 9999) / 100, priors: int(1, 3) };
				const num = (n: number) => (r() < 0.5 ? String(n) : chinese(n));
				const [text, label] = template(v, num);
				const got = new Map(circumstancesFromFacts(text).map((x) => [x.key, x.value]));
				for (const [key, value] of Object.entries(label) as [ExtractedKey, number | boolean | string][]) {
					stated[key] = (stated[key] ?? 0) + 1;
					if (got.get(key) === value) exact[key] = (exact[key] ?? 0) + 1;
					else if (misses.length < 40 && key !== 'rectified') misses.push(`${key}: ${String(got.get(key))} ≠ ${String(value)} in ${text}`);
				}
			}
		const rates = Object.fromEntries(Object.entries(stated).map(([k, n]) => [k, (exact[k as ExtractedKey] ?? 0) / n]));
		for (const [key, rate] of Object.entries(rates)) expect(rate, `${key}: ${JSON.stringify(rates)}\n${misses.join('\n')}`).toBeGreaterThanOrEqual(0.95);
		expect(Object.keys(rates).sort()).toEqual([
			'amount_involved',
			'cooperated',
			'employees_affected',
			'harm',
			'months_overdue',
			'prior_violations',
			'rectified'
		]);
	});

	it('keeps the phrase each value came from, and leaves unstated circumstances unknown', () => {
		const found = circumstancesFromFacts('经查，该单位现有员工250人，其中23人未缴存。\n当事人拒不配合调查。');
		expect(found).toEqual([
			{ key: 'employees_affected', value: 23, phrase: '其中23人未缴存' },
			{ key: 'cooperated', value: false, phrase: '当事人拒不配合调查' }
		]);
		// The violation itself (未办理) says nothing of a correction after the order.
		expect(circumstancesFromFacts('当事人未按规定办理缴存登记。')).toEqual([]);
		expect(circumstancesFromFacts('')).toEqual([]);
	});
});
