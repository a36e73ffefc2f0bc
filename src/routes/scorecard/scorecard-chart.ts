import type { EChartsCoreOption } from 'echarts/core';
import type { Scorecard } from '$lib/domain/scorecard';

/** The spread of each year as a line: is enforcement becoming more consistent? */
export function trendOption(trend: Scorecard['consistency']['trend']): EChartsCoreOption {
	return {
		color: ['#1d4f91'],
		tooltip: { trigger: 'axis' },
		grid: { left: 56, right: 16, top: 16, bottom: 28 },
		xAxis: { type: 'category', data: trend.map((r) => String(r.year)) },
		yAxis: { type: 'value', name: '元' },
		series: [{ type: 'line', data: trend.map((r) => r.spread), label: { show: true } }]
	};
}
