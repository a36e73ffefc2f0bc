import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../server/catalog';
import {
	catalogTier,
	encodeCase,
	featureCount,
	featureNames,
	fitFeatureSpec,
	scaleFine,
	unscaleFine,
	withTypical,
	type ModelCase
} from './discretion-features';

const catalog = loadCatalog();

function modelCase(over: Partial<ModelCase>): ModelCase {
	return {
		item_code: 'HPF-37-1',
		employees_affected: null,
		months_overdue: null,
		amount_involved: null,
		prior_violations: null,
		rectified: null,
		cooperated: null,
		harm: null,
		party_type: null,
		...over
	};
}

const training = [
	modelCase({ employees_affected: 10, months_overdue: 2, prior_violations: 0, cooperated: true, harm: '轻微', party_type: '法人及非法人组织' }),
	modelCase({ employees_affected: 150, months_overdue: 14, prior_violations: 1, cooperated: false, harm: '严重', party_type: '法人及非法人组织' }),
	modelCase({ employees_affected: 40, months_overdue: 6, prior_violations: 0, cooperated: true, harm: '一般', party_type: '个体工商户' })
];

describe('discretion model inputs', () => {
	const spec = fitFeatureSpec(catalog, training);

	it('serves the items with a statutory fine and names every input', () => {
		expect(spec.items.map((i) => i.code)).toEqual(['HPF-37-1', 'HPF-37-2']);
		expect(featureNames(spec)).toHaveLength(featureCount(spec));
	});

	it('marks an unknown circumstance as unknown, not as zero', () => {
		const names = featureNames(spec);
		const at = (n: string) => names.indexOf(n);
		const unknown = new Float32Array(featureCount(spec));
		const zero = new Float32Array(featureCount(spec));
		encodeCase(spec, modelCase({}), '一般', unknown);
		encodeCase(spec, modelCase({ employees_affected: 0, prior_violations: 0, cooperated: false }), '一般', zero);
		expect(unknown[at('employees_affected?')]).toBe(1);
		expect(zero[at('employees_affected?')]).toBe(0);
		expect(unknown[at('prior_violations?')]).toBe(1);
		expect(unknown[at('cooperated?')]).toBe(1);
		expect(zero[at('cooperated?')]).toBe(0);
		expect([...unknown]).not.toEqual([...zero]);
		expect(unknown[at('item=HPF-37-1')]).toBe(1);
		expect(unknown[at('tier=一般')]).toBe(1);
	});

	it('reads the catalog tier from the circumstances and scales fines into the statute', () => {
		expect(catalogTier(catalog, training[0] as ModelCase)).toBe('从轻');
		expect(catalogTier(catalog, training[1] as ModelCase)).toBe('从重');
		expect(catalogTier(catalog, modelCase({ rectified: true }))).toBe('不予处罚');
		expect(catalogTier(catalog, modelCase({}))).toBe('一般');
		const range = { min: 10_000, max: 50_000 };
		expect(scaleFine(range, 30_000)).toBe(0.5);
		expect(unscaleFine(range, 1.7)).toBe(50_000);
		expect(unscaleFine(range, -0.2)).toBe(10_000);
	});

	it('knows the typical value of each circumstance and leaves a case at it alone', () => {
		expect(spec.typical.employees_affected).toBe(40);
		expect(spec.typical.cooperated).toBe(true);
		expect(withTypical(spec, modelCase({ cooperated: true }), 'cooperated')).toBeNull();
		expect(withTypical(spec, modelCase({ cooperated: false }), 'cooperated')?.cooperated).toBe(true);
	});
});
