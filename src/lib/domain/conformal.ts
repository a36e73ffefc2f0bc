/**
 * Split conformal prediction for quantile regression (CQR, Romano et al. 2019): a base interval [lo, hi] from
 * the network is widened or narrowed by a quantile of the calibration cases' conformity scores, so that a new
 * case falls inside with at least the asked probability whatever the network got wrong. Pure arithmetic: the
 * model code feeds it scores and asks for adjustments and p-values.
 */

/**
 * How far y lies outside [lo, hi] (negative: how deep inside), in units of the base interval's own width plus a
 * floor: the locally adaptive variant of CQR, so that circumstances the network is sure about get narrow ranges
 * and uncertain ones wide ranges from one calibration table.
 */
export function conformityScore(lo: number, hi: number, y: number, floor = WIDTH_FLOOR): number {
	return Math.max(lo - y, y - hi) / (Math.max(0, hi - lo) + floor);
}

/** The width floor of the scores' scale (in the units of lo and hi: a share of the statute range). */
export const WIDTH_FLOOR = 0.02;

/** The calibrated interval for an adjustment q (a quantile of the scores); never narrower than the median point. */
export function adjustedInterval(lo: number, mid: number, hi: number, q: number, floor = WIDTH_FLOOR): { lo: number; mid: number; hi: number } {
	const scale = Math.max(0, hi - lo) + floor;
	const a = Math.min(lo - q * scale, mid);
	const b = Math.max(hi + q * scale, mid);
	return { lo: a, mid, hi: b };
}

/**
 * The calibration scores of one group, kept as sorted order statistics. Large calibration sets are thinned to
 * evenly spaced order statistics so that a saved model stays small; `n` is the true count, which the finite-sample
 * correction needs.
 */
export interface ScoreTable {
	n: number;
	/** Ascending; `sorted.length <= n`. Entry i stands for the order statistic at rank round(i * (n - 1) / (len - 1)). */
	sorted: number[];
}

export function scoreTable(scores: readonly number[], keep = 2001): ScoreTable {
	const all = [...scores].sort((a, b) => a - b);
	const n = all.length;
	if (n <= keep) return { n, sorted: all };
	const sorted: number[] = [];
	for (let i = 0; i < keep; i++) sorted.push(all[Math.round((i * (n - 1)) / (keep - 1))] as number);
	return { n, sorted };
}

/** The score at a 1-based rank k of n, read from the (possibly thinned) table. */
function atRank(t: ScoreTable, k: number): number {
	const m = t.sorted.length;
	if (m === t.n) return t.sorted[k - 1] as number;
	const pos = ((k - 1) * (m - 1)) / (t.n - 1);
	const i = Math.floor(pos);
	const f = pos - i;
	const a = t.sorted[i] as number;
	const b = t.sorted[Math.min(m - 1, i + 1)] as number;
	return a + f * (b - a);
}

/**
 * The adjustment for coverage `level`: the ceil((n + 1) level)-th smallest score. When the calibration set is too
 * small for the level, the honest answer is an unbounded interval (Infinity), which callers clip to the statute.
 */
export function conformalAdjustment(t: ScoreTable, level: number): number {
	if (t.n === 0) return Infinity;
	const k = Math.ceil((t.n + 1) * level);
	if (k > t.n) return Infinity;
	return atRank(t, Math.max(1, k));
}

/** Conformal p-value of a score: the share of calibration cases at least as unusual, counting the new case. */
export function conformalPValue(t: ScoreTable, score: number): number {
	if (t.n === 0) return 1;
	const m = t.sorted.length;
	// Number of table entries >= score, by binary search for the first entry >= score.
	let lo = 0;
	let hi = m;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if ((t.sorted[mid] as number) < score) lo = mid + 1;
		else hi = mid;
	}
	const atLeast = m === t.n ? m - lo : Math.round(((m - lo) / m) * t.n);
	return (1 + atLeast) / (t.n + 1);
}

/** Whole-percent levels at which held-out coverage is measured and stored with a model. */
export const COVERAGE_LEVELS: readonly number[] = Array.from({ length: 50 }, (_, i) => (50 + i) / 100);

/** A level as a whole percent in [50, 99], the grid the model stores its measured coverage on. */
export function normalizeLevel(level: number): number {
	if (!Number.isFinite(level)) return 0.8;
	return Math.min(99, Math.max(50, Math.round(level * 100))) / 100;
}

/** A conformal p-value in words for officers and reviewers. */
export function pValueWords(p: number): string {
	const share = `${Math.round(p * 1000) / 10}%`;
	if (p >= 0.2) return '与类似案件的罚款相符';
	if (p >= 0.05) return `略不寻常：类似案件中约 ${share} 的罚款偏离程度不小于此`;
	return `很不寻常：类似案件中只有约 ${share} 的罚款偏离程度不小于此`;
}
