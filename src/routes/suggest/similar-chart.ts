import type { EChartsCoreOption } from 'echarts/core';
import type { LiveSuggestion } from '$lib/server/model';

export interface SimilarChartLabels {
	median: string;
	fine: string;
	x: string;
	similar: string;
}

type Shown = Pick<LiveSuggestion, 'statute' | 'median' | 'proposed_fine' | 'low' | 'high'> & {
	similar: Pick<LiveSuggestion['similar'][number], 'fine' | 'distance' | 'case_id'>[];
};

/**
 * The similar cases as points (fine across, distance down, nearest on top), the suggested range as a band and the
 * median and the intended fine as lines; the axis spans the statute range too. Null when there is nothing to show.
 */
export function similarChartOption(s: Shown, labels: SimilarChartLabels): EChartsCoreOption | null {
	if (s.similar.length === 0) return null;
	const fines = s.similar.map((c) => c.fine);
	const lo = Math.min(s.statute?.min ?? Infinity, ...fines);
	const hi = Math.max(s.statute?.max ?? -Infinity, ...fines);
	const lines: { xAxis: number; name: string }[] = [];
	if (s.median !== null) lines.push({ xAxis: s.median, name: labels.median });
	if (s.proposed_fine !== null) lines.push({ xAxis: s.proposed_fine, name: labels.fine });
	return {
		animation: false,
		grid: { left: 56, right: 24, top: 24, bottom: 44 },
		tooltip: { trigger: 'item' },
		xAxis: { type: 'value', name: labels.x, nameLocation: 'middle', nameGap: 28, min: lo, max: hi },
		yAxis: { type: 'value', inverse: true },
		series: [
			{
				type: 'scatter',
				name: labels.similar,
				data: s.similar.map((c) => ({ value: [c.fine, Math.round(c.distance * 100) / 100], name: c.case_id })),
				itemStyle: { color: '#1d4f91' },
				markArea:
					s.low !== null && s.high !== null
						? { silent: true, itemStyle: { color: 'rgba(29, 79, 145, 0.12)' }, data: [[{ xAxis: s.low }, { xAxis: s.high }]] }
						: undefined,
				markLine: lines.length ? { silent: true, symbol: 'none', label: { formatter: '{b}', position: 'start' }, data: lines } : undefined
			}
		]
	};
}
