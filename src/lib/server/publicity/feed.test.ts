import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { loadCatalog } from '../catalog';
import { loadCalendar } from '../calendar';
import { listAudit } from '../audit';
import { listDue, listPublished, listToWithdraw, listWithdrawn } from './decisions';
import { pullChanges } from './feed';
import { publishDecision, withdrawDecision, PublicityError } from './acts';
import { publicitySummary } from './summary';
import { setPublicitySettings } from './settings';
import { addCase, AGENCY } from './test-cases';

const catalog = loadCatalog();
const cal = loadCalendar();
const TODAY = '2025-06-03';
const actor = { username: 'shenhe', ip: '127.0.0.1' };
let db: Database;
let cursor = 0;

async function pull(limit = 100) {
	const page = await pullChanges(db, catalog, TODAY, cursor, limit);
	cursor = Number(page.cursor);
	return page;
}
const ids = (rows: { case_id: string | null }[]) => rows.map((r) => r.case_id).sort();

beforeAll(async () => {
	db = await openMigrated(':memory:');
	await setPublicitySettings(db, { agencyCode: '12350700MB0000000X' });
	await addCase(db, { case_id: 'C1', decided_on: '2025-03-14', decision_no: '罚决〔2025〕1号', published_on: '2025-03-18', fine_amount: 35000 });
	await addCase(db, {
		case_id: 'C2',
		party_type: '自然人',
		party_name: '张三丰',
		party_id: '350702199001011234',
		decided_on: '2025-04-01',
		decision_no: '罚决〔2025〕2号',
		published_on: '2025-04-03',
		fine_amount: 5000
	});
	await addCase(db, { case_id: 'C3', status: '待审核', fine_amount: 20000 });
	await addCase(db, { case_id: 'C4', decided_on: '2025-04-10', decision_no: '不罚〔2025〕4号', published_on: '2025-04-11', fine_amount: 0 }, null);
	await addCase(db, { case_id: 'C5', decided_on: '2025-05-26', decision_no: '罚决〔2025〕5号', fine_amount: 20000, status: '已决定' });
	await addCase(db, { case_id: 'C6', decided_on: '2024-01-10', decision_no: '罚决〔2024〕6号', published_on: '2024-01-12', fine_amount: 20000 });
	await addCase(db, {
		case_id: 'C7',
		decided_on: '2025-02-10',
		decision_no: '罚决〔2025〕7号',
		published_on: '2025-02-12',
		fine_amount: 20000,
		reconsideration: '撤销'
	});
	await addCase(db, {
		case_id: 'C8',
		decided_on: '2025-01-06',
		decision_no: '罚决〔2025〕8号',
		published_on: '2025-01-08',
		withdrawn_on: '2025-03-01',
		fine_amount: 20000,
		litigation: '撤销',
		status: '已撤销'
	});
	await addCase(db, { case_id: 'C9', decided_on: '2025-04-20', decision_no: '罚决〔2025〕9号', fine_amount: 10000, status: '已决定' });
});
afterAll(async () => db.close());

describe('publicity lists', () => {
	it('shows on the public page only published, unwithdrawn decisions within their period; never pending or unpunished ones', async () => {
		const page = await listPublished(db, TODAY, {}, 50, 0, true);
		expect(ids(page.rows)).toEqual(['C1', 'C2', 'C7']);
		const staff = await listPublished(db, TODAY, { includeEnded: true });
		expect(ids(staff.rows)).toEqual(['C1', 'C2', 'C6', 'C7']);
		expect(page.rows.find((r) => r.case_id === 'C1')?.end_date).toBe('2026-03-14');
		expect(ids((await listPublished(db, TODAY, { q: '张三' }, 50, 0, true)).rows)).toEqual(['C2']);
	});

	it('lists the decisions due, the ones to withdraw and the withdrawn, and counts the overdue ones', async () => {
		expect(ids((await listDue(db, TODAY)).rows)).toEqual(['C5', 'C9']);
		expect(ids((await listToWithdraw(db, TODAY)).rows)).toEqual(['C7']);
		expect(ids((await listWithdrawn(db)).rows)).toEqual(['C8']);
		// C9 was decided 2025-04-20: its 7 working days ended before 3 June; C5's (26 May) end on 5 June... after Dragon Boat.
		expect(await publicitySummary(db, cal, catalog, TODAY)).toEqual({ onPublicity: 3, due: 2, overdue: 1, toWithdraw: 1, withdrawn: 1, days: 7 });
	});
});

describe('change feed for the city platform', () => {
	it('starts with every decision ever published, its 双公示 record masked, and then returns nothing new', async () => {
		const first = await pull();
		expect(first.decisions.map((d) => [d.decision_no, d.change])).toEqual(
			expect.arrayContaining([
				['罚决〔2025〕1号', 'published'],
				['罚决〔2025〕2号', 'published'],
				['罚决〔2024〕6号', 'published'],
				['罚决〔2025〕7号', 'published'],
				['罚决〔2025〕8号', 'withdrawn']
			])
		);
		expect(first.decisions).toHaveLength(5);
		const person = first.decisions.find((d) => d.decision_no === '罚决〔2025〕2号');
		expect(person?.record?.证件号码).toBe('3****************4');
		expect(JSON.stringify(first)).not.toContain('350702199001011234');
		expect(person?.record?.处罚机关统一社会信用代码).toBe('12350700MB0000000X');
		expect(first.decisions.find((d) => d.change === 'withdrawn')?.record).toBeNull();
		expect((await pull()).decisions).toEqual([]);
	});

	it('withdraws a decision: gone from the public page, logged, and reported once by the next pull', async () => {
		const r = await withdrawDecision(
			db,
			AGENCY,
			'C7',
			{ ground: '行政复议撤销', reason: '行政复议决定撤销原处罚决定', rulingOn: '2025-05-30', withdrawnOn: '2025-06-02' },
			actor,
			TODAY
		);
		expect(r).toEqual({ deadline: '2025-06-02', onTime: true });
		expect(ids((await listPublished(db, TODAY, {}, 50, 0, true)).rows)).toEqual(['C1', 'C2']);
		expect(ids((await listToWithdraw(db, TODAY)).rows)).toEqual([]);
		const next = await pull();
		expect(next.decisions).toHaveLength(1);
		expect(next.decisions[0]).toMatchObject({
			change: 'withdrawn',
			decision_no: '罚决〔2025〕7号',
			record: null,
			withdrawal: { withdrawn_on: '2025-06-02', ground: '行政复议撤销', reason: '行政复议决定撤销原处罚决定' }
		});
		expect((await pull()).decisions).toEqual([]);
		const audit = await listAudit(db, { action: 'publicity-withdrawn' });
		expect(audit.rows[0]).toMatchObject({ actor: 'shenhe', target_id: 'C7' });
		await expect(withdrawDecision(db, AGENCY, 'C7', { ground: '其他', reason: '重复撤回', rulingOn: null, withdrawnOn: TODAY }, actor, TODAY)).rejects.toThrow(
			PublicityError
		);
	});

	it('needs a ruling date for a ruling, and a reason', async () => {
		await expect(
			withdrawDecision(db, AGENCY, 'C1', { ground: '行政诉讼撤销', reason: '法院判决撤销', rulingOn: null, withdrawnOn: TODAY }, actor, TODAY)
		).rejects.toThrow(/裁判的日期/);
		await expect(withdrawDecision(db, AGENCY, 'C1', { ground: '其他', reason: '', rulingOn: null, withdrawnOn: TODAY }, actor, TODAY)).rejects.toThrow(/理由/);
	});

	it('publishes a due decision once; a later import without the date does not unpublish it', async () => {
		await publishDecision(db, AGENCY, 'C5', TODAY, actor, TODAY);
		expect((await pull()).decisions.map((d) => [d.decision_no, d.change])).toEqual([['罚决〔2025〕5号', 'published']]);
		await expect(publishDecision(db, AGENCY, 'C3', TODAY, actor, TODAY)).rejects.toThrow(/待审核/);
		await db.run(`UPDATE cases SET published_on = NULL, loaded_at = current_timestamp WHERE case_id = 'C5'`);
		expect(ids((await listPublished(db, TODAY, {}, 50, 0, true)).rows)).toContain('C5');
		expect((await pull()).decisions).toEqual([]);
	});

	it('reports a corrected decision as updated, and one that left the data as withdrawn', async () => {
		await db.run(`UPDATE cases SET fine_amount = 30000, loaded_at = current_timestamp WHERE case_id = 'C1'`);
		await db.run(`DELETE FROM cases WHERE case_id = 'C2'`);
		const page = await pull();
		expect(page.decisions.map((d) => [d.decision_no, d.change])).toEqual([
			['罚决〔2025〕1号', 'updated'],
			['罚决〔2025〕2号', 'withdrawn']
		]);
		expect(page.decisions[0]?.record?.['罚款金额（万元）']).toBe('3');
		expect(page.decisions[1]?.withdrawal?.ground).toBe('已不属于公示范围');
	});

	it('pages with a cursor that returns each change once, in order', async () => {
		const seen: string[] = [];
		let since = 0;
		for (;;) {
			const page = await pullChanges(db, catalog, TODAY, since, 2);
			seen.push(...page.decisions.map((d) => `${d.decision_no}`));
			expect(page.decisions.length).toBeLessThanOrEqual(2);
			since = Number(page.cursor);
			if (!page.has_more) break;
		}
		expect(seen.sort()).toEqual(['罚决〔2024〕6号', '罚决〔2025〕1号', '罚决〔2025〕2号', '罚决〔2025〕5号', '罚决〔2025〕7号', '罚决〔2025〕8号']);
		expect((await pullChanges(db, catalog, TODAY, since, 2)).decisions).toEqual([]);
	});
});
