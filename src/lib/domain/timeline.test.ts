import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCalendar, yearNoticeSchema } from './calendar';
import { parseCatalog } from './catalog';
import { emptyCase } from './case-schema';
import { caseTimeline } from './timeline';

const cal = buildCalendar(
	readdirSync(join(process.cwd(), 'data/calendar')).map((f) =>
		yearNoticeSchema.parse(JSON.parse(readFileSync(join(process.cwd(), 'data/calendar', f), 'utf8')))
	)
);
const catalog = parseCatalog(JSON.parse(readFileSync(join(process.cwd(), 'data/catalog/hpf.json'), 'utf8')), 'hpf.json');

function penalty(over: Partial<ReturnType<typeof emptyCase>>) {
	return { ...emptyCase(), category: '行政处罚', ...over };
}

describe('case timeline', () => {
	it('counts the publication deadline in working days across the Spring Festival', () => {
		const t = caseTimeline(penalty({ filed_on: '2024-01-08', decided_on: '2024-02-08', served_on: '2024-02-09', published_on: '2024-02-20' }), cal, catalog);
		const pub = t.find((s) => s.key === 'published_on')!;
		// 9 Feb, then 18 (make-up Sunday), 19, 20, 21, 22 and 23 Feb: the seventh working day is the 23rd.
		expect(pub).toMatchObject({ deadline: '2024-02-23', met: true });
		expect(t.find((s) => s.key === 'decided_on')).toMatchObject({ deadline: '2024-04-07', met: true });
		expect(t.find((s) => s.key === 'served_on')).toMatchObject({ deadline: '2024-02-23', met: true });
	});

	it('marks an undecided case past its 90 days as overdue, counted to today', () => {
		const pending = penalty({ status: '待审核', filed_on: '2025-12-05' });
		expect(caseTimeline(pending, cal, catalog, '2026-12-07').find((s) => s.key === 'decided_on')).toMatchObject({
			deadline: '2026-03-05',
			met: false,
			notes: ['已超期：立案已 367 日仍未作出决定']
		});
		expect(caseTimeline(pending, cal, catalog, '2026-01-05').find((s) => s.key === 'decided_on')).toMatchObject({ met: null, notes: [] });
	});

	it('marks a missed deadline, a major decision reviewed too late, and dates out of order', () => {
		const t = caseTimeline(
			penalty({
				filed_on: '2023-01-05',
				decided_on: '2023-06-01',
				served_on: '2023-05-20',
				reviewed_on: '2023-06-05',
				review_result: '通过',
				major_decision: true
			}),
			cal,
			catalog
		);
		expect(t.find((s) => s.key === 'decided_on')?.met).toBe(false);
		expect(t.find((s) => s.key === 'reviewed_on')?.met).toBe(false);
		// Reviewed after the decision: the decision is out of order, and so is the service before both.
		expect(t.find((s) => s.key === 'decided_on')?.notes[0]).toMatch(/早于「法制审核」（2023-06-05）/);
		expect(t.find((s) => s.key === 'served_on')?.notes[0]).toMatch(/早于「法制审核」/);
		expect(t.find((s) => s.key === 'published_on')?.met).toBeNull();
	});

	it('says when the calendar lacks the year instead of guessing', () => {
		const t = caseTimeline(penalty({ filed_on: '2026-11-01', decided_on: '2026-12-28' }), cal, catalog);
		expect(t.find((s) => s.key === 'published_on')?.notes[0]).toMatch(/2027/);
	});

	it('treats an unmarked case as major when the catalog rule says so, as the statistics do', () => {
		const t = caseTimeline(
			penalty({ filed_on: '2023-01-05', decided_on: '2023-02-01', reviewed_on: '2023-02-03', review_result: '通过', fine_amount: 4_000_000 }),
			cal,
			catalog
		);
		expect(t.find((s) => s.key === 'reviewed_on')).toMatchObject({ deadline: '2023-02-01', met: false });
		const small = caseTimeline(penalty({ filed_on: '2023-01-05', decided_on: '2023-02-01', fine_amount: 1_500_000 }), cal, catalog);
		expect(small.find((s) => s.key === 'reviewed_on')?.deadline).toBeNull();
	});
});
