import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { exportSupervision, pageParam, supervisionFilterOf, supervisionPage } from './supervision';

/** 执法监督: flags on decided cases only, filtered, paged, masked for the reader, exported safe for a spreadsheet. */

const AGENCY = '临江市住房公积金管理中心';
let db: Database;

async function addCase(caseId: string, o: { decided: string | null; department: string; officers: string[]; party: [string, string] }): Promise<void> {
	await db.run(
		`INSERT INTO cases (agency, case_id, department, category, item_code, item_name, status, party_type, party_name, filed_on, decided_on, officer_ids)
		 VALUES (?, ?, ?, '行政处罚', 'HPF-37-1', '单位不办理住房公积金缴存登记', ?, ?, ?, DATE '2021-01-05', ${o.decided ? `DATE '${o.decided}'` : 'NULL'}, string_split(?, ','))`,
		[AGENCY, caseId, o.department, o.decided ? '已结案' : '待审核', o.party[0], o.party[1], o.officers.join(',')]
	);
}

async function addFlag(caseId: string, rule: string, severity: string, reason: string, status = 'open'): Promise<void> {
	await db.run(`INSERT INTO flags (agency, case_id, rule, severity, reason, status, rule_version) VALUES (?, ?, ?, ?, ?, ?, 'test')`, [
		AGENCY,
		caseId,
		rule,
		severity,
		reason,
		status
	]);
}

beforeAll(async () => {
	db = await openMigrated(':memory:');
	await db.run(`INSERT INTO officers (cert_no, name) VALUES ('A1', '张明'), ('A2', '李红'), ('B1', '王强')`);
	await addCase('D1', { decided: '2021-04-10', department: '南湖管理部', officers: ['A1', 'A2'], party: ['自然人', '欧阳娜娜'] });
	await addCase('D2', { decided: '2022-06-01', department: '东城管理部', officers: ['B1', 'A2'], party: ['法人及非法人组织', '=HYPERLINK("x")公司'] });
	await addCase('P1', { decided: null, department: '南湖管理部', officers: ['A1', 'A2'], party: ['法人及非法人组织', '临江某公司'] });
	await addFlag('D1', 'R01', 'error', '罚款 57,000 元，超过法定上限 50,000 元');
	await addFlag('D1', 'R12', 'info', '没有音像记录', 'accepted');
	await addFlag('D2', 'R02', 'warning', '罚款 15,000 元，低于「一般」阶次 20,000 元–35,000 元');
	await addFlag('P1', 'R01', 'error', '拟罚款 60,000 元，超过法定上限 50,000 元');
});

afterAll(async () => {
	await db?.close();
});

describe('the supervision view', () => {
	it('lists open flags of decided cases only, by rule, branch, officer and year', async () => {
		const all = await supervisionPage(db, { roles: ['leader'] }, {});
		expect(all.rows.map((r) => [r.case_id, r.rule])).toEqual([
			['D2', 'R02'],
			['D1', 'R01']
		]);
		expect(all.byRule.map((r) => [r.rule, r.n, r.title])).toEqual([
			['R01', 1, '罚款超出法定幅度'],
			['R02', 1, '罚款超出裁量基准阶次']
		]);
		const ids = async (q: string) => (await supervisionPage(db, { roles: ['leader'] }, supervisionFilterOf(new URLSearchParams(q)))).rows.map((r) => r.case_id);
		expect(await ids('rule=R01')).toEqual(['D1']);
		expect(await ids('department=东城管理部')).toEqual(['D2']);
		expect(await ids('officer=A1')).toEqual(['D1']);
		expect(await ids('year=2022')).toEqual(['D2']);
		expect(await ids('status=all&rule=R12')).toEqual(['D1']);
		expect(await ids('rule=R99&year=abc')).toEqual(['D2', 'D1']);
		expect(all.rows.find((r) => r.case_id === 'D1')?.officers).toBe('张明（A1）、李红（A2）');
	});

	it('pages the list and masks a natural person for a reader without need', async () => {
		// A page number that is not a whole number from 0 up is the first page.
		expect(['2', '', null, '-1', '1.5', '1e308', 'abc'].map(pageParam)).toEqual([2, 0, 0, 0, 0, 0, 0]);
		const page = await supervisionPage(db, { roles: ['reviewer'] }, {}, 1);
		expect(page.total).toBe(2);
		expect(page.rows).toEqual([]);
		const first = await supervisionPage(db, { roles: ['reviewer'] }, { rule: 'R01' });
		expect(first.rows[0]?.party_name).toBe('欧***');
		const own = await supervisionPage(db, { roles: ['officer'], certNo: 'A1' }, { rule: 'R01' });
		expect(own.rows[0]?.party_name).toBe('欧阳娜娜');
	});

	it('exports the list as CSV, masked, with formulas neutralised, and records the export', async () => {
		const file = await exportSupervision(db, { roles: ['analyst'] }, { username: 'fenxi', ip: null }, {});
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.body);
		expect(text.startsWith('\uFEFF"案件编号","决定日期","承办部门","执法人员","执法事项","当事人","规则","规则名称","严重程度","提示内容","处理状态"')).toBe(
			true
		);
		expect(text).toContain(`"'=HYPERLINK(""x"")公司"`);
		expect(text).toContain('"欧***"');
		expect(text).not.toContain('欧阳娜娜');
		expect(text).not.toContain('P1');
		const [entry] = await db.query<{ action: string; actor: string }>(`SELECT action, actor FROM audit_log ORDER BY seq DESC LIMIT 1`);
		expect(entry).toEqual({ action: 'export', actor: 'fenxi' });
	});
});
