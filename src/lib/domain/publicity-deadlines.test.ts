import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../server/calendar';
import { loadCatalog } from '../server/catalog';
import { groundFromCase, latestOverdueDecision, mustWithdraw, publicationDue, withdrawalDeadline } from './publicity-deadlines';

const cal = loadCalendar();
const catalog = loadCatalog();

describe('publication deadline (R08)', () => {
	it('gives a 行政处罚 decision 7 working days, across the National Day holiday', () => {
		// Decided Monday 2025-09-29; 1–8 October are holidays and Saturday 11 October is a make-up working day.
		const due = publicationDue(cal, catalog, { decided_on: '2025-09-29', category: '行政处罚' }, '2025-09-30');
		expect(due.deadline).toBe('2025-10-15');
		expect(due.left).toBe(6);
		expect(due.overdue).toBe(false);
		const late = publicationDue(cal, catalog, { decided_on: '2025-09-29', category: '行政处罚' }, '2025-10-17');
		expect([late.overdue, late.left]).toEqual([true, -2]);
	});

	it('says when the calendar lacks the year instead of guessing', () => {
		const due = publicationDue(cal, catalog, { decided_on: '2026-12-28', category: '行政处罚' }, '2026-12-29');
		expect(due.deadline).toBeNull();
		expect(due.note).toMatch(/2027/);
	});

	it('finds the latest decision date that is already overdue', () => {
		const d = latestOverdueDecision(cal, '2025-10-16', 7);
		expect(d).toBe('2025-09-29');
		expect(cal.addWorkingDays(d!, 7) < '2025-10-16').toBe(true);
		expect(cal.addWorkingDays('2025-09-30', 7) >= '2025-10-16').toBe(true);
	});
});

describe('withdrawal (R09)', () => {
	it('must happen within 3 days of the ruling', () => {
		expect(withdrawalDeadline('2025-06-10', '2025-06-13')).toEqual({ deadline: '2025-06-13', met: true });
		expect(withdrawalDeadline('2025-06-10', '2025-06-14')).toEqual({ deadline: '2025-06-13', met: false });
		expect(withdrawalDeadline(null, '2025-06-14')).toEqual({ deadline: null, met: null });
	});

	it('is required by a revoking, changing or unlawful-finding ruling, or a revoked case', () => {
		expect(groundFromCase({ reconsideration: '变更', litigation: '无' })).toBe('行政复议变更');
		expect(groundFromCase({ reconsideration: '维持', litigation: '确认违法' })).toBe('行政诉讼确认违法');
		expect(mustWithdraw({ reconsideration: '维持', litigation: '驳回', status: '已结案' })).toBe(false);
		expect(mustWithdraw({ reconsideration: null, litigation: null, status: '已撤销' })).toBe(true);
	});
});
