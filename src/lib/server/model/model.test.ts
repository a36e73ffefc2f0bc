import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { loadCatalog } from '../catalog';
import { loadCalendar } from '../calendar';
import { seedDemo } from '../demo';
import { isLearnable, loadPastCases, type PastCase } from './dataset';
import type { DiscretionModel } from './discretion';
import { modelRanges } from './evaluate';
import { loadModel, modelCard, saveModel } from './artifacts';
import { tf } from './backend';
import { trainDiscretion, evaluateSaved, type TrainResult } from './train';
import { buildSuggester } from './suggesters';
import type { Suggester, SuggestInput } from './suggest';

/**
 * The model on generated data with a known truth: fines follow the catalog tiers and a severity score with officer
 * noise, and one branch (南湖管理部) fines about a quarter less than the benchmark.
 */

const dir = mkdtempSync(join(tmpdir(), 'equitas-model-'));
const catalog = loadCatalog();
const cal = loadCalendar();
let db: Database;
let fresh: PastCase[];
let trained: TrainResult;
let model: DiscretionModel;
let suggester: Suggester;

function input(over: Partial<SuggestInput>): SuggestInput {
	return {
		case_id: 'T1',
		item_code: 'HPF-37-1',
		employees_affected: 60,
		months_overdue: 8,
		amount_involved: null,
		prior_violations: 0,
		rectified: false,
		cooperated: true,
		harm: '一般',
		party_type: '法人及非法人组织',
		...over
	};
}

beforeAll(async () => {
	db = await openMigrated(join(dir, 'train.duckdb'));
	await seedDemo(db, catalog, cal, { dir: join(dir, 'files'), seed: 21, cases: 9000 });
	trained = await trainDiscretion(db, catalog, { baselines: false });
	model = trained.model;
	suggester = await buildSuggester(db, catalog, model);
	// Fresh data: another seed, never seen in training or calibration.
	const other = await openMigrated(join(dir, 'fresh.duckdb'));
	await seedDemo(other, catalog, cal, { dir: join(dir, 'fresh-files'), seed: 77, cases: 6000 });
	fresh = (await loadPastCases(other, catalog)).filter((c) => isLearnable(catalog, c));
	await other.close();
}, 180_000);

afterAll(async () => {
	await db?.close();
	rmSync(dir, { recursive: true, force: true });
});

function coverage(cases: readonly PastCase[], level: number): { coverage: number; width: number } {
	const r = modelRanges(model, cases, level);
	let hit = 0;
	let width = 0;
	cases.forEach((c, i) => {
		const x = r[i];
		if (!x) return;
		if (c.fine >= x.low - 1e-6 && c.fine <= x.high + 1e-6) hit++;
		width += x.high - x.low;
	});
	return { coverage: hit / cases.length, width: width / cases.length };
}

describe('discretion model', () => {
	it('finds the drifting branch and keeps its cases out of the norm', () => {
		expect(model.meta.drifting).toEqual(['南湖管理部']);
		const nanhu = model.meta.branch_drift.find((d) => d.branch === '南湖管理部');
		expect(nanhu?.shift).toBeLessThan(-0.05);
		expect(model.meta.branches).not.toContain('南湖管理部');
	});

	it('accounts for every learnable case: learned, calibration, test, or left out with the reason', () => {
		const t = model.meta.training;
		const ex = t.excluded!;
		expect(ex.drifting_branches).toBeGreaterThan(0);
		expect(t.learned_from + t.calibration + t.test + ex.drifting_branches + ex.outside_tier + ex.sampled_out).toBe(t.cases);
	});

	it('covers about the asked share of fresh consistent cases, with ranges far narrower than the tiers', () => {
		const consistent = fresh.filter((c) => c.department !== '南湖管理部');
		expect(consistent.length).toBeGreaterThan(600);
		for (const level of [0.5, 0.8, 0.95]) {
			const { coverage: got } = coverage(consistent, level);
			expect(Math.abs(got - level), `level ${level}: ${got}`).toBeLessThan(0.06);
		}
		const { width } = coverage(consistent, 0.8);
		// The benchmark tiers are 10,000–15,000 yuan wide: the range must be at most half of that.
		expect(width).toBeLessThan(6000);
		// The lenient branch falls below the norm's range much more often: it is measured, not copied.
		const nanhu = coverage(
			fresh.filter((c) => c.department === '南湖管理部'),
			0.8
		);
		expect(nanhu.coverage).toBeLessThan(0.6);
		// The coverage stated with every suggestion was measured on held-out cases.
		expect(Math.abs((model.meta.coverage['80'] ?? 0) - 0.8)).toBeLessThan(0.06);
	});

	it('never suggests outside the statute and never crosses its quantiles, whatever the circumstances', () => {
		const extremes: SuggestInput[] = [];
		for (const employees of [null, 1, 5000]) {
			for (const months of [null, 0, 120]) {
				for (const prior of [null, 0, 9]) {
					extremes.push(
						input({ employees_affected: employees, months_overdue: months, prior_violations: prior, harm: null, cooperated: null, rectified: false })
					);
				}
			}
		}
		const q = model.quantiles(extremes.map((c) => ({ c, tier: null })));
		for (let i = 0; i < extremes.length; i++) {
			expect(q[i * 3]).toBeLessThanOrEqual(q[i * 3 + 1] as number);
			expect(q[i * 3 + 1]).toBeLessThanOrEqual(q[i * 3 + 2] as number);
		}
		for (const s of suggester.suggest(extremes, 0.95)) {
			expect(s.kind).toBe('range');
			expect(s.low).toBeGreaterThanOrEqual(10_000);
			expect(s.high).toBeLessThanOrEqual(50_000);
			expect(s.low).toBeLessThanOrEqual(s.median as number);
			expect(s.median).toBeLessThanOrEqual(s.high as number);
		}
	});

	it('treats unknown circumstances as unknown: a range, different from the same case with zeros', () => {
		const [unknown, zeros] = suggester.suggest([
			input({ employees_affected: null, months_overdue: null, prior_violations: null, harm: null }),
			input({ employees_affected: 0, months_overdue: 0, prior_violations: 0, harm: '无' })
		]);
		expect(unknown?.kind).toBe('range');
		expect(unknown?.low).not.toBeNull();
		expect(unknown?.median).not.toBe(zeros?.median);
	});

	it('says 不予处罚 and 减轻 with the legal ground instead of a number, and no range for items without a fine', () => {
		const [corrected, mitigated, coercion, unknownItem] = suggester.suggest([
			input({ rectified: true }),
			input({ circumstance_tier: '减轻' }),
			input({ item_code: 'HPF-38' }),
			input({ item_code: 'NOPE' })
		]);
		expect(corrected?.kind).toBe('no-penalty');
		expect(corrected?.low).toBeNull();
		expect(corrected?.note).toContain('第三十三条');
		expect(mitigated?.kind).toBe('mitigated');
		expect(mitigated?.note).toContain('第三十二条');
		expect(mitigated?.median).toBeNull();
		expect(coercion?.kind).toBe('no-fine-item');
		expect(unknownItem?.kind).toBe('unknown-item');
	});

	it('checks an intended fine against the statute, the tier and the similar cases, in that order', () => {
		const [over, inside, none] = suggester.suggest([input({ fine_amount: 60_000 * 100 }), input({ fine_amount: 30_000 * 100 }), input({})]);
		expect(over?.checks.map((c) => `${c.rule} ${c.severity}`)).toEqual(['R01 error', 'R03 warning']);
		expect(over?.checks[0]?.reason).toBe('拟罚款 60,000 元，超过法定上限 50,000 元');
		expect(inside?.checks.map((c) => c.rule)).toEqual(['R01', 'R02', 'R03']);
		expect(inside?.checks[1]?.reason).toContain('「一般」阶次');
		expect(none?.checks).toEqual([]);
	});

	it('names the benchmark condition when a circumstance moves the case to another tier', () => {
		const [again] = suggester.suggest([input({ prior_violations: 1 })]);
		expect(again?.tier?.name).toBe('从重');
		const prior = again?.drivers.find((d) => d.key === 'prior_violations');
		expect(prior?.tier_change).toEqual({ from: '一般', to: '从重', condition: '前科次数 ≥ 1（本案 1）' });
		// Most of what the circumstance moves is the tier: far more than a step inside one tier.
		expect(prior?.delta).toBeGreaterThan(5000);
		expect(again?.note).toContain('本案情节：前科次数 ≥ 1（本案 1）');
	});

	it('shows a 减轻 or 不予处罚 case the cases decided the same way, not the fines of its tier', () => {
		const [mitigated] = suggester.suggest([input({ circumstance_tier: '减轻', fine_amount: 5000 * 100 })]);
		expect(mitigated?.similar.length).toBeGreaterThan(0);
		expect(mitigated?.similar.every((c) => c.tier === '减轻')).toBe(true);
		expect(mitigated?.checks.map((c) => `${c.rule} ${c.severity}`)).toEqual(['R01 ok']);
		// A case whose circumstances call for 不予处罚 is shown cases that were not fined.
		const [corrected] = suggester.suggest([input({ rectified: true })]);
		expect(corrected?.similar.length).toBeGreaterThan(0);
		expect(corrected?.similar.every((c) => c.tier === '不予处罚' && c.fine === 0)).toBe(true);
	});

	it('places a proposed fine against the range with a conformal p-value, and shows its evidence', () => {
		const [usual] = suggester.suggest([input({})]);
		const median = usual?.median as number;
		const [atMedian, far] = suggester.suggest([input({ fine_amount: median * 100 }), input({ fine_amount: 49_000 * 100 })]);
		expect(atMedian?.position).toBe('inside');
		expect(atMedian?.p_value).toBeGreaterThan(0.5);
		expect(far?.position).toBe('above');
		expect(far?.p_value).toBeLessThan(0.05);
		// The fine given never moves the range.
		expect([atMedian?.low, atMedian?.high]).toEqual([usual?.low, usual?.high]);
		expect(usual?.similar).toHaveLength(10);
		const d = usual?.similar.map((s) => s.distance) ?? [];
		expect(d).toEqual([...d].sort((a, b) => a - b));
		expect(usual?.similar.every((s) => s.case_id.length > 0 && s.fine > 0)).toBe(true);
		expect(usual?.drivers.length).toBeGreaterThan(0);
		expect(usual?.note).toMatch(/约 80% 的罚款落在/);
	});

	it('learns the same model from the same data', async () => {
		const again = await trainDiscretion(db, catalog, { baselines: false });
		const cases = fresh.slice(0, 100).map((c) => ({ c, tier: c.catalog_tier }));
		expect([...again.model.quantiles(cases)]).toEqual([...model.quantiles(cases)]);
		expect(again.model.meta.coverage).toEqual(model.meta.coverage);
		again.model.network.dispose();
	});

	it('learns from at most the capped number of cases, and still calibrates on all of its calibration cases', async () => {
		const capped = await trainDiscretion(db, catalog, { baselines: false, maxTrain: 300, maxValidation: 60 });
		const t = capped.model.meta.training;
		expect(model.meta.training.train).toBeGreaterThan(800);
		expect(t.train).toBeGreaterThan(200);
		expect(t.train).toBeLessThan(400);
		expect(t.validation).toBeLessThan(100);
		expect(t.calibration).toBe(model.meta.training.calibration);
		capped.model.network.dispose();
	});

	it('loads from disk exactly as it was saved', async () => {
		const out = join(dir, 'saved');
		await saveModel(model, out, modelCard(model.meta, null));
		const back = await loadModel(out);
		const cases = fresh.slice(0, 200).map((c) => ({ c, tier: c.catalog_tier }));
		expect([...back.quantiles(cases)]).toEqual([...model.quantiles(cases)]);
		expect(back.meta).toEqual(model.meta);
		back.network.dispose();
	});

	it('does not leak tensors over 1,000 suggestions', () => {
		suggester.suggest([input({})]);
		const before = tf.memory().numTensors;
		for (let i = 0; i < 1000; i++) suggester.suggest([input({ employees_affected: 10 + (i % 200), fine_amount: 2_500_000 })]);
		expect(tf.memory().numTensors).toBe(before);
	});

	it('evaluates a saved model against the three baselines on the same held-out cases', async () => {
		const e = await evaluateSaved(db, catalog, join(dir, 'saved'));
		expect(e.methods.map((m) => m.method)).toEqual(['model', 'tier', 'knn', 'linear']);
		expect(new Set(e.methods.map((m) => m.n))).toEqual(new Set([e.test_cases]));
		const [own, tier, knn] = e.methods;
		expect(own?.mean_width).toBeLessThan((tier?.mean_width ?? 0) / 2);
		expect(own?.mean_width).toBeLessThan(knn?.mean_width ?? 0);
		expect(e.branches.find((b) => b.branch === '南湖管理部')?.drifting).toBe(true);
	});
});
