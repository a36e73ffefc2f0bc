import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import {
	deleteProfile,
	findProfile,
	importCases,
	importPublications,
	listProfiles,
	listPublicationProfiles,
	profileKind,
	saveProfile,
	savePublicationProfile,
	UnreadableFileError
} from './index';
import { loadCatalog } from '../catalog';

const dir = mkdtempSync(join(tmpdir(), 'equitas-publication-profiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let db: Database;
beforeEach(async () => {
	await db?.close();
	db = await openMigrated(':memory:');
});

// Another agency's export whose headers the importer does not know: a title above, then 主体 / 处罚结果 / 日期.
const HEADER = ['主体', '文书', '处罚结果', '日期', '备注'];
const LIST = [
	'某区市场监管局2024年处罚公示',
	HEADER.join(','),
	'甲公司,某监罚〔2024〕1号,罚款5000元,2024-03-01,',
	'乙公司,某监罚〔2024〕2号,警告,2024-03-02,已整改'
].join('\n');
const MAPPING = { 主体: 'party_name', 文书: 'decision_no', 处罚结果: 'content', 日期: 'decided_on', 备注: null } as const;

function write(name: string, text: string): string {
	const path = join(dir, name);
	writeFileSync(path, text);
	return path;
}

const parties = async () =>
	(
		await db.query<{ party_name: string; fine: number | null }>(`SELECT party_name, CAST(fine_amount AS DOUBLE) AS fine FROM publications ORDER BY party_name`)
	).map((r) => [r.party_name, r.fine]);

describe('mapping profiles for penalty publicity lists', () => {
	it('refuses a list with unknown headers without a profile, and imports it with a profile named, its header row included', async () => {
		const path = write('unknown.csv', LIST);
		await expect(importPublications(db, path)).rejects.toThrow(/没有找到表头/);
		await savePublicationProfile(db, '某区公示', HEADER, MAPPING, 'fenxi', 2);
		// Saved for other headers, so it is found only by its name here: the header row comes from the profile.
		await db.run(`UPDATE import_profiles SET headers_key = 'other'`);
		const r = await importPublications(db, path, { user: 'fenxi', profile: '某区公示' });
		expect({ rows: r.rows, imported: r.imported, quarantined: r.quarantined, profile: r.profile }).toEqual({
			rows: 2,
			imported: 2,
			quarantined: 0,
			profile: '某区公示'
		});
		expect(await parties()).toEqual([
			['乙公司', null],
			['甲公司', 500_000]
		]);
		const [batch] = await db.query<{ profile: string }>(`SELECT profile FROM batches WHERE id = ?`, [r.batch]);
		expect(batch?.profile).toBe('某区公示');
	});

	it('applies a profile saved for the same headers without being named, and the page mapping over it', async () => {
		await savePublicationProfile(db, '某区公示', HEADER, MAPPING, 'fenxi');
		const r = await importPublications(db, write('again.csv', LIST), { user: 'fenxi' });
		expect({ imported: r.imported, profile: r.profile }).toEqual({ imported: 2, profile: '某区公示' });
		// The analyst's choice on the page wins over the profile: 主体 kept as it is, the rows have no party.
		const over = await importPublications(db, write('over.csv', LIST.replace('甲公司', '丙公司')), { mapping: { 主体: null, 文书: null } });
		expect(over.quarantined).toBe(2);
	});

	it('saves the columns as read under a name from an import, and lists each kind apart', async () => {
		const header = ['行政相对人名称', '处罚内容', '处罚决定日期', '说明'];
		const path = write('known.csv', [header.join(','), '丁公司,罚款1万元,2024-01-05,x'].join('\n'));
		const r = await importPublications(db, path, { user: 'fenxi', mapping: { 说明: 'region' }, saveProfileAs: ' 双公示 ' });
		expect(r.profile).toBe('双公示');
		expect(await listPublicationProfiles(db)).toEqual([
			{
				kind: 'publications',
				name: '双公示',
				headersKey: expect.any(String),
				headerRow: null,
				mapping: { 行政相对人名称: 'party_name', 处罚内容: 'content', 处罚决定日期: 'decided_on', 说明: 'region' }
			}
		]);
		const audit = await db.query<{ action: string; target_id: string }>(`SELECT action, target_id FROM audit_log WHERE action = 'profile-saved'`);
		expect(audit).toEqual([{ action: 'profile-saved', target_id: '双公示' }]);
		// A publicity profile is no case profile: the case side neither lists it nor finds it.
		expect(await listProfiles(db)).toEqual([]);
		expect(await findProfile(db, '双公示')).toBeNull();
		expect(await profileKind(db, '双公示')).toBe('publications');
		// Deleted as a case profile is, and logged.
		expect(await deleteProfile(db, '双公示', 'fenxi')).toBe(true);
		expect(await listPublicationProfiles(db)).toEqual([]);
		const deleted = await db.query(`SELECT target_id FROM audit_log WHERE action = 'profile-deleted'`);
		expect(deleted).toEqual([{ target_id: '双公示' }]);
	});

	it('refuses a missing name, a case profile named for a list, a publicity profile named for cases, and an unknown field', async () => {
		const path = write('refused.csv', LIST);
		await expect(importPublications(db, path, { profile: '没有的方案' })).rejects.toThrow(/没有名为「没有的方案」的映射方案/);
		await saveProfile(db, '本中心台账', ['案件编号', '执法机关'], { 案件编号: 'case_id' }, 'fenxi');
		const refusal = importPublications(db, path, { profile: '本中心台账' });
		await expect(refusal).rejects.toThrow(UnreadableFileError);
		await expect(importPublications(db, path, { profile: '本中心台账' })).rejects.toThrow(/「本中心台账」是案件台账的方案，不能用于处罚公示/);
		await savePublicationProfile(db, '某区公示', HEADER, MAPPING, 'fenxi', 2);
		await expect(importCases(db, path, loadCatalog(), { profile: '某区公示' })).rejects.toThrow(/「某区公示」是处罚公示的方案，不能用于案件台账/);
		await expect(savePublicationProfile(db, '坏方案', HEADER, { 主体: 'case_id' as never }, 'fenxi')).rejects.toThrow(/处罚公示字段「case_id」不存在/);
		// The case profile is untouched by all this.
		expect(await findProfile(db, '本中心台账')).toMatchObject({ mapping: { 案件编号: 'case_id' }, headerRow: null, constants: {}, recodes: {} });
		expect(await db.query(`SELECT count(*)::INTEGER AS n FROM publications`)).toEqual([{ n: 0 }]);
	});
});
