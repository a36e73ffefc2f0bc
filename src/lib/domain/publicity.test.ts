import { describe, expect, it } from 'vitest';
import { fenToWanExact, penaltyContent, PUBLICITY_COLUMNS, publicityEndDate, publicityRow, type PublicityCase } from './publicity';

const company: PublicityCase = {
	agency: '临江市住房公积金管理中心',
	case_id: 'LJ2025CF00001',
	category: '行政处罚',
	party_type: '法人及非法人组织',
	party_name: '临江市某某科技有限公司',
	party_id: '91350700MA2XYZ1234',
	decision_no: '临公积金罚决字〔2025〕第0001号',
	item_name: '单位不办理住房公积金缴存登记',
	legal_basis: '《住房公积金管理条例》第十四条、第十五条、第三十七条',
	penalty_types: ['警告', '罚款'],
	fine_amount: 3_500_000,
	confiscated_amount: null,
	decided_on: '2025-03-14',
	extra: {}
};
const person: PublicityCase = {
	...company,
	case_id: 'LJ2025CF00002',
	party_type: '自然人',
	party_name: '张三丰',
	party_id: '350702199001011234',
	decision_no: '临公积金罚决字〔2025〕第0002号',
	penalty_types: ['罚款'],
	fine_amount: 1_234_567
};
const ctx = { agencyCode: '12350700MB0000000X' };

describe('双公示 export row (RULES.md §5)', () => {
	it('has the 25 columns of the format, in its order and with its names', () => {
		expect(PUBLICITY_COLUMNS).toEqual([
			'行政相对人名称',
			'行政相对人类别',
			'统一社会信用代码',
			'法定代表人',
			'法定代表人证件类型',
			'法定代表人证件号码',
			'证件类型',
			'证件号码',
			'行政处罚决定书文号',
			'违法行为类型',
			'违法事实',
			'处罚依据',
			'处罚类别',
			'处罚内容',
			'罚款金额（万元）',
			'没收违法所得、没收非法财物的金额（万元）',
			'暂扣或吊销证照名称及编号',
			'处罚决定日期',
			'处罚有效期',
			'公示截止期',
			'处罚机关',
			'处罚机关统一社会信用代码',
			'数据来源单位',
			'数据来源单位统一社会信用代码',
			'备注'
		]);
		expect(Object.keys(publicityRow(company, ctx))).toEqual([...PUBLICITY_COLUMNS]);
	});

	it("masks a natural person's ID number but the first and last characters, and keeps organisations' codes", () => {
		const p = publicityRow(person, ctx);
		expect(p.证件号码).toBe('3****************4');
		expect(p.证件类型).toBe('身份证');
		expect(p.统一社会信用代码).toBe('');
		expect(JSON.stringify(p)).not.toContain('350702199001011234');
		const c = publicityRow(company, ctx);
		expect(c.统一社会信用代码).toBe('91350700MA2XYZ1234');
		expect(c.证件号码).toBe('');
	});

	it("masks a legal representative's ID number that the import kept, and uses the source system's own texts", () => {
		const c = publicityRow(
			{ ...company, extra: { 法定代表人: '李四', 法定代表人证件号码: '350702198001012345', 违法事实: '未在规定期限内办理缴存登记' } },
			ctx
		);
		expect([c.法定代表人, c.法定代表人证件类型, c.法定代表人证件号码, c.违法事实]).toEqual([
			'李四',
			'身份证',
			'3****************5',
			'未在规定期限内办理缴存登记'
		]);
	});

	it('writes amounts in exact 万元, the content in words, and the agency and its code', () => {
		const c = publicityRow(company, ctx);
		expect(c['罚款金额（万元）']).toBe('3.5');
		expect(publicityRow(person, ctx)['罚款金额（万元）']).toBe('1.234567');
		expect(c['没收违法所得、没收非法财物的金额（万元）']).toBe('');
		expect(c.处罚类别).toBe('警告;罚款');
		expect(c.处罚内容).toBe('警告；罚款人民币35000.00元');
		expect([c.处罚机关, c.处罚机关统一社会信用代码, c.数据来源单位, c.数据来源单位统一社会信用代码]).toEqual([
			company.agency,
			ctx.agencyCode,
			company.agency,
			ctx.agencyCode
		]);
		expect([c.处罚决定日期, c.处罚有效期, c.公示截止期]).toEqual(['2025-03-14', '2099-12-31', '2026-03-14']);
	});

	it('refuses an undecided case', () => {
		expect(() => publicityRow({ ...company, decided_on: null }, ctx)).toThrow(/尚未作出决定/);
	});
});

describe('publicity end date (公示截止期 = decision date + period)', () => {
	it('adds one year by default, clamping to the end of a shorter month', () => {
		expect(publicityEndDate('2025-03-14')).toBe('2026-03-14');
		expect(publicityEndDate('2024-02-29')).toBe('2025-02-28');
		expect(publicityEndDate('2025-12-31', 3)).toBe('2026-03-31');
		expect(publicityEndDate('2025-11-30', 3)).toBe('2026-02-28');
	});

	it('refuses a period under 3 months or over a year', () => {
		expect(() => publicityEndDate('2025-01-01', 2)).toThrow(/3–12/);
		expect(() => publicityEndDate('2025-01-01', 13)).toThrow(/3–12/);
	});
});

describe('amounts', () => {
	it('converts fen to 万元 exactly', () => {
		expect([fenToWanExact(0), fenToWanExact(100), fenToWanExact(1_000_000), fenToWanExact(5_000_000_00)]).toEqual(['0', '0.0001', '1', '500']);
	});
	it('says a fine without a listed type too', () => {
		expect(penaltyContent({ penalty_types: null, fine_amount: 1_000_000, confiscated_amount: null })).toBe('罚款人民币10000.00元');
	});
});
