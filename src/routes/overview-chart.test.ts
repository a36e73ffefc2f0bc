import { describe, expect, it } from 'vitest';
import { casesByYearOption } from './overview-chart';

describe('the overview chart', () => {
	it('stacks each year by category and counts a missing category as 0', () => {
		const o = casesByYearOption({
			categories: ['行政处罚', '行政检查'],
			byYear: [
				{ year: 2023, counts: { 行政处罚: 5 }, total: 5 },
				{ year: 2024, counts: { 行政处罚: 2, 行政检查: 7 }, total: 9 }
			]
		}) as { xAxis: { data: string[] }; series: { name: string; data: number[] }[] };
		expect(o.xAxis.data).toEqual(['2023', '2024']);
		expect(o.series).toMatchObject([
			{ name: '行政处罚', data: [5, 2] },
			{ name: '行政检查', data: [0, 7] }
		]);
	});
});
