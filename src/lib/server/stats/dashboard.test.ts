import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { loadCalendar } from '../calendar';
import { loadCatalog } from '../catalog';
import { dashboard } from './dashboard';
import { ensureCalendarTable } from './calendar-table';
import { listCases } from '../cases/list';

let db: Database;
async function add(id: string, c: Record<string, string | number | null>) {
	const cols = {
		case_id: id,
		agency: '某中心',
		item_name: '事项',
		item_code: 'HPF-37-1',
		status: '已结案',
		party_type: '法人及非法人组织',
		party_name: '某公司',
		department: '东城',
		...c
	};
	const keys = Object.keys(cols);
	await db.run(
		`INSERT INTO cases (${keys.join(', ')}, officer_ids, penalty_types) VALUES (${keys.map(() => '?').join(', ')}, ['A1', 'A2'], ['罚款'])`,
		keys.map((k) => (cols as Record<string, string | number | null>)[k] ?? null)
	);
}

beforeAll(async () => {
	db = await openMigrated(':memory:');
	await ensureCalendarTable(db, loadCalendar());
	// Decided the Thursday before the 2024 Spring Festival, published 12 calendar days later: 4 working days, on time.
	await add('P1', {
		category: '行政处罚',
		filed_on: '2024-01-08',
		decided_on: '2024-02-08',
		published_on: '2024-02-20',
		fine_amount: 30000,
		circumstance_tier: '一般',
		reviewed_on: '2024-02-06',
		review_result: '通过'
	});
	// 8 working days after the decision: late.
	await add('P2', {
		category: '行政处罚',
		filed_on: '2024-02-01',
		decided_on: '2024-03-01',
		published_on: '2024-03-13',
		fine_amount: 10000,
		circumstance_tier: '一般',
		department: '西城'
	});
	// Not published; a major decision (fine ≥ 30,000) reviewed only after the decision.
	await add('P3', {
		category: '行政处罚',
		filed_on: '2024-03-01',
		decided_on: '2024-05-30',
		fine_amount: 40000,
		circumstance_tier: '一般',
		reviewed_on: '2024-06-03',
		review_result: '通过'
	});
	await add('I1', { category: '行政检查', filed_on: '2024-07-01' });
});
afterAll(async () => db.close());

describe('leadership statistics', () => {
	it('counts publication deadlines in working days across the Spring Festival', async () => {
		const s = await dashboard(db, loadCatalog(), { year: 2024 });
		expect(s.publication).toEqual({ due: 3, onTime: 1, late: 1, unpublished: 1 });
	});

	it('checks that major decisions passed legal review before the decision', async () => {
		const s = await dashboard(db, loadCatalog(), { year: 2024 });
		expect(s.majorReview).toEqual({ major: 2, reviewedBefore: 1 });
	});

	it('reports cases, decisions, days to decision and fines, obeying the filters', async () => {
		const s = await dashboard(db, loadCatalog(), { year: 2024 });
		expect([s.cases, s.decisions, s.finesFen]).toEqual([4, 3, 8_000_000]);
		expect(s.daysToDecision.mean).toBeCloseTo((31 + 29 + 90) / 3, 5);
		expect(s.daysHistogram).toEqual([
			{ bin: 2, n: 1 },
			{ bin: 3, n: 1 },
			{ bin: 9, n: 1 }
		]);
		const east = await dashboard(db, loadCatalog(), { year: 2024, department: '东城' });
		expect([east.cases, east.decisions]).toEqual([3, 2]);
		expect(s.byBranch.map((b) => [b.department, b.cases])).toEqual([
			['东城', 3],
			['西城', 1]
		]);
	});

	it('sets each branch beside the agency for the same item and tier', async () => {
		const s = await dashboard(db, loadCatalog(), { year: 2024 });
		const agency = s.consistency.find((c) => c.department === null && c.tier === '一般');
		expect(agency).toMatchObject({ itemCode: 'HPF-37-1', n: 3, median: 30000, min: 10000, max: 40000 });
		expect(s.consistency.find((c) => c.department === '西城')).toMatchObject({ n: 1, median: 10000 });
	});

	it('lists the cases behind each headline figure', async () => {
		const ids = async (f: Parameters<typeof listCases>[1]) =>
			(await listCases(db, { year: 2024, ...f }, 0, 50, 'case_id', false, loadCatalog())).rows.map((r) => r.case_id);
		expect(await ids({ flag: 'published-late' })).toEqual(['P2']);
		expect(await ids({ flag: 'unpublished' })).toEqual(['P3']);
		expect(await ids({ flag: 'major-unreviewed' })).toEqual(['P3']);
		expect(await ids({ daysBin: 9 })).toEqual(['P3']);
		expect(await ids({ itemCode: 'HPF-37-1', tier: '一般', department: '西城' })).toEqual(['P2']);
	});
});
