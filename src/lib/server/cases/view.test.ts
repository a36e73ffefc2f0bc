import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { appendAudit, auditPage } from '../audit';
import { caseListPage, casePage } from './index';
import type { Reader } from '../viewer';

/** Masked by default: the reads pages use give each reader only what they may see, whatever the route asks. */

const AGENCY = '临江市住房公积金管理中心';
const NAME = '欧阳娜娜';
const ID = '350702199001011234';
let db: Database;

const leader: Reader = { roles: ['leader'] };
const ownOfficer: Reader = { roles: ['officer'], certNo: 'A1' };
const otherOfficer: Reader = { roles: ['officer'], certNo: 'B9' };
const reviewer: Reader = { roles: ['reviewer'] };

async function addCase(caseId: string, status: string, partyType: string, name: string, id: string): Promise<void> {
	await db.run(
		`INSERT INTO cases (agency, case_id, department, category, item_code, item_name, procedure, status, party_type, party_name, party_id,
			filed_on, officer_ids, penalty_types)
		 VALUES (?, ?, '第一管理部', '行政处罚', 'HPF-37-1', '单位不办理住房公积金缴存登记', '普通程序', ?, ?, ?, ?, DATE '2024-01-05', ['A1'], ['罚款'])`,
		[AGENCY, caseId, status, partyType, name, id]
	);
}

beforeAll(async () => {
	db = await openMigrated(':memory:');
	await addCase('M1', '已结案', '自然人', NAME, ID);
	await addCase('M2', '待审核', '自然人', '司马相如', '350702198001011111');
	await addCase('M3', '已结案', '法人及非法人组织', '临江欧阳娜娜贸易有限公司', '91350702MA00000000');
});

afterAll(async () => {
	await db.close();
});

describe('case reads for a reader', () => {
	it('masks a natural person on the case page except for the officer of the case', async () => {
		expect((await casePage(db, leader, { caseId: 'M1' }))?.record.party_name).toBe('欧***');
		expect((await casePage(db, leader, { caseId: 'M1' }))?.record.party_id).toBe('3****************4');
		expect((await casePage(db, otherOfficer, { caseId: 'M1', agency: AGENCY }))?.masked).toBe(true);
		expect((await casePage(db, ownOfficer, { caseId: 'M1' }))?.record.party_id).toBe(ID);
		expect(await casePage(db, leader, { caseId: 'NOPE' })).toBeNull();
	});

	it('finds a case by a natural person’s name only for readers who may see that name', async () => {
		const search = async (who: Reader, q: string) =>
			(await caseListPage(db, who, { filter: { q }, page: 0, pageSize: 50, sort: 'case_id', descending: false })).rows.map((r) => r.case_id);
		// Trying characters of a masked name finds nothing, though the company that bears the same characters is found.
		expect(await search(leader, '娜娜')).toEqual(['M3']);
		expect(await search(ownOfficer, '娜娜')).toEqual(['M1', 'M3']);
		// The reviewer sees pending cases in full, and so may find them by name.
		expect(await search(reviewer, '相如')).toEqual(['M2']);
		expect(await search(leader, '相如')).toEqual([]);
		// The case number always finds its case; the row shows the name masked.
		const rows = (await caseListPage(db, leader, { filter: { q: 'M1' }, page: 0, pageSize: 50, sort: 'case_id', descending: false })).rows;
		expect(rows.map((r) => [r.case_id, r.party_name])).toEqual([['M1', '欧***']]);
	});
});

describe('audit entries for a reader', () => {
	it('masks a name written into an entry as the case page masks it, and leaves the stored entry whole', async () => {
		await appendAudit(db, {
			actor: 'zhifa',
			action: 'file-uploaded',
			targetType: 'case-file',
			targetId: '1',
			detail: { agency: AGENCY, case_id: 'M1', title: `${NAME}询问笔录.pdf`, note: `身份证 ${ID}` }
		});
		const admin = await auditPage(db, { roles: ['admin'] }, {});
		const shown = admin.list.rows[0]!.detail ?? '';
		expect(shown).toContain('欧***询问笔录.pdf');
		expect(shown).not.toContain(NAME);
		expect(shown).not.toContain(ID);
		// The chain still verifies: masking happened on the way out, not in the log.
		expect(admin.check.ok).toBe(true);
		expect((await auditPage(db, ownOfficer, {})).list.rows[0]!.detail).toContain(NAME);
	});
});
