import { describe, expect, it } from 'vitest';
import { maskCase, maskId, maskName, type Viewer } from './masking';
import { passwordProblems } from './password-policy';
import { neutralizeFormula } from './spreadsheet-safety';

const person = { party_type: '自然人', party_name: '王小明', party_id: '11010519491231002X', officer_ids: ['A1', 'A2'], status: '已结案' };
const company = { party_type: '法人及非法人组织', party_name: '临江市某某有限公司', party_id: '91350100M000100Y43', officer_ids: ['A1'], status: '已结案' };

describe('masking', () => {
	it('masks all but the surname of a name and all but the ends of an ID', () => {
		expect(maskName('王小明')).toBe('王**');
		expect(maskName('李')).toBe('*');
		expect(maskId('11010519491231002X')).toBe('1****************X');
	});

	it('masks a natural person for leadership and analysts, not for the officers of the case', () => {
		expect(maskCase(person, { roles: ['leader'] })).toMatchObject({ party_name: '王**', party_id: '1****************X' });
		expect(maskCase(person, { roles: ['analyst'] }).party_name).toBe('王**');
		expect(maskCase(person, { roles: ['officer'], certNo: 'A2' }).party_name).toBe('王小明');
		expect(maskCase(person, { roles: ['officer'], certNo: 'B9' }).party_name).toBe('王**');
	});

	it('shows reviewers the cases awaiting review and admins only when the agency allows it', () => {
		expect(maskCase({ ...person, status: '待审核' }, { roles: ['reviewer'] }).party_name).toBe('王小明');
		expect(maskCase(person, { roles: ['reviewer'] }).party_name).toBe('王**');
		expect(maskCase(person, { roles: ['admin'] }).party_name).toBe('王**');
		expect(maskCase(person, { roles: ['admin'], adminSeesPersonalData: true }).party_name).toBe('王小明');
	});

	it('never masks an organisation, whose name and credit code are public', () => {
		expect(maskCase(company, { roles: ['leader'] })).toEqual(company);
	});
});

describe('password policy', () => {
	it('asks for length and three character classes, and refuses the user name', () => {
		expect(passwordProblems('Equitas-2025!')).toEqual([]);
		expect(passwordProblems('short1A')).toContain('密码至少 10 位');
		expect(passwordProblems('alllowercase1')).toEqual(['密码须包含大写字母、小写字母、数字、符号中的至少三类']);
		expect(passwordProblems('Zhangsan-2025', 'zhangsan')).toEqual(['密码不能包含用户名']);
	});
});

describe('spreadsheet safety', () => {
	it('neutralises cells a spreadsheet would run as formulas', () => {
		for (const s of ['=1+1', '+86', '-2', '@SUM(A1)', '\tx', '\rx']) expect(neutralizeFormula(s)).toBe(`'${s}`);
		expect(neutralizeFormula('临江市某某有限公司')).toBe('临江市某某有限公司');
	});
});

describe('the facts text', () => {
	const viewer: Viewer = { roles: ['leader'] };
	const base = { party_type: '自然人', party_name: '张三丰', party_id: '350102199001011234', officer_ids: ['A1'], status: '已结案' };
	it("masks a natural person's name wherever the facts write it, and ID and mobile numbers in any case", () => {
		const c = maskCase({ ...base, facts: '张三丰（身份证号350102199001011234，电话13812345678）未办理缴存登记，张三丰拒不改正。' }, viewer);
		expect(c.facts).toBe('张**（身份证号3****************4，电话1*********8）未办理缴存登记，张**拒不改正。');
		const org = maskCase({ ...base, party_type: '法人及非法人组织', party_name: '临江市甲公司', facts: '临江市甲公司法定代表人手机13812345678。' }, viewer);
		expect(org.facts).toBe('临江市甲公司法定代表人手机1*********8。');
		expect(org.party_name).toBe('临江市甲公司');
	});
	it('leaves the facts whole for a viewer with need, and a case without facts as it was', () => {
		const own = maskCase({ ...base, facts: '张三丰未办理' }, { roles: ['officer'], certNo: 'A1' });
		expect(own.facts).toBe('张三丰未办理');
		expect('facts' in maskCase(base, viewer)).toBe(false);
	});
});
