/**
 * The two-sided sign test: are the residuals of a group (fines minus the model's median) shifted from zero?
 * Robust to the skewed, rounded fines a centre hands out, and needs no assumption on their spread.
 */
export function signTestPValue(residuals: readonly number[]): number {
	const nonZero = residuals.filter((r) => r !== 0);
	const n = nonZero.length;
	if (n === 0) return 1;
	const k = nonZero.filter((r) => r > 0).length;
	const tail = Math.min(k, n - k);
	// Exact binomial tail for small n, normal approximation with continuity correction beyond.
	if (n <= 200) {
		let p = 0;
		let term = Math.pow(0.5, n);
		for (let i = 0; i <= tail; i++) {
			p += term;
			term = (term * (n - i)) / (i + 1);
		}
		return Math.min(1, 2 * p);
	}
	const z = (Math.abs(k - n / 2) - 0.5) / Math.sqrt(n / 4);
	return Math.min(1, 2 * normalTail(z));
}

/** P(Z > z) for a standard normal (Abramowitz–Stegun 26.2.17, error below 7.5e-8). */
function normalTail(z: number): number {
	if (z < 0) return 1 - normalTail(-z);
	const t = 1 / (1 + 0.2316419 * z);
	const d = Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
	return d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
}

export function median(xs: readonly number[]): number {
	if (xs.length === 0) return NaN;
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}
