import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog';
import { catalogTier, circumstanceOffset, encodeCase, featureCount, fitFeatureSpec } from '../../domain/discretion-features';
import { seededRandom } from '../demo/random';
import type { PastCase } from './dataset';
import { SimilarIndex, percentile } from './similar';

const catalog = loadCatalog();

function cases(n: number, seed: number): PastCase[] {
	const r = seededRandom(seed);
	const maybe = <T>(v: T) => (r.chance(0.15) ? null : v);
	return Array.from({ length: n }, (_, i) => {
		const c = {
			agency: 'A',
			case_id: `C${i}`,
			department: 'D',
			fine: r.int(10, 50) * 1000,
			decided_on: '2024-01-01',
			circumstance_tier: null,
			item_code: r.chance(0.5) ? 'HPF-37-1' : 'HPF-37-2',
			party_type: maybe('法人及非法人组织'),
			employees_affected: maybe(r.int(1, 300)),
			months_overdue: maybe(r.int(1, 24)),
			amount_involved: null,
			prior_violations: maybe(r.int(0, 2)),
			rectified: false,
			cooperated: maybe(r.chance(0.8)),
			harm: maybe((['无', '轻微', '一般', '严重'] as const)[r.int(0, 3)]!),
			catalog_tier: null
		} satisfies PastCase;
		return { ...c, catalog_tier: catalogTier(catalog, c) };
	});
}

describe('similar cases', () => {
	const past = cases(3000, 3);
	const spec = fitFeatureSpec(catalog, past);
	const index = new SimilarIndex(spec, past);

	it('finds exactly the nearest cases of the same item that a full scan finds', () => {
		const dim = featureCount(spec);
		const off = circumstanceOffset(spec);
		const a = new Float32Array(dim);
		const b = new Float32Array(dim);
		for (const q of cases(40, 9)) {
			encodeCase(spec, q, q.catalog_tier, a);
			const brute = past
				.filter((p) => p.item_code === q.item_code)
				.map((p) => {
					encodeCase(spec, p, p.catalog_tier, b);
					let d = 0;
					for (let t = off; t < dim; t++) d += ((a[t] as number) - (b[t] as number)) ** 2;
					return { id: p.case_id, d: Math.sqrt(d), tier: p.catalog_tier };
				})
				.sort((x, y) => x.d - y.d);
			const got = index.nearest(q, q.catalog_tier, 10);
			expect(got).toHaveLength(10);
			// Within its tier's bucket the search is exact; the k-th distance can only be as small as a full scan's.
			const sameTier = brute.filter((x) => x.tier === q.catalog_tier).slice(0, 10);
			expect(got.map((g) => g.distance)).toEqual(sameTier.map((x) => expect.closeTo(x.d, 5)));
			expect(got.every((g) => g.case.item_code === q.item_code)).toBe(true);
		}
	});

	it('finds, for a case on a legal ground, only the cases decided on that ground', () => {
		// Every tenth case was decided as 减轻, whatever tier its circumstances select.
		const mixed = cases(2000, 5).map((c, i) => (i % 10 === 0 ? { ...c, circumstance_tier: '减轻' as const, fine: 6000 } : c));
		const idx = new SimilarIndex(fitFeatureSpec(catalog, mixed), mixed);
		const [q] = cases(1, 17);
		const got = idx.nearest(q!, q!.catalog_tier, 10, '减轻');
		expect(got).toHaveLength(10);
		expect(got.every((g) => g.case.circumstance_tier === '减轻' && g.case.item_code === q!.item_code)).toBe(true);
		// Without the ground, the fines of the tier the circumstances select come first.
		expect(idx.nearest(q!, q!.catalog_tier, 10).filter((g) => g.case.circumstance_tier === '减轻').length).toBeLessThan(10);
	});

	it('takes percentiles between order statistics', () => {
		expect(percentile([1, 2, 3, 4, 5], 0.5)).toBe(3);
		expect(percentile([10, 20], 0.1)).toBeCloseTo(11);
	});
});
