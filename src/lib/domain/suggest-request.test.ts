import { describe, expect, it } from 'vitest';
import { parseSuggestRequest } from './suggest-request';
import { loadCatalog } from '../server/catalog';
import { catalogTier, encodeCase, featureNames, fitFeatureSpec } from './discretion-features';

const catalog = loadCatalog();

describe('a suggestion request, from the form or the API, to the model inputs', () => {
	it('takes yuan and gives fen, keeps unknown as null and ignores keys that must not shape the answer', () => {
		const r = parseSuggestRequest({
			item_code: ' HPF-37-1 ',
			employees_affected: 60,
			amount_involved: 123456.78,
			fine_amount: 25000,
			harm: null,
			department: '南湖管理部',
			officer_ids: ['X']
		});
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value.level).toBe(0.8);
		expect(r.value.input).toEqual({
			case_id: null,
			item_code: 'HPF-37-1',
			party_type: null,
			employees_affected: 60,
			months_overdue: null,
			amount_involved: 12_345_678,
			prior_violations: null,
			rectified: null,
			cooperated: null,
			harm: null,
			circumstance_tier: null,
			fine_amount: 2_500_000
		});
		expect('department' in r.value.input).toBe(false);
	});

	it('reports every bad field in Chinese and English', () => {
		const r = parseSuggestRequest({ item_code: '', employees_affected: 2.5, months_overdue: -1, rectified: '是', harm: '很大', level: 1.5 });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.map((e) => e.field).sort()).toEqual(['employees_affected', 'harm', 'item_code', 'level', 'months_overdue', 'rectified']);
		const harm = r.errors.find((e) => e.field === 'harm');
		expect(harm?.zh).toContain('危害后果');
		expect(harm?.en).toContain('Harm');
		expect(parseSuggestRequest(null)).toMatchObject({ ok: false, errors: [{ field: '(body)' }] });
		expect(parseSuggestRequest([1, 2])).toMatchObject({ ok: false });
	});

	it('gives the same inputs as a stored case with the same circumstances', () => {
		const r = parseSuggestRequest({
			item_code: 'HPF-37-2',
			party_type: '个体工商户',
			employees_affected: 12,
			months_overdue: 2,
			prior_violations: 0,
			rectified: false,
			cooperated: true,
			harm: '轻微'
		});
		if (!r.ok) throw new Error('should parse');
		const stored = { ...r.value.input, fine_amount: 1_200_000 };
		const spec = fitFeatureSpec(catalog, [stored]);
		const a = new Float32Array(featureNames(spec).length);
		const b = new Float32Array(featureNames(spec).length);
		encodeCase(spec, r.value.input, catalogTier(catalog, r.value.input), a);
		encodeCase(spec, stored, catalogTier(catalog, stored), b);
		expect([...a]).toEqual([...b]);
		expect(catalogTier(catalog, r.value.input)).toBe('从轻');
	});
});
