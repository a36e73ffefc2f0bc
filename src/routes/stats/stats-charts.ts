import type { EChartsCoreOption } from 'echarts/core';
import type { Dashboard, PeerSection } from '$lib/server/stats';
import type { FineSummary } from '$lib/server/peers';
import { PALETTE } from '$lib/charts/palette';

type Consistency = Dashboard['consistency'][number];
const quartiles = (r: Consistency) => [r.min, r.q1, r.median, r.q3, r.max];

/** Cases by month (1月 … 12月), one stacked bar per category. */
export function monthlyOption(monthly: Dashboard['monthly']): EChartsCoreOption {
	const categories = [...new Set(monthly.map((m) => m.category))];
	return {
		color: PALETTE.slice(0, 8),
		tooltip: { trigger: 'axis' },
		legend: { top: 0 },
		grid: { left: 48, right: 16, top: 40, bottom: 28 },
		xAxis: { type: 'category', data: Array.from({ length: 12 }, (_, i) => `${i + 1}月`) },
		yAxis: { type: 'value' },
		series: categories.map((c) => ({
			name: c,
			type: 'bar',
			stack: 'm',
			data: Array.from({ length: 12 }, (_, i) => monthly.find((m) => m.month === i + 1 && m.category === c)?.n ?? 0)
		}))
	};
}

/** Cases and fines (万元, on a second axis) by branch. */
export function branchesOption(byBranch: Dashboard['byBranch'], labels: { cases: string; fines: string }): EChartsCoreOption {
	return {
		color: ['#1d4f91', '#b3261e'],
		tooltip: { trigger: 'axis' },
		legend: { top: 0 },
		grid: { left: 48, right: 56, top: 40, bottom: 28 },
		xAxis: { type: 'category', data: byBranch.map((b) => b.department) },
		yAxis: [
			{ type: 'value', name: labels.cases },
			{ type: 'value', name: labels.fines }
		],
		series: [
			{ name: labels.cases, type: 'bar', data: byBranch.map((b) => b.cases) },
			{ name: labels.fines, type: 'bar', yAxisIndex: 1, data: byBranch.map((b) => Number((b.finesFen / 1_000_000).toFixed(2))) }
		]
	};
}

/** Every 10-day bin from the first to the last, empty ones included, so that the axis is a true scale of days. */
export function dayBins(histogram: Dashboard['daysHistogram']): number[] {
	const first = histogram[0];
	const last = histogram.at(-1);
	return first && last ? Array.from({ length: last.bin - first.bin + 1 }, (_, i) => first.bin + i) : [];
}

/** Penalty decisions by days from filing to decision. */
export function daysOption(histogram: Dashboard['daysHistogram'], name: string): EChartsCoreOption {
	const bins = dayBins(histogram);
	return {
		color: ['#455a64'],
		tooltip: { trigger: 'axis' },
		grid: { left: 48, right: 16, top: 16, bottom: 28 },
		xAxis: { type: 'category', data: bins.map((b) => `${b * 10}–${b * 10 + 9}`) },
		yAxis: { type: 'value' },
		series: [{ name, type: 'bar', data: bins.map((b) => histogram.find((d) => d.bin === b)?.n ?? 0) }]
	};
}

/** The agency's fines for each item and tier (the rows without a department), as boxes, labelled by item name (a code means nothing to a reader). */
export function distributionOption(rows: Dashboard['consistency']): EChartsCoreOption {
	return {
		animation: false,
		tooltip: { trigger: 'item' },
		grid: { left: 64, right: 16, top: 16, bottom: 64 },
		xAxis: { type: 'category', data: rows.map((r) => `${r.itemName}\n${r.tier}`), axisLabel: { interval: 0, width: 96, overflow: 'truncate' } },
		yAxis: { type: 'value', name: '元', scale: true },
		series: [{ type: 'boxplot', itemStyle: { color: '#fbeceb', borderColor: '#b3261e' }, data: rows.map(quartiles) }]
	};
}

/** One item and tier: each branch's fines beside the agency's (the row without a department). */
export function branchBoxesOption(rows: Dashboard['consistency'], name: string, agencyLabel: string): EChartsCoreOption {
	return {
		animation: false,
		tooltip: { trigger: 'item' },
		grid: { left: 64, right: 16, top: 16, bottom: 28 },
		xAxis: { type: 'category', data: rows.map((r) => r.department ?? agencyLabel) },
		yAxis: { type: 'value', name: '元', scale: true },
		series: [{ name, type: 'boxplot', itemStyle: { color: '#eaf2fb', borderColor: '#1d4f91' }, data: rows.map(quartiles) }]
	};
}

type PeerItem = PeerSection['items'][number];
const yuanQuartiles = (s: FineSummary) => [s.min, s.p25, s.median, s.p75, s.max].map((x) => Math.round((x ?? 0) / 100));

/** For each item, our fines' box beside the peers' (yuan): two series, so that the legend tells the sides apart. */
export function peerBoxesOption(items: PeerItem[], labels: { own: string; peers: string }): EChartsCoreOption {
	return {
		animation: false,
		tooltip: { trigger: 'item' },
		legend: { top: 0 },
		grid: { left: 64, right: 16, top: 36, bottom: 48 },
		xAxis: { type: 'category', data: items.map((i) => i.name), axisLabel: { interval: 0, width: 140, overflow: 'truncate' } },
		yAxis: { type: 'value', name: '元', scale: true },
		series: [
			{ name: labels.own, type: 'boxplot', itemStyle: { color: '#eaf2fb', borderColor: '#1d4f91' }, data: items.map((i) => yuanQuartiles(i.own)) },
			{ name: labels.peers, type: 'boxplot', itemStyle: { color: '#fdf3e1', borderColor: '#a15c00' }, data: items.map((i) => yuanQuartiles(i.peers)) }
		]
	};
}
