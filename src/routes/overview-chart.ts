import type { EChartsCoreOption } from 'echarts/core';
import type { Overview } from '$lib/server/stats';
import { PALETTE } from '$lib/charts/palette';

/** Cases by year of filing, one stacked bar per category. */
export function casesByYearOption(o: Pick<Overview, 'byYear' | 'categories'>): EChartsCoreOption {
	return {
		color: PALETTE,
		tooltip: { trigger: 'axis' },
		legend: { top: 0 },
		grid: { left: 48, right: 16, top: 40, bottom: 28 },
		xAxis: { type: 'category', data: o.byYear.map((y) => String(y.year)) },
		yAxis: { type: 'value' },
		series: o.categories.map((c) => ({ name: c, type: 'bar', stack: 'cases', data: o.byYear.map((y) => y.counts[c] ?? 0) }))
	};
}
