import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { importPublications, quarantineOf, reasonsText, undoBatch } from './index';

const REAL = resolve(import.meta.dirname, '../../../../../shared/real');
const dir = mkdtempSync(join(tmpdir(), 'equitas-publications-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let db: Database;
beforeEach(async () => {
	await db?.close();
	db = await openMigrated(':memory:');
});

interface Row {
	party_name: string | null;
	party_type: string | null;
	region: string | null;
	content: string | null;
	penalty_types: string[] | null;
	fine_amount: number | null;
	fines: string;
	decided_on: string | null;
	extra: string | null;
}
const rows = (where = 'true') =>
	db.query<Row>(
		`SELECT party_name, party_type, region, content, penalty_types, CAST(fine_amount AS DOUBLE) AS fine_amount, fines, strftime(decided_on, '%Y-%m-%d') AS decided_on, extra
		 FROM publications WHERE ${where} ORDER BY source_line`
	);

describe('penalty publicity lists', () => {
	it('imports the national emission list with its fines read from the text, kept apart from the cases, once, and undoes it', async () => {
		const path = join(REAL, 'cn_mee_2017q1_emission_penalties_chinamainsite0004.xlsx');
		expect(existsSync(path), `the real public files are expected at ${REAL}`).toBe(true);
		const r = await importPublications(db, path, { user: 'fenxi' });
		expect({ rows: r.rows, imported: r.imported, quarantined: r.quarantined, total: r.publications_total }).toEqual({
			rows: 171,
			imported: 171,
			quarantined: 0,
			total: 171
		});
		const [daily] = await rows(`party_name = '陵川县洁美污水处理有限公司'`);
		// 「罚款16万元；按日连续处罚118.68万元。」: 1,346,800 yuan, in fen.
		expect(daily).toMatchObject({ region: '山西省', fine_amount: 134_680_000, penalty_types: ['罚款'] });
		expect(JSON.parse(daily!.fines)).toEqual([
			{ target: null, amount: 16_000_000 },
			{ target: null, amount: 118_680_000 }
		]);
		// The columns no field takes are kept as they are.
		expect(JSON.parse(daily!.extra ?? '{}')).toMatchObject({ 整改情况: '已整改完成' });
		const [warning] = await rows(`party_name = '北京市丰台区污水处理设施管理所'`);
		expect(warning).toMatchObject({ content: '警告。', fine_amount: null, penalty_types: ['警告'] });
		const fined = await rows('fine_amount IS NOT NULL');
		expect(fined.length).toBe(r.fines_from_text);
		expect(r.fines_from_text).toBeGreaterThan(100);

		// Never mixed into the agency's own cases.
		const [{ n } = { n: -1 }] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM cases');
		expect(n).toBe(0);
		// The same list again changes nothing.
		const again = await importPublications(db, path);
		expect({ imported: again.imported, unchanged: again.unchanged, total: again.publications_total }).toEqual({ imported: 0, unchanged: 171, total: 171 });
		expect(await undoBatch(db, r.batch, 'fenxi')).toEqual({ removed: 171, restored: 0 });
		expect((await rows()).length).toBe(0);
	});

	it('reads a list in the 双公示 columns: the fine column wins over the text, several targets are kept, a row with no party is quarantined', async () => {
		const header =
			'行政相对人名称,行政相对人类别,统一社会信用代码,行政处罚决定书文号,违法行为类型,处罚依据,处罚类别,处罚内容,罚款金额（万元）,处罚决定日期,处罚机关';
		const path = join(dir, '双公示.csv');
		writeFileSync(
			path,
			[
				header,
				'临江市甲有限公司,法人及非法人组织,91350200MA2XXXXX1K,临公积金罚字〔2024〕1号,单位不办理住房公积金缴存登记,住房公积金管理条例第三十七条,罚款,罚款人民币贰万元整,2,2024/3/5,临江市住房公积金管理中心',
				'临江市乙有限公司及其负责人,机构,,临公积金罚字〔2024〕2号,单位不办理住房公积金缴存登记,住房公积金管理条例第三十七条,警告;罚款,对该公司警告并罚款3千元。对连玮警告并罚款1千元,,2024年4月8日,临江市住房公积金管理中心',
				',,,,,,,罚款5000元,,2024-05-01,临江市住房公积金管理中心',
				''
			].join('\n')
		);
		const r = await importPublications(db, path);
		expect({ rows: r.rows, imported: r.imported, quarantined: r.quarantined, fromText: r.fines_from_text }).toEqual({
			rows: 3,
			imported: 2,
			quarantined: 1,
			fromText: 1
		});
		const [first, second] = await rows();
		// 2 万元 in the fine column, not the text's 贰万元 read again: 20,000 yuan.
		expect(first).toMatchObject({ fine_amount: 2_000_000, decided_on: '2024-03-05', party_type: '法人及非法人组织' });
		expect(second).toMatchObject({ fine_amount: 400_000, decided_on: '2024-04-08', party_type: '法人及非法人组织', penalty_types: ['警告', '罚款'] });
		expect(JSON.parse(second!.fines)).toEqual([
			{ target: '该公司', amount: 300_000 },
			{ target: '连玮', amount: 100_000 }
		]);
		const [q] = await quarantineOf(db, r.batch);
		expect(q?.line).toBe(4);
		expect(q?.reasons.map((x) => x.code)).toEqual(['required-missing']);
		expect(reasonsText(q?.reasons ?? [], 'zh')).toBe('缺少必填项「行政相对人名称」');
	});

	it('refuses a list with no publicity header in words, and quarantines a template row whose values sit under the wrong headers', async () => {
		await expect(importPublications(db, join(REAL, 'cn_csrc_punish_import_templete.xlsx'))).rejects.toThrow(/没有找到表头.*「行政相对人名称」/);
		const r = await importPublications(db, join(REAL, 'zj_xzcf_template.xlsx'));
		expect({ rows: r.rows, imported: r.imported, quarantined: r.quarantined }).toEqual({ rows: 1, imported: 0, quarantined: 1 });
		expect(reasonsText((await quarantineOf(db, r.batch))[0]?.reasons ?? [], 'zh')).toMatch(/处罚类别：「北京食药监局」不是可选值/);
	});
});
