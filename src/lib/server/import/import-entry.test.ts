import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { loadCatalog } from '../catalog';
import { exportQuarantine, importCases, receiveUpload, saveProfile, UnreadableFileError, UploadError } from './index';

const dir = mkdtempSync(join(tmpdir(), 'equitas-import-entry-'));
process.env.EQUITAS_UPLOADS = join(dir, 'uploads');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let db: Database;
beforeEach(async () => {
	await db?.close();
	db = await openMigrated(':memory:');
});

const AGENCY = '临江市住房公积金管理中心';
const HEADER = '案件编号,执法机关,承办部门,执法类别,事项编码,执法事项,案件状态,当事人类型,当事人名称,执法证号,立案日期,决定日期,决定书文号,罚款金额';
const ROW = `LJ1,${AGENCY},东城管理部,行政处罚,HPF-37-1,单位不办理住房公积金缴存登记,已结案,法人及非法人组织,某某有限公司,A1;A2,2023-03-01,2023-05-10,罚字1号,20000`;

function body(bytes: Uint8Array): ReadableStream<Uint8Array> {
	return new Blob([Uint8Array.from(bytes)]).stream();
}

describe('an uploaded export', () => {
	it('is kept and read: encoding, title rows, header, mapping, the saved profile and the first rows', async () => {
		const text = ['2023年台账', HEADER, ROW, ''].join('\r\n');
		await saveProfile(db, '本中心台账', HEADER.split(','), { 案件编号: 'case_id' }, 'fenxi');
		const p = await receiveUpload(db, body(iconv.encode(text, 'gbk')), '台账.csv', 'fenxi');
		expect(p.upload).toMatchObject({ name: '台账.csv' });
		expect(p.upload.size).toBeGreaterThan(0);
		expect(p.encoding).toBe('GB18030');
		expect(p.titleRows).toEqual([['2023年台账']]);
		expect(p.header).toEqual(HEADER.split(','));
		expect(p.columns.find((c) => c.header === '罚款金额')?.key).toBe('fine_amount');
		expect(p.profile).toEqual({ name: '本中心台账', mapping: { 案件编号: 'case_id' }, rules: { headerRow: null, constants: {}, recodes: {} } });
		expect(p.needsHeader).toBe(false);
		expect(p.preview[0]?.[0]).toBe('LJ1');
	});

	it('is refused by type, an unreadable workbook says so, and a table without a known header asks for one', async () => {
		await expect(receiveUpload(db, body(new TextEncoder().encode('x')), 'a.pdf', 'fenxi')).rejects.toBeInstanceOf(UploadError);
		const brokenZip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...new Array<number>(60).fill(7)]);
		await expect(receiveUpload(db, body(brokenZip), 'a.xlsx', 'fenxi')).rejects.toBeInstanceOf(UnreadableFileError);
		// Text named .xlsx is read as the text it is; with no header recognised, the analyst is asked to pick one.
		const text = await receiveUpload(db, body(new TextEncoder().encode('a,b,c\n1,2,3\n')), 'a.xlsx', 'fenxi');
		expect({ needsHeader: text.needsHeader, headerRow: text.headerRow, sample: text.sample }).toEqual({
			needsHeader: true,
			headerRow: 1,
			sample: [
				['a', 'b', 'c'],
				['1', '2', '3']
			]
		});
	});
});

describe('the quarantine export', () => {
	it('gives the rows under the file header, named after the file, and logs exactly one export', async () => {
		const path = join(dir, '台账.csv');
		writeFileSync(path, [HEADER, ROW, ROW.replace(/,[^,]*$/, ',不详'), ''].join('\n'));
		const r = await importCases(db, path, loadCatalog(), { user: 'fenxi' });
		const [before] = await db.query<{ n: number }>('SELECT max(seq) AS n FROM audit_log');
		const file = await exportQuarantine(db, { username: 'fenxi', ip: '10.0.0.9' }, r.batch);
		expect(file?.fileName).toBe(`台账-隔离行-批次${r.batch}.csv`);
		const lines = file!.csv.replace(/^\uFEFF/, '').split('\r\n');
		expect(lines[0]).toBe(`行号,问题代码 / Code,问题,Problem,${HEADER}`);
		// The line, the reason's code, its Chinese and English text, then the row's own cells to fix.
		expect(lines[1]).toMatch(/^3,money-unreadable,罚款金额：无法识别的金额「不详」,Fine: “不详” is not an amount that can be read,/);
		const log = await db.query<{ actor: string; action: string; target_type: string; target_id: string; detail: string; ip: string }>(
			'SELECT actor, action, target_type, target_id, detail, ip FROM audit_log WHERE seq > ?',
			[before?.n ?? 0]
		);
		expect(log).toEqual([
			{ actor: 'fenxi', action: 'export', target_type: 'batch', target_id: String(r.batch), detail: '{"what":"quarantine"}', ip: '10.0.0.9' }
		]);
		expect(await exportQuarantine(db, { username: 'fenxi' }, r.batch + 100)).toBeNull();
	});
});
