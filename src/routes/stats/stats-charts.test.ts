import { describe, expect, it } from 'vitest';
import { branchBoxesOption, branchesOption, dayBins, daysOption, distributionOption, monthlyOption, peerBoxesOption } from './stats-charts';

type Bars = { series: { name?: string; data: unknown[]; yAxisIndex?: number }[]; xAxis: { data: string[] } };
const row = (department: string | null, median: number) => ({
	itemCode: 'HPF-37-1',
	itemName: '逾期不缴',
	tier: '一般',
	department,
	n: 5,
	min: median - 2,
	q1: median - 1,
	median,
	q3: median + 1,
	max: median + 2
});

describe('the statistics charts', () => {
	it('stack the months by category, with every month present', () => {
		const o = monthlyOption([
			{ month: 3, category: '行政处罚', n: 4 },
			{ month: 12, category: '行政检查', n: 2 }
		]) as Bars;
		expect(o.xAxis.data).toHaveLength(12);
		expect(o.series.map((s) => s.name)).toEqual(['行政处罚', '行政检查']);
		expect(o.series[0]!.data).toEqual([0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
		expect(o.series[1]!.data.at(-1)).toBe(2);
	});

	it('show fines by branch in 万元 on the second axis', () => {
		const o = branchesOption([{ department: '南湖管理部', cases: 10, decisions: 8, finesFen: 12_345_678 }], { cases: '案件', fines: '罚款' }) as Bars;
		expect(o.series[1]).toMatchObject({ name: '罚款', yAxisIndex: 1, data: [12.35] });
	});

	it('fill the empty 10-day bins between the first and the last', () => {
		const h = [
			{ bin: 2, n: 3 },
			{ bin: 5, n: 1 }
		];
		expect(dayBins(h)).toEqual([2, 3, 4, 5]);
		expect(dayBins([])).toEqual([]);
		const o = daysOption(h, '决定') as Bars;
		expect(o.xAxis.data).toEqual(['20–29', '30–39', '40–49', '50–59']);
		expect(o.series[0]!.data).toEqual([3, 0, 0, 1]);
	});

	it('draw boxes from the quartiles and name the agency-wide row', () => {
		const o = distributionOption([row(null, 10)]) as Bars;
		expect(o.series[0]!.data).toEqual([[8, 9, 10, 11, 12]]);
		expect(o.xAxis.data).toEqual(['逾期不缴\n一般']);
		const b = branchBoxesOption([row(null, 10), row('南湖管理部', 20)], '逾期不缴 · 一般', '全局') as Bars;
		expect(b.xAxis.data).toEqual(['全局', '南湖管理部']);
		expect(b.series[0]!.data[1]).toEqual([18, 19, 20, 21, 22]);
	});

	it('put our fines and the peers’ of each item side by side, in yuan from fen', () => {
		const fen = (m: number) => ({ count: 3, min: m - 200_000, p25: m - 100_000, median: m, p75: m + 100_000, max: m + 200_000 });
		const o = peerBoxesOption(
			[{ item: 'HPF-37-1', name: '不办理缴存登记', year: 2024, own: fen(2_000_000), peers: { ...fen(3_000_000), agencies: ['甲'], years: [2024] } }],
			{ own: '本中心', peers: '其他机关' }
		) as Bars;
		expect(o.xAxis.data).toEqual(['不办理缴存登记']);
		expect(o.series.map((s) => s.name)).toEqual(['本中心', '其他机关']);
		expect(o.series[0]!.data).toEqual([[18_000, 19_000, 20_000, 21_000, 22_000]]);
		expect(o.series[1]!.data).toEqual([[28_000, 29_000, 30_000, 31_000, 32_000]]);
	});
});
