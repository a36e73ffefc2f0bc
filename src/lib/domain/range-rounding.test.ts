import { describe, expect, it } from 'vitest';
import { roundOutward } from './range-rounding';

describe('ranges rounded outward', () => {
	it('widens to whole hundreds and keeps a bound already on one', () => {
		expect(roundOutward(41_186, 46_439)).toEqual({ low: 41_100, high: 46_500 });
		expect(roundOutward(20_000, 35_000)).toEqual({ low: 20_000, high: 35_000 });
	});
});
