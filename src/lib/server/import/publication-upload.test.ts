import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { loadCatalog } from '../catalog';
import { getJob, listBatches, previewUploaded, saveUpload, startImportJob, undoBatch, UnreadableFileError, type Job, type PublicationsResult } from './index';

/** The import page's path for a publicity list: upload, preview with the columns' fields, a corrected column, the job, its result. */

const dir = mkdtempSync(join(tmpdir(), 'equitas-publication-upload-'));
const catalog = loadCatalog();
let db: Database;
beforeAll(() => {
	process.env.EQUITAS_UPLOADS = join(dir, 'uploads');
});
afterAll(() => {
	delete process.env.EQUITAS_UPLOADS;
	rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
	await db?.close();
	db = await openMigrated(':memory:');
});

const body = (text: string) => new Blob([text]).stream();

// RULES.md §5's first columns, with the violation under a header no list uses (案由说明), fines only in the text for three rows.
const LIST = [
	'行政相对人名称,行政相对人类别,行政处罚决定书文号,案由说明,处罚内容,罚款金额（万元）,处罚决定日期,处罚机关',
	'江城宏达商贸有限公司,法人及非法人组织,江公积金罚字〔2024〕第1号,单位不办理住房公积金缴存登记,处以贰万元罚款,,2024-03-10,江城市住房公积金管理中心',
	'海湾永安物流有限公司,法人及非法人组织,海公积金罚字〔2024〕第2号,单位不办理住房公积金缴存登记,罚款3万元,3,2024-05-02,海湾市住房公积金管理中心',
	'山阳华联餐饮有限公司,法人及非法人组织,山公积金罚字〔2024〕第3号,未为职工办理住房公积金账户设立手续,对该公司罚款一万五千元。对直接负责的主管人员罚款二千元,,2024-07-19,山阳市住房公积金管理中心',
	',,,单位不办理住房公积金缴存登记,,,2024-08-01,北岭市住房公积金管理中心',
	''
].join('\n');

async function finished(job: Job): Promise<Job> {
	for (let i = 0; i < 200; i++) {
		const j = getJob(job.id);
		if (j && (j.state === 'done' || j.state === 'failed')) return j;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error('the job did not end');
}

describe('a publicity list imported from the web page', () => {
	it('previews its columns as list fields, imports with the analyst’s correction, and returns its texts matched to items', async () => {
		const upload = await saveUpload(body(LIST), 'peers.csv', 'fenxi');
		const head = await previewUploaded(db, upload.id, 'publications', null);
		const fields = Object.fromEntries((head.publicationColumns ?? []).map((c) => [c.header, c.key]));
		expect(fields).toMatchObject({ 行政相对人名称: 'party_name', 处罚内容: 'content', '罚款金额（万元）': 'fine_amount', 处罚机关: 'agency', 案由说明: null });
		expect(head.preview[0]?.[0]).toBe('江城宏达商贸有限公司');

		const job = startImportJob(db, catalog, upload.path, 'publications', {
			user: 'fenxi',
			fileName: upload.name,
			publicationMapping: { 案由说明: 'violation' }
		});
		const done = await finished(job);
		expect(done.state, done.error ?? '').toBe('done');
		const r = done.result as PublicationsResult;
		expect({ rows: r.rows, imported: r.imported, quarantined: r.quarantined, fines_from_text: r.fines_from_text }).toEqual({
			rows: 4,
			imported: 3,
			quarantined: 1,
			fines_from_text: 2
		});
		const byText = new Map(r.matches.map((m) => [m.text, m]));
		expect(byText.get('单位不办理住房公积金缴存登记')).toMatchObject({ decisions: 2, item_code: 'HPF-37-1', confirmed_by: null });
		expect(byText.get('未为职工办理住房公积金账户设立手续')?.decisions).toBe(1);
		const [fines] = await db.query<{ total: number }>('SELECT sum(fine_amount)::DOUBLE AS total FROM publications');
		// 20,000 + 30,000 + 15,000 + 2,000 yuan, in fen.
		expect(fines?.total).toBe(6_700_000);

		// In the batch history, and undone like a case batch; the cases are untouched throughout.
		const [batch] = await listBatches(db, 1);
		expect(batch).toMatchObject({ kind: 'publications', file_name: 'peers.csv', imported: 3, quarantined: 1 });
		expect(await undoBatch(db, r.batch, 'fenxi')).toEqual({ removed: 3, restored: 0 });
		const [left] = await db.query<{ p: number; c: number }>(
			'SELECT (SELECT count(*) FROM publications)::INTEGER AS p, (SELECT count(*) FROM cases)::INTEGER AS c'
		);
		expect(left).toEqual({ p: 0, c: 0 });
	});

	it('saves the analyst’s correction as a named profile, which the next upload of the same list shows applied and imports with', async () => {
		const first = await saveUpload(body(LIST), 'peers.csv', 'fenxi');
		const saved = await finished(
			startImportJob(db, catalog, first.path, 'publications', {
				user: 'fenxi',
				fileName: first.name,
				publicationMapping: { 案由说明: 'violation' },
				saveProfileAs: '公积金公示'
			})
		);
		expect(saved.state, saved.error ?? '').toBe('done');
		expect((saved.result as PublicationsResult).profile).toBe('公积金公示');

		const again = await saveUpload(body(LIST.replace('江城宏达', '江城新达')), 'peers-2.csv', 'fenxi');
		const head = await previewUploaded(db, again.id, 'publications', null);
		expect(head.publicationProfile).toBe('公积金公示');
		expect(head.publicationColumns?.find((c) => c.header === '案由说明')?.key).toBe('violation');
		const done = await finished(startImportJob(db, catalog, again.path, 'publications', { user: 'fenxi', fileName: again.name }));
		expect((done.result as PublicationsResult).profile).toBe('公积金公示');
		const [n] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM publications WHERE violation = '单位不办理住房公积金缴存登记'`);
		// Two such decisions a list; the second list has one new row (江城新达) and one repeated (海湾永安).
		expect(n?.n).toBe(3);
	});

	it('refuses a case ledger offered as a publicity list with a Chinese message naming the columns it looks for, keeping the upload', async () => {
		const upload = await saveUpload(body('案件编号,立案日期,执法类别\nA1,2024-01-02,行政处罚\n'), 'cases.csv', 'fenxi');
		const e = await previewUploaded(db, upload.id, 'publications', null).catch((x: unknown) => x);
		expect(e).toBeInstanceOf(UnreadableFileError);
		expect((e as UnreadableFileError).message).toContain('行政相对人名称');
		// The same upload is still there to be read as what it is.
		expect((await previewUploaded(db, upload.id, 'cases', null)).upload.id).toBe(upload.id);
	});
});
