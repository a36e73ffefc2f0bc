/**
 * A range as people read it: rounded outward to a step (100 yuan), so that the shown range still contains the
 * calibrated one; the exact bounds stay in the data (JSON, data attributes).
 */
export function roundOutward(low: number, high: number, step = 100): { low: number; high: number } {
	return { low: Math.floor(low / step) * step, high: Math.ceil(high / step) * step };
}
