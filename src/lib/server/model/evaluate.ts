import { tierByName, type Catalog } from '../../domain/catalog';
import { statuteOf, unscaleFine } from '../../domain/discretion-features';
import { sampleCases, type PastCase } from './dataset';
import type { DiscretionModel } from './discretion';
import { SimilarIndex, percentile } from './similar';

/**
 * The model against what officers and similar-case systems have today, on the same held-out cases: the catalog
 * tier's own range, the 10th–90th percentile of the k nearest past cases, and a linear quantile regression.
 */

export type Method = 'model' | 'tier' | 'knn' | 'linear';

export const METHOD_LABELS: Record<Method, string> = {
	model: '本模型（分位数网络 + 共形校准）',
	tier: '裁量基准阶次区间',
	knn: '最相似 50 件案件的第 10–90 百分位',
	linear: '线性分位数回归'
};

export interface GroupResult {
	item: string;
	tier: string;
	n: number;
	coverage: number;
	mean_width: number;
}

export interface MethodResult {
	method: Method;
	label: string;
	n: number;
	coverage: number;
	/** Yuan. */
	mean_width: number;
	groups: GroupResult[];
}

export interface BranchResult {
	branch: string;
	test_cases: number;
	/** The learned shift in yuan on the statute range of the typical item. */
	effect_yuan: number;
	drifting: boolean;
	coverage_at_reference: number;
}

/** The model's coverage over the held-out cases whose circumstances were recorded, or read from the facts text. */
export interface SourceCoverage {
	source: 'recorded' | 'extracted';
	n: number;
	coverage: number;
}

export interface Evaluation {
	level: number;
	/** Held-out cases of branches that are not drifting, at most `limit` of them. */
	test_cases: number;
	methods: MethodResult[];
	branches: BranchResult[];
	/** The tier width the aim is measured against: mean width of the catalog tiers over the same cases. */
	tier_mean_width: number;
	/** The model's coverage apart for the cases with circumstances read from the facts text (absent: older cards). */
	by_source?: SourceCoverage[];
}

const K_NEAREST = 50;
/** The kNN baseline searches at most this many training cases, so that evaluation at a million cases stays quick. */
const KNN_POOL = 100_000;

interface Range {
	low: number;
	high: number;
}

/** Whether a fine (yuan) lies in a range, with a tolerance for the float arithmetic that made the range. */
export function covers(r: Range | null | undefined, fine: number): boolean {
	return r !== null && r !== undefined && fine >= r.low - 1e-6 && fine <= r.high + 1e-6;
}

function summarize(method: Method, cases: readonly PastCase[], ranges: readonly (Range | null)[]): MethodResult {
	const groups = new Map<string, { item: string; tier: string; n: number; hit: number; width: number }>();
	let n = 0;
	let hit = 0;
	let width = 0;
	cases.forEach((c, i) => {
		const r = ranges[i];
		if (!r) return;
		const inside = covers(r, c.fine);
		n++;
		hit += inside ? 1 : 0;
		width += r.high - r.low;
		const key = `${c.item_code}|${c.catalog_tier}`;
		const g = groups.get(key) ?? { item: c.item_code ?? '', tier: c.catalog_tier ?? '', n: 0, hit: 0, width: 0 };
		g.n++;
		g.hit += inside ? 1 : 0;
		g.width += r.high - r.low;
		groups.set(key, g);
	});
	return {
		method,
		label: METHOD_LABELS[method],
		n,
		coverage: n ? hit / n : NaN,
		mean_width: n ? width / n : NaN,
		groups: [...groups.values()]
			.sort((a, b) => a.item.localeCompare(b.item) || a.tier.localeCompare(b.tier))
			.map((g) => ({ item: g.item, tier: g.tier, n: g.n, coverage: g.hit / g.n, mean_width: g.width / g.n }))
	};
}

/**
 * The stated coverage must hold whether a case's circumstances were recorded or read from its facts text: each is
 * measured apart (a case counts as extracted when any of its circumstances was read).
 */
export function coverageBySource(cases: readonly PastCase[], ranges: readonly (Range | null)[]): SourceCoverage[] {
	const tally = { recorded: { n: 0, hit: 0 }, extracted: { n: 0, hit: 0 } };
	cases.forEach((c, i) => {
		const r = ranges[i];
		if (!r) return;
		const t = c.extracted ? tally.extracted : tally.recorded;
		t.n++;
		t.hit += covers(r, c.fine) ? 1 : 0;
	});
	return (['recorded', 'extracted'] as const).map((source) => ({
		source,
		n: tally[source].n,
		coverage: tally[source].n ? tally[source].hit / tally[source].n : NaN
	}));
}

/** Model intervals for many cases in one batch. */
export function modelRanges(model: DiscretionModel, cases: readonly PastCase[], level: number, conformal = true): (Range | null)[] {
	const q = model.quantiles(cases.map((c) => ({ c, tier: c.catalog_tier })));
	return cases.map((c, i) => {
		if (conformal) return model.intervalFrom(q, i * 3, c.item_code, c.catalog_tier, level);
		const range = statuteOf(model.meta.spec, c.item_code);
		return range ? { low: unscaleFine(range, q[i * 3] as number), high: unscaleFine(range, q[i * 3 + 2] as number) } : null;
	});
}

export function tierRanges(catalog: Catalog, cases: readonly PastCase[]): (Range | null)[] {
	return cases.map((c) => {
		const item = c.item_code ? catalog.byCode.get(c.item_code) : undefined;
		const t = item && c.catalog_tier ? tierByName(item, c.catalog_tier) : undefined;
		return t ? { low: t.min, high: t.max } : null;
	});
}

export function knnRanges(model: DiscretionModel, train: readonly PastCase[], cases: readonly PastCase[]): (Range | null)[] {
	const pool = sampleCases(train, KNN_POOL);
	const index = new SimilarIndex(model.meta.spec, pool);
	return cases.map((c) => {
		const near = index.nearest(c, c.catalog_tier, K_NEAREST);
		if (near.length === 0) return null;
		const fines = near.map((n) => n.case.fine);
		return { low: percentile(fines, 0.1), high: percentile(fines, 0.9) };
	});
}

/** Held-out cases of branches that are not drifting, at most about `limit` of them (a hash-chosen sample). */
export function consistentTestCases(model: DiscretionModel, test: readonly PastCase[], limit = 5000): PastCase[] {
	const drifting = new Set(model.meta.drifting);
	return sampleCases(
		test.filter((c) => !drifting.has(c.department ?? '')),
		limit
	);
}

export function evaluate(
	catalog: Catalog,
	model: DiscretionModel,
	linear: DiscretionModel | null,
	train: readonly PastCase[],
	test: readonly PastCase[],
	level = 0.8
): Evaluation {
	const cases = consistentTestCases(model, test);
	const ranges = modelRanges(model, cases, level);
	const methods: MethodResult[] = [
		summarize('model', cases, ranges),
		summarize('tier', cases, tierRanges(catalog, cases)),
		summarize('knn', cases, knnRanges(model, train, cases))
	];
	if (linear) methods.push(summarize('linear', cases, modelRanges(linear, cases, level, false)));
	const m = model.meta;
	const spans = m.spec.items.map((i) => i.max - i.min);
	const typicalSpan = spans.length ? spans.reduce((s, x) => s + x, 0) / spans.length : 0;
	const allRanges = modelRanges(model, test, level);
	const branches: BranchResult[] = m.branch_drift.map((d) => {
		const idx = test.map((c, j) => (c.department === d.branch ? j : -1)).filter((j) => j >= 0);
		const hits = idx.filter((j) => {
			const r = allRanges[j];
			const c = test[j] as PastCase;
			return covers(r, c.fine);
		}).length;
		return {
			branch: d.branch,
			test_cases: idx.length,
			effect_yuan: d.shift * typicalSpan,
			drifting: m.drifting.includes(d.branch),
			coverage_at_reference: idx.length ? hits / idx.length : NaN
		};
	});
	return { level, test_cases: cases.length, methods, branches, tier_mean_width: methods[1]?.mean_width ?? NaN, by_source: coverageBySource(cases, ranges) };
}
