import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { listAudit } from '../audit';
import { bilingual } from '../../i18n';
import { proposalsOf } from './proposals';
import { saveProposalFor } from './suggest-page';

const AGENCY = '临江市住房公积金管理中心';
let db: Database;

async function addCase(caseId: string, status: string, officers: string[], fine: number | null): Promise<void> {
	await db.run(
		`INSERT INTO cases (agency, case_id, department, category, item_code, item_name, procedure, status, party_type, party_name, fine_amount,
		 circumstance_tier, employees_affected, months_overdue, prior_violations, rectified, filed_on, decided_on, officer_ids, penalty_types)
		 VALUES (?, ?, '第一管理部', '行政处罚', 'HPF-37-1', '单位不办理住房公积金缴存登记', '普通程序', ?, '法人及非法人组织', ?, ?, '一般', 20, 6, 0, false,
		 '2024-01-05', ?, ?::VARCHAR[], ['罚款'])`,
		[AGENCY, caseId, status, `${caseId}公司`, fine, status === '待审核' ? null : '2024-03-01', `[${officers.map((o) => `'${o}'`).join(',')}]`]
	);
}

const request = (over: Record<string, unknown> = {}) =>
	JSON.stringify({ case_id: 'P1', item_code: 'HPF-37-1', employees_affected: 20, months_overdue: 6, prior_violations: 0, fine_amount: 30000, ...over });
const officer = { roles: ['officer' as const], certNo: 'A1' };
const actor = { username: 'zhifa', ip: '127.0.0.1' };
const text = (o: Awaited<ReturnType<typeof saveProposalFor>>) => (o.ok ? '' : bilingual(o.message).zh);

beforeAll(async () => {
	db = await openMigrated(':memory:');
	for (let i = 0; i < 40; i++) await addCase(`D${i}`, '已结案', ['A1', 'A2'], (20 + i) * 1000);
	await addCase('P1', '待审核', ['A1', 'A2'], 30000);
});
afterAll(async () => db.close());

describe('saving a proposal', () => {
	it('refuses a case number that does not exist', async () => {
		const r = await saveProposalFor(db, actor, officer, request({ case_id: 'NOPE-1' }), '');
		expect(r).toMatchObject({ ok: false, status: 404 });
		expect(text(r)).toMatch(/没有编号为 NOPE-1 的案件/);
	});

	it('refuses an officer the case does not name, and a leader', async () => {
		const other = await saveProposalFor(db, { username: 'qita', ip: null }, { roles: ['officer'], certNo: 'B9' }, request(), '');
		expect(other).toMatchObject({ ok: false, status: 403 });
		expect(text(other)).toMatch(/只有本案的承办执法人员或法制审核人员/);
		expect(await saveProposalFor(db, { username: 'lingdao', ip: null }, { roles: ['leader'] }, request(), '')).toMatchObject({ ok: false, status: 403 });
		expect(await proposalsOf(db, 'P1')).toEqual([]);
		expect((await listAudit(db, { action: 'suggestion-saved' })).total).toBe(0);
	});

	it("saves one of the case's officers' proposal, and a reviewer's, storing only the validated request", async () => {
		const mine = await saveProposalFor(db, actor, officer, request({ evil: '<script>', nested: { a: 1 } }), '');
		expect(mine).toMatchObject({ ok: true });
		const reviewer = await saveProposalFor(db, { username: 'shenhe', ip: null }, { roles: ['reviewer'] }, request(), '');
		expect(reviewer).toMatchObject({ ok: true });
		const saved = await proposalsOf(db, 'P1');
		expect(saved.map((p) => p.user_name)).toEqual(['shenhe', 'zhifa']);
		expect(saved[1]!.agency).toBe(AGENCY);
		expect(saved[1]!.input).toMatchObject({ case_id: 'P1', item_code: 'HPF-37-1', fine_amount: 30000 });
		expect(Object.keys(saved[1]!.input)).not.toContain('evil');
		expect(Object.keys(saved[1]!.input)).not.toContain('nested');
	});
});
