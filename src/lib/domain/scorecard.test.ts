import { describe, expect, it } from 'vitest';
import { changeNotes, rankRows, rate, systemRows, type Scorecard, type YearFigures } from './scorecard';

const year = (o: Partial<YearFigures> = {}): YearFigures => ({
	publicity: { due: 10, on_time: 9, rate: 0.9 },
	withdrawal: { due: 0, on_time: 0, rate: null },
	record: { cases: 10, complete: 10, rate: 1 },
	legal_review: { major: 0, reviewed_before: 0, rate: null },
	reconsideration: { cases: 2, corrected: 1 },
	litigation: { cases: 1, lost: 0 },
	officers: { acting: 4, certified: 4, rate: 1 },
	...o
});

const card = (current: YearFigures, previous: YearFigures): Scorecard => ({
	year: 2024,
	agency: '某中心',
	consistency: {
		spread: 1500,
		spread_previous_year: 2000,
		cases: 30,
		by_department: [
			{ department: '南城', cases: 12, median_shift: -3000, spread: 3000 },
			{ department: '西城', cases: 2, median_shift: null, spread: null }
		],
		by_officer: [],
		trend: []
	},
	current,
	previous,
	recordDetail: { datesMissing: 0, outOfOrder: 0, avMissing: 0, fileIncomplete: 0, withFile: 0 },
	reviewResults: [],
	headline: { current: { cases: 0, decisions: 0, amountFen: 0 }, previous: { cases: 0, decisions: 0, amountFen: 0 } }
});

describe('scorecard figures', () => {
	it('has no rate where there is nothing to rate', () => {
		expect(rate(0, 0)).toBeNull();
		expect(rate(1, 3)).toBe(0.3333);
	});

	it('ranks the furthest from the norm first and lists the too-few last, unranked', () => {
		const rows = rankRows(
			[
				{ name: 'a', cases: 3, median_shift: null, spread: null },
				{ name: 'b', cases: 20, median_shift: 500, spread: 800 },
				{ name: 'c', cases: 20, median_shift: -2000, spread: 2000 }
			],
			(r) => r.name
		);
		expect(rows.map((r) => r.name)).toEqual(['c', 'b', 'a']);
	});

	it('sets each system beside the year before and says which got worse', () => {
		const rows = systemRows(card(year({ publicity: { due: 10, on_time: 8, rate: 0.8 }, reconsideration: { cases: 3, corrected: 2 } }), year()));
		const by = Object.fromEntries(rows.map((r) => [r.key, r]));
		expect(by.publicity).toMatchObject({ change: -0.1, worse: true, isRate: true });
		// More corrections on reconsideration is worse, though it is a count.
		expect(by.reconsideration).toMatchObject({ change: 1, worse: true, isRate: false });
		expect(by.record).toMatchObject({ change: 0, worse: false });
		expect(by.legal_review).toMatchObject({ change: null, worse: false });
	});

	it('writes the notes of an evaluation report in plain sentences', () => {
		const notes = changeNotes(card(year({ publicity: { due: 10, on_time: 8, rate: 0.8 } }), year()));
		expect(notes[0]).toBe('同事项同阶次罚款的离散度为 1,500 元，比上年收窄 500 元，执法尺度趋于统一。');
		expect(notes[1]).toBe('偏离全中心最多的管理部是南城（12 件），比全中心同事项同阶次的中位数低 3,000 元（偏轻）。');
		expect(notes[2]).toBe('西城本年罚款案件少于 10 件，未作排名。');
		expect(notes).toContain('按期公示率由上年的 90.0% 降至 80.0%（-10.0 个百分点），有所退步，需关注。');
		expect(notes).toContain('重大执法决定决定前法制审核率：本年没有重大执法决定，不计比率。');
	});
});
