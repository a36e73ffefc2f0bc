import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { loadCatalog } from '../catalog';
import { importCases } from '../import';
import { caseCount, exportReportXlsx } from './index';

let db: Database;
beforeEach(async () => {
	db = await openMigrated(':memory:');
});
afterEach(async () => db.close());

const AGENCY = '临江市住房公积金管理中心';
const HEADER = '案件编号,执法机关,承办部门,执法类别,事项编码,执法事项,案件状态,当事人类型,当事人名称,执法证号,立案日期,决定日期,决定书文号,罚款金额';
const ROW = `LJ1,${AGENCY},东城管理部,行政处罚,HPF-37-1,单位不办理住房公积金缴存登记,已结案,法人及非法人组织,某某有限公司,A1;A2,2024-03-01,2024-05-10,罚字1号,20000`;

async function oneCase(): Promise<number> {
	const dir = mkdtempSync(join(tmpdir(), 'equitas-report-'));
	try {
		const path = join(dir, 'cases.csv');
		writeFileSync(path, `${HEADER}\n${ROW}\n`);
		const r = await importCases(db, path, loadCatalog());
		const [last] = await db.query<{ n: number }>('SELECT max(seq) AS n FROM audit_log');
		expect(r.imported).toBe(1);
		return last?.n ?? 0;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

describe('the annual report download', () => {
	it('is an Excel workbook named for the agency and year, and its export is logged once', async () => {
		const from = await oneCase();
		expect(await caseCount(db)).toBe(1);
		const { fileName, bytes } = await exportReportXlsx(db, { username: 'lingdao', ip: '10.0.0.5' }, 2024);
		expect(fileName).toBe(`${AGENCY}2024年度行政执法统计年报.xlsx`);
		// An XLSX file is a zip archive.
		expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
		expect(await db.query('SELECT actor, action, target_type, target_id, detail, ip FROM audit_log WHERE seq > ?', [from])).toEqual([
			{ actor: 'lingdao', action: 'export', target_type: 'report', target_id: '2024', detail: '{"format":"xlsx"}', ip: '10.0.0.5' }
		]);
	});
});
