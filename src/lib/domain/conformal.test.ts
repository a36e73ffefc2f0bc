import { describe, expect, it } from 'vitest';
import { adjustedInterval, conformalAdjustment, conformalPValue, conformityScore, normalizeLevel, scoreTable } from './conformal';

describe('split conformal calibration', () => {
	const scores = Array.from({ length: 99 }, (_, i) => i + 1); // 1..99

	it('takes the ceil((n + 1) level)-th smallest score', () => {
		const t = scoreTable(scores);
		expect(conformalAdjustment(t, 0.8)).toBe(80);
		expect(conformalAdjustment(t, 0.5)).toBe(50);
		expect(conformalAdjustment(t, 0.99)).toBe(99);
		// Too few calibration cases for the level: the honest interval is unbounded.
		expect(conformalAdjustment(scoreTable([1, 2, 3]), 0.9)).toBe(Infinity);
	});

	it('gives p-values that count the new case, and keeps them when a large table is thinned', () => {
		const t = scoreTable(scores);
		expect(conformalPValue(t, 100)).toBeCloseTo(1 / 100);
		expect(conformalPValue(t, 0)).toBe(1);
		expect(conformalPValue(t, 90)).toBeCloseTo(11 / 100);
		const many = Array.from({ length: 100_000 }, (_, i) => i / 100_000);
		const thin = scoreTable(many, 1001);
		expect(thin.sorted.length).toBe(1001);
		expect(thin.n).toBe(100_000);
		expect(conformalAdjustment(thin, 0.8)).toBeCloseTo(0.8, 2);
		expect(conformalPValue(thin, 0.95)).toBeCloseTo(0.05, 2);
	});

	it('scores in units of the base width, and never crosses the median when it narrows', () => {
		expect(conformityScore(0.2, 0.4, 0.5, 0)).toBeCloseTo(0.5);
		expect(conformityScore(0.2, 0.4, 0.3, 0)).toBeCloseTo(-0.5);
		const narrow = adjustedInterval(0.2, 0.3, 0.4, -2, 0);
		expect(narrow.lo).toBeLessThanOrEqual(0.3);
		expect(narrow.hi).toBeGreaterThanOrEqual(0.3);
		const wide = adjustedInterval(0.2, 0.3, 0.4, 0.5, 0);
		expect(wide.lo).toBeCloseTo(0.1);
		expect(wide.hi).toBeCloseTo(0.5);
	});

	it('rounds levels to whole percents between 50 and 99', () => {
		expect(normalizeLevel(0.8)).toBe(0.8);
		expect(normalizeLevel(0.954)).toBe(0.95);
		expect(normalizeLevel(0.2)).toBe(0.5);
		expect(normalizeLevel(1)).toBe(0.99);
		expect(normalizeLevel(Number.NaN)).toBe(0.8);
	});
});
