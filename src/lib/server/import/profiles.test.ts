import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { loadCatalog } from '../catalog';
import { getCase } from '../cases/read';
import { deleteProfile, findProfile, importCases, listProfiles, saveProfile, UnreadableFileError, updateProfile } from './index';

const dir = mkdtempSync(join(tmpdir(), 'equitas-profiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const catalog = loadCatalog();
let db: Database;
beforeEach(async () => {
	await db?.close();
	db = await openMigrated(':memory:');
});

const AGENCY = '临江市住房公积金管理中心';
/** A vendor's export with English column codes: no header the importer knows by name. */
const HEADER = ['PUNISH_NO', 'CASE_NO', 'PARTY_NAME', 'PARTY_KIND', 'OFFICERS', 'FILED', 'DECIDED', 'ITEM', 'AMOUNT'];
const lines = [
	'导出时间：2024-01-05',
	HEADER.join(','),
	'临公积金罚决字〔2023〕第1号,V1,临江市甲公司,机构,A1;A2,2023-03-01,2023-05-10,HPF-37-1,20000',
	'临公积金罚决字〔2023〕第2号,V2,张三,个人,A1;A2,2023-03-02,2023-05-11,HPF-37-1,3000'
];
const MAPPING = {
	PUNISH_NO: 'decision_no',
	CASE_NO: 'case_id',
	PARTY_NAME: 'party_name',
	PARTY_KIND: 'party_type',
	OFFICERS: 'officer_ids',
	FILED: 'filed_on',
	DECIDED: 'decided_on',
	ITEM: 'item_code',
	AMOUNT: 'fine_amount'
} as const;
const RULES = {
	headerRow: 2,
	constants: { agency: AGENCY, category: '行政处罚', status: '已结案' },
	recodes: { party_type: { 机构: '法人及非法人组织', 个人: '自然人' } }
} as const;

function file(name: string): string {
	const p = join(dir, name);
	writeFileSync(p, lines.join('\n'));
	return p;
}

describe('mapping profiles with a header row, constants and recodes', () => {
	it('refuses the file without a profile, and imports it whole with one, by name or by its header signature', async () => {
		const path = file('vendor.csv');
		await expect(importCases(db, path, catalog)).rejects.toBeInstanceOf(UnreadableFileError);
		await saveProfile(db, '厂商导出', HEADER, MAPPING, 'fenxi', RULES);

		const byName = await importCases(db, path, catalog, { profile: '厂商导出' });
		expect({ profile: byName.profile, imported: byName.imported, quarantined: byName.quarantined, titleRows: byName.titleRows }).toEqual({
			profile: '厂商导出',
			imported: 2,
			quarantined: 0,
			titleRows: [['导出时间：2024-01-05']]
		});
		expect(await getCase(db, AGENCY, 'V1')).toMatchObject({
			agency: AGENCY,
			category: '行政处罚',
			status: '已结案',
			party_type: '法人及非法人组织',
			item_name: '单位不办理住房公积金缴存登记'
		});
		expect((await getCase(db, AGENCY, 'V2'))?.party_type).toBe('自然人');

		// The same file again, with no name given: the header signature finds the profile; nothing changed.
		const bySignature = await importCases(db, file('vendor-again.csv'), catalog);
		expect({ profile: bySignature.profile, unchanged: bySignature.unchanged }).toEqual({ profile: '厂商导出', unchanged: 2 });
	});

	it('lets the page give the rules for one import, over the profile, and save them as a profile', async () => {
		const r = await importCases(db, file('page.csv'), catalog, { mapping: MAPPING, rules: RULES, saveProfileAs: '页面方案', user: 'fenxi' });
		expect(r.imported).toBe(2);
		expect(await findProfile(db, '页面方案')).toMatchObject({ headerRow: 2, constants: RULES.constants, recodes: RULES.recodes });
		const log = await db.query<{ action: string; target_id: string }>(`SELECT action, target_id FROM audit_log WHERE action LIKE 'profile-%' ORDER BY seq`);
		expect(log).toEqual([{ action: 'profile-saved', target_id: '页面方案' }]);
	});

	it('lists and deletes profiles, logging the deletion, and refuses rules naming no field', async () => {
		await saveProfile(db, 'A', HEADER, MAPPING, 'fenxi', RULES);
		await saveProfile(db, 'B', HEADER, {}, 'fenxi');
		expect((await listProfiles(db)).map((p) => p.name)).toEqual(['A', 'B']);
		expect(await deleteProfile(db, 'A', 'fenxi')).toBe(true);
		expect(await deleteProfile(db, 'A', 'fenxi')).toBe(false);
		expect((await listProfiles(db)).map((p) => p.name)).toEqual(['B']);
		const [last] = await db.query<{ action: string; actor: string }>(`SELECT action, actor FROM audit_log ORDER BY seq DESC LIMIT 1`);
		expect(last).toEqual({ action: 'profile-deleted', actor: 'fenxi' });
		await expect(saveProfile(db, 'C', HEADER, {}, 'fenxi', { headerRow: null, constants: { nonsense: 'x' } as never, recodes: {} })).rejects.toThrow(
			/常量或值转换不正确/
		);
	});

	it('edits a saved profile in place: the same export still finds it, the next import follows the edit, and the change is logged', async () => {
		await saveProfile(db, '厂商导出', HEADER, MAPPING, 'fenxi', RULES);
		const edited = await updateProfile(
			db,
			'厂商导出',
			{
				// The amount column is left raw now, and the status is 办理中 for the whole file.
				mapping: { AMOUNT: null },
				rules: { headerRow: 2, constants: { ...RULES.constants, status: '办理中' }, recodes: RULES.recodes }
			},
			'shenhe'
		);
		expect(edited).toBe(true);
		expect(await findProfile(db, '厂商导出')).toMatchObject({ mapping: { ...MAPPING, AMOUNT: null }, constants: { status: '办理中' } });
		const r = await importCases(db, file('vendor-edited.csv'), catalog);
		expect({ profile: r.profile, imported: r.imported }).toEqual({ profile: '厂商导出', imported: 2 });
		expect(await getCase(db, AGENCY, 'V1')).toMatchObject({ status: '办理中', fine_amount: null });
		const log = await db.query<{ actor: string; detail: string }>(`SELECT actor, detail FROM audit_log WHERE action = 'profile-saved' ORDER BY seq`);
		expect(log.map((x) => x.actor)).toEqual(['fenxi', 'shenhe']);
		expect(JSON.parse(log[1]!.detail)).toMatchObject({ edited: true, mapped: 8 });
	});

	it('refuses an edit naming a column the profile does not have or a field that does not exist, and says when there is no profile', async () => {
		await saveProfile(db, 'A', HEADER, MAPPING, 'fenxi', RULES);
		await expect(updateProfile(db, 'A', { mapping: { 不存在的列: 'case_id' }, rules: RULES }, 'fenxi')).rejects.toThrow(/映射方案中没有列「不存在的列」/);
		await expect(updateProfile(db, 'A', { mapping: { AMOUNT: 'nonsense' as never }, rules: RULES }, 'fenxi')).rejects.toThrow(/字段「nonsense」不存在/);
		expect(await findProfile(db, 'A')).toMatchObject({ mapping: MAPPING });
		expect(await updateProfile(db, '没有的方案', { mapping: {}, rules: RULES }, 'fenxi')).toBe(false);
	});
});
