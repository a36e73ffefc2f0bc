import { describe, expect, it } from 'vitest';
import { TEXT_WEIGHT, circumstanceSimilarity, combinedSimilarity } from './case-similarity';

describe('the combined similarity of two cases', () => {
	it('is the circumstances alone without a text, falling with the distance', () => {
		expect(circumstanceSimilarity(0)).toBe(1);
		expect(circumstanceSimilarity(1)).toBe(0.5);
		expect(combinedSimilarity(1, null)).toBe(0.5);
		expect(combinedSimilarity(0.5, null)).toBeGreaterThan(combinedSimilarity(2, null));
	});

	it('weighs the text by TEXT_WEIGHT, so that a case described alike overtakes a slightly nearer one', () => {
		expect(combinedSimilarity(0, 1)).toBe(1);
		expect(combinedSimilarity(1, 0)).toBeCloseTo((1 - TEXT_WEIGHT) * 0.5);
		const nearerUnlike = combinedSimilarity(0, 0.1);
		const fartherAlike = combinedSimilarity(0.2, 0.9);
		expect(fartherAlike).toBeGreaterThan(nearerUnlike);
		// Far circumstances are not rescued by the text alone: the benchmark judges circumstances.
		expect(combinedSimilarity(3, 1)).toBeLessThan(combinedSimilarity(0, 0));
	});
});
