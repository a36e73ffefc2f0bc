import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { loadCatalog } from '../catalog';
import { loadCalendar } from '../calendar';
import { importCases } from '../import';
import { casePage } from '../cases';
import { flagsCurrent, updateFlags, updateFlagsAfterImport } from './freshness';
import { listFlags } from './flags';
import { reviewQueue } from './queue';
import { saveReview } from './reviews';
import { REVIEW_POINTS } from '../../domain/review-points';

/** Flags computed at the end of an import for the cases it changed, on decided and pending cases alike. */

const dir = mkdtempSync(join(tmpdir(), 'equitas-flags-import-'));
const catalog = loadCatalog();
const cal = loadCalendar();
const AGENCY = '临江市住房公积金管理中心';
const TODAY = '2026-12-07';
const HEADER = '案件编号,执法机关,承办部门,执法类别,事项编码,执法事项,案件状态,当事人类型,当事人名称,执法证号,立案日期,决定日期,决定书文号,处罚种类,罚款金额';
const row = (id: string, fine: string, o: { status?: string; filed?: string; decided?: string } = {}) =>
	[
		id,
		AGENCY,
		'南湖管理部',
		'行政处罚',
		'HPF-37-1',
		'单位不办理住房公积金缴存登记',
		o.status ?? '已结案',
		'法人及非法人组织',
		'临江某某有限公司',
		'A1;A2',
		o.filed ?? '2021-03-01',
		o.decided === undefined ? '2021-04-10' : o.decided,
		o.decided === '' ? '' : `临公积金罚决字〔2021〕第${id}号`,
		'罚款',
		fine
	].join(',');
let n = 0;
function csv(...rows: string[]): string {
	const p = join(dir, `${++n}.csv`);
	writeFileSync(p, [HEADER, ...rows, ''].join('\r\n'));
	return p;
}

let db: Database;
const saved = process.env.EQUITAS_TODAY;

beforeAll(async () => {
	process.env.EQUITAS_TODAY = TODAY;
	db = await openMigrated(':memory:');
});

afterAll(async () => {
	await db?.close();
	if (saved === undefined) delete process.env.EQUITAS_TODAY;
	else process.env.EQUITAS_TODAY = saved;
	rmSync(dir, { recursive: true, force: true });
});

const open = async (caseId: string) => (await listFlags(db, { caseId, agency: AGENCY })).map((f) => [f.rule, f.reason]);

describe('flags at the end of an import', () => {
	it('computes every case’s flags after the first batch: decided cases too, and an overdue pending case raises R06', async () => {
		const first = await importCases(
			db,
			csv(
				row('LJ2021CF00004', '57000'),
				row('LJ2021CF00005', '25000'),
				row('LJ2025CF00001', '26000', { status: '待审核', filed: '2025-12-05', decided: '' }),
				row('LJ2026CF00001', '26000', { status: '待审核', filed: '2026-11-20', decided: '' })
			),
			catalog
		);
		expect(await flagsCurrent(db, null)).toBe(false);
		const summary = await updateFlagsAfterImport(db, catalog, cal, null, { id: first.batch, kind: 'cases', wereCurrent: false });
		expect(summary.cases).toBe(4);
		expect(await open('LJ2021CF00004')).toContainEqual(['R01', '罚款 57,000 元，超过法定上限 50,000 元']);
		expect(await open('LJ2021CF00005')).toEqual([]);
		// 367 days after filing and still undecided: overdue, with the days counted to today.
		expect(await open('LJ2025CF00001')).toContainEqual(['R06', '立案已 367 日仍未作出决定，超过 90 日（行政处罚法第六十条）']);
		expect((await open('LJ2026CF00001')).map(([r]) => r)).not.toContain('R06');
		expect(await flagsCurrent(db, null)).toBe(true);
		// Nothing changed since: the next page computes nothing.
		expect(await updateFlags(db, catalog, cal, null)).toBeNull();

		// The decided case's page shows its flag with the rule's name and severity.
		const page = await casePage(db, { roles: ['reviewer'] }, { caseId: 'LJ2021CF00004', agency: AGENCY });
		expect(page?.flags).toContainEqual(expect.objectContaining({ rule: 'R01', title: '罚款超出法定幅度', severity: 'error', status: 'open' }));
		// The queue marks the pending case overdue.
		const queue = await reviewQueue(db, {}, TODAY);
		expect(queue.rows.find((r) => r.case_id === 'LJ2025CF00001')?.overdue_days).toBe(367);
		expect(queue.rows.find((r) => r.case_id === 'LJ2026CF00001')?.overdue_days).toBeNull();
	});

	it('recomputes only the cases the next batch added or changed', async () => {
		// A flag planted on a case the batch does not touch: a computation of every case would clear it.
		await db.run(`INSERT INTO flags (agency, case_id, rule, severity, reason, rule_version) VALUES (?, 'LJ2021CF00005', 'R12', 'info', '留作对照', 'test')`, [
			AGENCY
		]);
		const wereCurrent = await flagsCurrent(db, null);
		const second = await importCases(db, csv(row('LJ2021CF00004', '45000'), row('LJ2021CF00006', '15000')), catalog);
		const summary = await updateFlagsAfterImport(db, catalog, cal, null, { id: second.batch, kind: 'cases', wereCurrent });
		expect(summary.cases).toBe(2);
		// What 57,000 yuan raised and 45,000 does not (R01; R11, a hearing for 50,000 and more) is cleared, on that case only.
		const cleared = await listFlags(db, { status: 'cleared' });
		expect(summary.cleared).toBe(cleared.length);
		expect(new Set(cleared.map((f) => f.case_id))).toEqual(new Set(['LJ2021CF00004']));
		// The corrected fine no longer breaks the statute; the new case is below its tier and says so.
		expect((await open('LJ2021CF00004')).map(([r]) => r)).not.toContain('R01');
		expect(await open('LJ2021CF00006')).toContainEqual([
			'R02',
			'罚款 15,000 元，低于「一般」阶次 20,000 元–35,000 元（本案情节：不符合「不予处罚」、「从重」、「从轻」的条件）'
		]);
		expect(await open('LJ2021CF00005')).toEqual([['R12', '留作对照']]);
		expect(await flagsCurrent(db, null)).toBe(true);
	});

	it('shows a returned case as waiting for its officer, after the cases waiting for the reviewer', async () => {
		const points = REVIEW_POINTS.map(() => 'yes' as const);
		const notes = REVIEW_POINTS.map(() => '');
		await saveReview(db, {
			agency: AGENCY,
			caseId: 'LJ2025CF00001',
			reviewer: 'shenhe',
			proposalId: null,
			submission: { points, notes, result: '退回补充', opinion: '请补充调查询问笔录', disagreement: false, resolutions: [] }
		});
		const queue = await reviewQueue(db, {}, TODAY);
		expect(queue.rows.map((r) => [r.case_id, r.review_state])).toEqual([
			['LJ2026CF00001', 'new'],
			['LJ2025CF00001', 'returned']
		]);
		expect((await reviewQueue(db, { state: 'returned' }, TODAY)).total).toBe(1);
		expect(await reviewQueue(db, {}, TODAY, { limit: 1, offset: 1 })).toMatchObject({ total: 2, rows: [{ case_id: 'LJ2025CF00001' }] });
	});
});
