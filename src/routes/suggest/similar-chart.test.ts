import { describe, expect, it } from 'vitest';
import { similarChartOption } from './similar-chart';

const labels = { median: '中位数', fine: '拟罚款', x: '罚款（元）', similar: '相似案件' };
const similar = [
	{ case_id: 'A', fine: 8000, distance: 0.123 },
	{ case_id: 'B', fine: 60000, distance: 0.5 }
];

type Series = { data: { value: number[]; name: string }[]; markArea?: { data: { xAxis: number }[][] }; markLine?: { data: { xAxis: number; name: string }[] } };

describe('the similar-cases chart', () => {
	it('is nothing without similar cases', () => {
		expect(
			similarChartOption({ statute: { min: 10000, max: 50000 }, median: null, proposed_fine: null, low: null, high: null, similar: [] }, labels)
		).toBeNull();
	});

	it('spans the statute and every case, bands the range and marks the median and the intended fine', () => {
		const o = similarChartOption({ statute: { min: 10000, max: 50000 }, median: 20000, proposed_fine: 30000, low: 15000, high: 25000, similar }, labels) as {
			xAxis: { min: number; max: number; name: string };
			series: Series[];
		};
		expect(o.xAxis).toMatchObject({ min: 8000, max: 60000, name: '罚款（元）' });
		const s = o.series[0]!;
		expect(s.data).toEqual([
			{ value: [8000, 0.12], name: 'A' },
			{ value: [60000, 0.5], name: 'B' }
		]);
		expect(s.markArea?.data).toEqual([[{ xAxis: 15000 }, { xAxis: 25000 }]]);
		expect(s.markLine?.data).toEqual([
			{ xAxis: 20000, name: '中位数' },
			{ xAxis: 30000, name: '拟罚款' }
		]);
	});

	it('draws no band and no lines for a ground without a range', () => {
		const o = similarChartOption({ statute: null, median: null, proposed_fine: null, low: null, high: null, similar }, labels) as { series: Series[] };
		expect(o.series[0]!.markArea).toBeUndefined();
		expect(o.series[0]!.markLine).toBeUndefined();
	});
});
