import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { loadCatalog } from '../catalog';
import { getCase } from '../cases/read';
import { importCases, undoBatch } from './index';

const dir = mkdtempSync(join(tmpdir(), 'equitas-facts-fill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const catalog = loadCatalog();
let db: Database;
beforeEach(async () => {
	await db?.close();
	db = await openMigrated(':memory:');
});

let n = 0;
function file(content: string): string {
	const p = join(dir, `${++n}.csv`);
	writeFileSync(p, content);
	return p;
}

const AGENCY = '临江市住房公积金管理中心';
const BASE = '案件编号,执法机关,执法类别,事项编码,执法事项,案件状态,当事人类型,当事人名称,执法证号,立案日期,决定日期,决定书文号,罚款金额';
const base = (id: string) =>
	`${id},${AGENCY},行政处罚,HPF-37-1,单位不办理住房公积金缴存登记,已结案,法人及非法人组织,某某有限公司,A1;A2,2023-03-01,2023-05-10,罚字${id}号,20000`;
const FACTS = '"经查，该单位现有员工250人，其中二十三人未缴存住房公积金，逾期8个月，欠缴金额十一万五千元。\n当事人拒不配合调查。"';

async function extractedOf(caseId: string): Promise<Record<string, string> | null> {
	const [row] = await db.query<{ extracted: string | null }>('SELECT extracted FROM cases WHERE case_id = ?', [caseId]);
	return row?.extracted ? (JSON.parse(row.extracted) as Record<string, string>) : null;
}

describe('circumstances read from the facts text at import', () => {
	it('fills the blank circumstances from the text, keeps the recorded ones, and says which were read', async () => {
		const text = [
			`${BASE},违法事实,涉及职工人数,违法持续月数`,
			// People recorded (5): the text's 23 does not replace it; months blank: read from the text.
			`${base('F1')},${FACTS},5,`,
			// No facts: nothing to read, the blanks stay unknown.
			`${base('F2')},,,`,
			// Everything the text states is recorded already: nothing read.
			`${base('F3')},"涉及未缴存职工7人，逾期3个月。",7,3`
		].join('\n');
		const r = await importCases(db, file(text), catalog);
		expect({ imported: r.imported, quarantined: r.quarantined }).toEqual({ imported: 3, quarantined: 0 });
		expect(await getCase(db, AGENCY, 'F1')).toMatchObject({
			employees_affected: 5,
			months_overdue: 8,
			amount_involved: 11_500_000,
			cooperated: false,
			rectified: null,
			harm: null
		});
		expect(await extractedOf('F1')).toEqual({
			months_overdue: '逾期8个月',
			amount_involved: '欠缴金额十一万五千元',
			cooperated: '当事人拒不配合调查'
		});
		expect(await getCase(db, AGENCY, 'F2')).toMatchObject({ employees_affected: null, months_overdue: null });
		expect(await extractedOf('F2')).toBeNull();
		expect(await getCase(db, AGENCY, 'F3')).toMatchObject({ employees_affected: 7, months_overdue: 3 });
		expect(await extractedOf('F3')).toBeNull();
	});

	it('reads a total that is not the figure: 「现有员工250人，其中23人未缴存」 is 23 people', async () => {
		await importCases(db, file(`${BASE},违法事实\n${base('T1')},${FACTS}\n`), catalog);
		expect(await getCase(db, AGENCY, 'T1')).toMatchObject({ employees_affected: 23, months_overdue: 8 });
		expect(Object.keys((await extractedOf('T1')) ?? {}).sort()).toEqual(['amount_involved', 'cooperated', 'employees_affected', 'months_overdue']);
	});

	it('leaves a re-import of the same rows unchanged, and an edited text updates the case and its phrases', async () => {
		const text = `${BASE},违法事实\n${base('U1')},${FACTS}\n${base('U2')},"逾期两年未缴存。"\n`;
		await importCases(db, file(text), catalog);
		const again = await importCases(db, file(text), catalog);
		expect({ imported: again.imported, updated: again.updated, unchanged: again.unchanged }).toEqual({ imported: 0, updated: 0, unchanged: 2 });
		const edited = await importCases(db, file(text.replace('逾期两年', '逾期十一个月')), catalog);
		expect({ updated: edited.updated, unchanged: edited.unchanged }).toEqual({ updated: 1, unchanged: 1 });
		expect(await getCase(db, AGENCY, 'U2')).toMatchObject({ months_overdue: 11 });
		expect(await extractedOf('U2')).toEqual({ months_overdue: '逾期十一个月未缴存' });
		// Undoing the edit brings back the earlier version with its own phrases.
		await undoBatch(db, edited.batch, 'analyst');
		expect(await getCase(db, AGENCY, 'U2')).toMatchObject({ months_overdue: 24 });
		expect(await extractedOf('U2')).toEqual({ months_overdue: '逾期两年未缴存' });
	});

	it('reads the text of rows the JavaScript readers settle as well as the ones SQL settles', async () => {
		// A full-width date sends the row through the readers; its circumstances are still read.
		const text = `${BASE},违法事实\n${base('J1').replace('2023-03-01', '２０２３年３月１日')},"涉及职工12人，已补缴。"\n`;
		const r = await importCases(db, file(text), catalog);
		expect(r.imported).toBe(1);
		expect(await getCase(db, AGENCY, 'J1')).toMatchObject({ employees_affected: 12, rectified: true, filed_on: '2023-03-01' });
	});

	it('reads the text of items that use circumstances and of items the catalog does not know, not of inspections', async () => {
		const INSPECTION = `${AGENCY},行政检查,HPF-JC-01,住房公积金缴存情况监督检查,已结案,法人及非法人组织,某某有限公司,A1;A2,2023-03-01,,,`;
		const text = [
			`${BASE},违法事实`,
			`I1,${INSPECTION},${FACTS}`,
			`I2,${AGENCY},行政处罚,HPF-99,本地新增事项,已结案,法人及非法人组织,某某有限公司,A1;A2,2023-03-01,2023-05-10,罚字I2号,20000,${FACTS}`
		].join('\n');
		const r = await importCases(db, file(`${text}\n`), catalog);
		expect(r.imported).toBe(2);
		expect(await getCase(db, AGENCY, 'I1')).toMatchObject({ employees_affected: null, months_overdue: null });
		expect(await extractedOf('I1')).toBeNull();
		expect(await getCase(db, AGENCY, 'I2')).toMatchObject({ employees_affected: 23, months_overdue: 8 });
	});
});
