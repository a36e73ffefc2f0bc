import { describe, expect, it } from 'vitest';
import { isEmptyChart } from './empty';

describe('a chart with nothing to draw', () => {
	it('is empty without series, with empty series or with counts of nothing', () => {
		expect(isEmptyChart({})).toBe(true);
		expect(isEmptyChart({ series: [] })).toBe(true);
		expect(isEmptyChart({ series: [{ type: 'bar', data: [] }] })).toBe(true);
		expect(
			isEmptyChart({
				series: [
					{ type: 'bar', data: [0, 0, null] },
					{ type: 'line', data: ['-'] }
				]
			})
		).toBe(true);
		expect(isEmptyChart({ series: { type: 'bar', data: [{ value: 0 }] } })).toBe(true);
	});

	it('is not empty once one series has one point', () => {
		expect(
			isEmptyChart({
				series: [
					{ type: 'bar', data: [0, 0] },
					{ type: 'bar', data: [0, 3] }
				]
			})
		).toBe(false);
		expect(isEmptyChart({ series: [{ type: 'boxplot', data: [[1, 2, 3, 4, 5]] }] })).toBe(false);
		expect(isEmptyChart({ series: [{ type: 'scatter', data: [{ value: [8000, 0.1], name: 'A' }] }] })).toBe(false);
	});
});
