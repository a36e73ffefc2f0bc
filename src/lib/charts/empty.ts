import type { EChartsCoreOption } from 'echarts/core';

/** A data point worth drawing: a number other than 0 (a count of nothing draws nothing), a tuple or an object point. */
function drawn(point: unknown): boolean {
	if (point === null || point === undefined || point === '-') return false;
	if (typeof point === 'number') return Number.isFinite(point) && point !== 0;
	if (typeof point === 'object' && !Array.isArray(point) && 'value' in point) return drawn((point as { value: unknown }).value);
	if (Array.isArray(point)) return point.some((v) => v !== null && v !== undefined && v !== '-');
	return true;
}

/** True when no series of the option has anything to draw: the chart shows a "no data" message instead of a blank box. */
export function isEmptyChart(option: EChartsCoreOption): boolean {
	const series = option.series;
	const list: unknown[] = Array.isArray(series) ? series : series ? [series] : [];
	return !list.some((s) => {
		const data = (s as { data?: unknown }).data;
		return Array.isArray(data) && data.some(drawn);
	});
}
