import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCatalog } from './catalog';
import { intendedFineChecks, type IntendedFine } from './fine-checks';

const catalog = parseCatalog(JSON.parse(readFileSync(join(process.cwd(), 'data/catalog/hpf.json'), 'utf8')), 'hpf.json');

/** 一般 circumstances of HPF-37-1 (statute 10,000–50,000; 一般 20,000–35,000), with an intended fine in yuan. */
function intended(yuan: number | null, over: Partial<IntendedFine> = {}): IntendedFine {
	return {
		item_code: 'HPF-37-1',
		employees_affected: 60,
		months_overdue: 8,
		amount_involved: null,
		prior_violations: 0,
		rectified: false,
		cooperated: true,
		harm: '一般',
		party_type: '法人及非法人组织',
		fine_amount: yuan === null ? null : yuan * 100,
		ground: null,
		...over
	};
}

const checks = (c: IntendedFine) => intendedFineChecks(catalog, c).map((x) => `${x.rule} ${x.severity} ${x.reason}`);

describe('checks of an intended fine', () => {
	it('says a fine above the statute is above the legal maximum, before anything else', () => {
		const [first] = intendedFineChecks(catalog, intended(60_000));
		expect(first).toEqual({ rule: 'R01', severity: 'error', reason: '拟罚款 60,000 元，超过法定上限 50,000 元' });
	});

	it('passes a fine inside the statute and the tier, naming the tier and why the case is in it', () => {
		expect(checks(intended(30_000))).toEqual([
			'R01 ok 拟罚款 30,000 元，在法定幅度 10,000 元–50,000 元内',
			'R02 ok 拟罚款 30,000 元，在「一般」阶次 20,000 元–35,000 元内（本案情节：不符合「不予处罚」、「从重」、「从轻」的条件）'
		]);
	});

	it('names the condition that selected 从重 and says the fine is below the tier', () => {
		const out = intendedFineChecks(catalog, intended(12_000, { prior_violations: 1 }));
		expect(out.map((x) => x.severity)).toEqual(['ok', 'warning']);
		expect(out[1]!.reason).toBe('拟罚款 12,000 元，低于「从重」阶次 35,000 元–50,000 元（本案情节：前科次数 ≥ 1（本案 1））');
		// Several conditions holding are all named.
		const two = intendedFineChecks(catalog, intended(12_000, { prior_violations: 2, cooperated: false }));
		expect(two[1]!.reason).toContain('前科次数 ≥ 1（本案 2），是否配合调查为否');
	});

	it('judges a fine under the minimum by the 减轻 ground, and a 减轻 fine that is not below the minimum', () => {
		expect(intendedFineChecks(catalog, intended(5_000))[0]).toMatchObject({ rule: 'R01', severity: 'error' });
		expect(intendedFineChecks(catalog, intended(5_000))[0]!.reason).toContain('第三十二条');
		const mitigated = intendedFineChecks(catalog, intended(5_000, { ground: '减轻' }));
		expect(mitigated.map((x) => x.severity)).toEqual(['ok']);
		expect(mitigated[0]!.reason).toContain('以减轻处罚为依据');
		const notBelow = intendedFineChecks(catalog, intended(20_000, { ground: '减轻' }));
		expect(notBelow.map((x) => `${x.rule} ${x.severity}`)).toEqual(['R01 ok', 'R01 warning']);
		expect(notBelow[1]!.reason).toContain('不低于法定下限 10,000 元');
	});

	it('refuses a fine where the circumstances call for 不予处罚, naming the circumstance and the ground', () => {
		const out = intendedFineChecks(catalog, intended(20_000, { rectified: true, ground: '不予处罚' }));
		expect(out.at(-1)).toMatchObject({ rule: 'R01', severity: 'error' });
		expect(out.at(-1)!.reason).toContain('是否改正为是');
		expect(out.at(-1)!.reason).toContain('第三十三条');
		expect(intendedFineChecks(catalog, intended(0, { rectified: true, ground: '不予处罚' })).map((x) => x.severity)).toEqual(['ok']);
		// Zero without a 不予处罚 ground is a fine of nothing the law does not allow.
		expect(intendedFineChecks(catalog, intended(0))[0]).toMatchObject({ rule: 'R01', severity: 'error' });
	});

	it('has nothing to check without a fine or for an item without a statutory fine', () => {
		expect(intendedFineChecks(catalog, intended(null))).toEqual([]);
		expect(intendedFineChecks(catalog, intended(30_000, { item_code: 'HPF-38' }))).toEqual([]);
	});
});
