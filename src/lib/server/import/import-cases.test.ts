import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { loadCatalog } from '../catalog';
import { getCase } from '../cases/read';
import { importCases, quarantineOf, reasonsText, saveProfile, undoBatch, UndoError, UnreadableFileError } from './index';

const dir = mkdtempSync(join(tmpdir(), 'equitas-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const catalog = loadCatalog();
let db: Database;
beforeEach(async () => {
	await db?.close();
	db = await openMigrated(':memory:');
});

let n = 0;
function file(name: string, content: string | Buffer): string {
	const p = join(dir, `${++n}-${name}`);
	writeFileSync(p, content);
	return p;
}

const AGENCY = '临江市住房公积金管理中心';
const HEADER = '案件编号,执法机关,承办部门,执法类别,事项编码,执法事项,案件状态,当事人类型,当事人名称,执法证号,立案日期,决定日期,决定书文号,罚款金额';
const row = (id: string, fine = '20000', extra: Partial<Record<'name' | 'filed' | 'status', string>> = {}) =>
	`${id},${AGENCY},东城管理部,行政处罚,HPF-37-1,单位不办理住房公积金缴存登记,${extra.status ?? '已结案'},法人及非法人组织,${extra.name ?? '某某有限公司'},A1;A2,${extra.filed ?? '2023-03-01'},2023-05-10,临公积金罚决字〔2023〕第1号,${fine}`;

describe('import of messy exports', () => {
	it('reads a GBK ledger with a title row, alias headers, 万元, mixed dates, blank lines and a total row', async () => {
		const text = [
			'2023年行政处罚案件台账',
			'案号,处罚机关,管理部,行为类别,违法行为,办理状态,相对人类别,行政相对人名称,执法证件号,立案时间,处罚决定日期,文书号,罚款金额（万元）',
			`LJ1,${AGENCY},东城管理部,处罚,单位不办理住房公积金缴存登记,已办结,单位,临江市甲公司,A1、A2,2023年3月5日,2023/5/10,罚字1号,1.5`,
			'',
			`LJ2,${AGENCY},西城管理部,行政处罚,单位不为本单位职工办理住房公积金账户设立手续,已结案,法人,临江市乙公司,A3、A4,20230306,45066,罚字2号,3.3`,
			`LJ3,${AGENCY},西城管理部,行政处罚,单位不办理住房公积金缴存登记,已结案,法人,临江市丙公司,A3、A4,2023.3.7,2023-05-12,罚字3号,２`,
			'合计,,,,,,,,,,,,6.8',
			''
		].join('\r\n');
		const r = await importCases(db, file('gbk.csv', iconv.encode(text, 'gbk')), catalog);
		expect(r.encoding).toBe('GB18030');
		expect(r.titleRows).toEqual([['2023年行政处罚案件台账']]);
		expect({ rows: r.rows, imported: r.imported, updated: r.updated, unchanged: r.unchanged, quarantined: r.quarantined, skipped: r.skipped }).toEqual({
			rows: 4,
			imported: 3,
			updated: 0,
			unchanged: 0,
			quarantined: 0,
			skipped: 1
		});
		expect(r.skippedLines).toEqual([7]);
		expect(await quarantineOf(db, r.batch)).toEqual([]);
		const lj1 = await getCase(db, AGENCY, 'LJ1');
		expect(lj1).toMatchObject({
			category: '行政处罚',
			status: '已结案',
			party_type: '法人及非法人组织',
			filed_on: '2023-03-05',
			decided_on: '2023-05-10',
			fine_amount: 1_500_000,
			officer_ids: ['A1', 'A2']
		});
		// The item code comes from the catalog when the export has only the item's name.
		expect(lj1?.item_code).toBe('HPF-37-1');
		expect(await getCase(db, AGENCY, 'LJ2')).toMatchObject({ item_code: 'HPF-37-2', filed_on: '2023-03-06', decided_on: '2023-05-20', fine_amount: 3_300_000 });
		expect(await getCase(db, AGENCY, 'LJ3')).toMatchObject({ filed_on: '2023-03-07', fine_amount: 2_000_000 });
	});

	it('reads UTF-8 with a BOM as TSV, and UTF-16 with a BOM', async () => {
		const tsv = '\uFEFF' + [HEADER, row('T1'), row('T2')].map((l) => l.replaceAll(',', '\t')).join('\n');
		const a = await importCases(db, file('cases.tsv', tsv), catalog);
		expect([a.encoding, a.rows, a.imported]).toEqual(['UTF-8', 2, 2]);
		const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([HEADER, row('U1')].join('\r\n'), 'utf16le')]);
		const b = await importCases(db, file('utf16.csv', utf16), catalog);
		expect([b.encoding, b.rows, b.imported, b.cases_total]).toEqual(['UTF-16LE', 1, 1, 3]);
		expect((await getCase(db, AGENCY, 'U1'))?.party_name).toBe('某某有限公司');
	});

	it('keeps quoted line breaks and doubled quotes, and quarantines a row with the wrong column count by its line', async () => {
		const text = [HEADER, row('Q1', '20000', { name: '"临江市""甲""有限\n公司"' }), row('Q2').replace(',20000', ''), row('Q3'), ''].join('\n');
		const r = await importCases(db, file('quotes.csv', text), catalog);
		expect({ rows: r.rows, imported: r.imported, quarantined: r.quarantined }).toEqual({ rows: 3, imported: 2, quarantined: 1 });
		expect((await getCase(db, AGENCY, 'Q1'))?.party_name).toBe('临江市"甲"有限\n公司');
		const [q] = await quarantineOf(db, r.batch);
		// Q2 starts on line 4: the header, then Q1 over two lines.
		expect(q?.line).toBe(4);
		expect(q?.raw).toContain('Q2');
		expect(q?.reasons.map((x) => x.code)).toEqual(['columns-missing']);
		expect(reasonsText(q?.reasons ?? [], 'zh')).toMatch(/列数不足：表头有 14 列，此行只有 13 列/);
		expect(reasonsText(q?.reasons ?? [], 'en')).toBe('Too few cells: the header has 14 columns, this row only 13');
	});

	it('quarantines unreadable values with every reason and imports the rest', async () => {
		const text = [HEADER, row('B1', 'abc', { filed: '2023-02-30' }), row('B2', '-5'), row('B3', '12.345'), row('B4')].join('\n');
		const r = await importCases(db, file('bad.csv', text), catalog);
		expect({ rows: r.rows, imported: r.imported, quarantined: r.quarantined }).toEqual({ rows: 4, imported: 1, quarantined: 3 });
		const q = await quarantineOf(db, r.batch);
		expect(q.map((x) => x.line)).toEqual([2, 3, 4]);
		expect(q.map((x) => x.reasons.map((y) => y.code))).toEqual([['date-invalid', 'money-unreadable'], ['money-negative'], ['money-sub-fen']]);
		expect(q.map((x) => reasonsText(x.reasons, 'zh'))).toEqual([
			'立案日期：日期「2023-02-30」不存在；罚款金额：无法识别的金额「abc」',
			'罚款金额：金额「-5」为负数',
			'罚款金额：金额「12.345」精确到分以下，无法无损换算'
		]);
		expect(reasonsText(q[0]?.reasons ?? [], 'en')).toBe('Filed: the date “2023-02-30” does not exist; Fine: “abc” is not an amount that can be read');
		// The summary counts the rows by reason, as the command line's --json reports them.
		expect(r.quarantine_reasons).toEqual({ 'date-invalid': 1, 'money-unreadable': 1, 'money-negative': 1, 'money-sub-fen': 1 });
	});

	it('reads the first sheet of an XLSX workbook, Excel dates included', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('台账');
		ws.addRow(['2024年案件台账']);
		ws.addRow(HEADER.split(','));
		const cells = row('X1').split(',');
		ws.addRow([...cells.slice(0, 10), new Date(Date.UTC(2024, 0, 15)), new Date(Date.UTC(2024, 2, 1)), cells[12], 25000]);
		const p = join(dir, 'book.xlsx');
		await wb.xlsx.writeFile(p);
		const r = await importCases(db, p, catalog);
		expect([r.encoding, r.rows, r.imported]).toEqual(['XLSX', 1, 1]);
		expect(await getCase(db, AGENCY, 'X1')).toMatchObject({ filed_on: '2024-01-15', decided_on: '2024-03-01', fine_amount: 2_500_000 });
	});

	it('refuses a file without a recognisable header, saying so', async () => {
		await expect(importCases(db, file('junk.csv', 'a,b,c\n1,2,3\n'), catalog)).rejects.toBeInstanceOf(UnreadableFileError);
		await expect(importCases(db, file('x.csv', HEADER + '\n'), catalog, { encoding: 'latin9' })).rejects.toThrow(/不支持的编码/);
	});
});

describe('batches, versions and undo', () => {
	it('changes nothing when the same file comes twice, updates with history, and undoes in order', async () => {
		const first = file('v1.csv', [HEADER, row('V1', '20000'), row('V2', '30000')].join('\n'));
		const a = await importCases(db, first, catalog);
		const again = await importCases(db, first, catalog);
		expect([again.imported, again.updated, again.unchanged, again.cases_total]).toEqual([0, 0, 2, 2]);

		const second = file('v2.csv', [HEADER, row('V1', '25000'), row('V2', '30000'), row('V3')].join('\n'));
		const b = await importCases(db, second, catalog);
		expect([b.rows, b.imported, b.updated, b.unchanged, b.quarantined]).toEqual([3, 1, 1, 1, 0]);
		expect((await getCase(db, AGENCY, 'V1'))?.fine_amount).toBe(2_500_000);
		const [v] = await db.query<{ n: number }>('SELECT count(*) AS n FROM case_versions WHERE case_id = ? AND replaced_by_batch = ?', ['V1', b.batch]);
		expect(v?.n).toBe(1);

		await expect(undoBatch(db, a.batch, 'tester')).rejects.toBeInstanceOf(UndoError);
		expect(await undoBatch(db, b.batch, 'tester')).toEqual({ removed: 1, restored: 1 });
		expect((await getCase(db, AGENCY, 'V1'))?.fine_amount).toBe(2_000_000);
		expect(await getCase(db, AGENCY, 'V3')).toBeNull();
		await expect(undoBatch(db, b.batch, 'tester')).rejects.toThrow(/已于/);
		expect(await undoBatch(db, a.batch, 'tester')).toEqual({ removed: 2, restored: 0 });
		const [c] = await db.query<{ n: number }>('SELECT count(*) AS n FROM cases');
		expect(c?.n).toBe(0);
	});

	it('tells an updated case from an unchanged one by any single column: text, date, list order, money, an unknown column', async () => {
		const header = `${HEADER},备注X`;
		const base = [row('U1'), row('U2'), row('U3'), row('U4'), row('U5'), row('U6')].map((r) => `${r},甲`);
		await importCases(db, file('u1.csv', [header, ...base].join('\n')), catalog);
		const changed = [
			`${row('U1', '20000', { name: '某某有限公司 二' })},甲`,
			`${row('U2', '20000', { filed: '2023-03-02' })},甲`,
			`${row('U3').replace('A1;A2', 'A2;A1')},甲`,
			`${row('U4', '20000.01')},甲`,
			`${row('U5')},乙`,
			`${row('U6')},甲`
		];
		const r = await importCases(db, file('u2.csv', [header, ...changed].join('\n')), catalog);
		expect([r.updated, r.unchanged]).toEqual([5, 1]);
		const versions = await db.query<{ case_id: string }>('SELECT case_id FROM case_versions WHERE replaced_by_batch = ? ORDER BY case_id', [r.batch]);
		expect(versions.map((v) => v.case_id)).toEqual(['U1', 'U2', 'U3', 'U4', 'U5']);
	});

	it('imports a large file under the import memory cap, and gives the database its limit back', async () => {
		const before = await db.query<{ l: string }>(`SELECT current_setting('memory_limit') AS l`);
		const r = await importCases(db, file('capped.csv', [HEADER, row('M1'), row('M2')].join('\n')), catalog, { memoryCapFromBytes: 0 });
		expect([r.rows, r.imported]).toEqual([2, 2]);
		expect(await db.query(`SELECT current_setting('memory_limit') AS l`)).toEqual(before);
	});

	it('refuses a batch that would leave a case number twice, and writes nothing of it', async () => {
		await importCases(db, file('k1.csv', [HEADER, row('K1')].join('\n')), catalog);
		// Only a fault could double a case (the import is the one writer); one is made here by hand.
		await db.run(`INSERT INTO cases SELECT * FROM cases`);
		await expect(importCases(db, file('k2.csv', [HEADER, row('K2')].join('\n')), catalog)).rejects.toThrow(/twice/);
		expect(await db.query(`SELECT count(*) AS n FROM cases WHERE case_id = 'K2'`)).toEqual([{ n: 0 }]);
		expect(await db.query(`SELECT count(*) AS n FROM batches`)).toEqual([{ n: 1 }]);
	});

	it('lets the last row of a case repeated in one file stand, quarantining a differing copy and counting an identical one unchanged', async () => {
		const r = await importCases(db, file('dup.csv', [HEADER, row('D1', '10000'), row('D2'), row('D1', '15000'), row('D2')].join('\n')), catalog);
		expect({ rows: r.rows, imported: r.imported, unchanged: r.unchanged, quarantined: r.quarantined }).toEqual({
			rows: 4,
			imported: 2,
			unchanged: 1,
			quarantined: 1
		});
		expect((await getCase(db, AGENCY, 'D1'))?.fine_amount).toBe(1_500_000);
		const q = await quarantineOf(db, r.batch);
		expect(q).toHaveLength(1);
		expect(q[0]).toMatchObject({ line: 2, reasons: [{ code: 'duplicate-conflict', values: { caseId: 'D1', line: 2, last: 4 } }] });
		expect(reasonsText(q[0]?.reasons ?? [], 'zh')).toBe('案件编号「D1」在第 2 行和第 4 行出现，内容不同，以第 4 行为准');
	});

	it('settles a case repeated across rows SQL reads and rows the readers read, in file order, and re-imports it unchanged', async () => {
		// R1's first copy needs the readers (a full-width date), its last is plain; R2's first is plain, its last needs the readers.
		const text = [
			HEADER,
			row('R1', '10000', { filed: '２０２３年３月１日' }),
			row('R2', '10000'),
			row('R1', '12000'),
			row('R2', '13000', { filed: '２０２３年３月１日' }),
			row('R3'),
			row('R3')
		].join('\n');
		const r = await importCases(db, file('cross.csv', text), catalog);
		expect({ rows: r.rows, imported: r.imported, unchanged: r.unchanged, quarantined: r.quarantined }).toEqual({
			rows: 6,
			imported: 3,
			unchanged: 1,
			quarantined: 2
		});
		expect((await getCase(db, AGENCY, 'R1'))?.fine_amount).toBe(1_200_000);
		expect((await getCase(db, AGENCY, 'R2'))?.fine_amount).toBe(1_300_000);
		const q = await quarantineOf(db, r.batch);
		expect(q.map((x) => [x.line, x.reasons[0]?.values])).toEqual([
			[2, { caseId: 'R1', line: 2, last: 4 }],
			[3, { caseId: 'R2', line: 3, last: 5 }]
		]);
		const again = await importCases(db, file('cross-again.csv', [HEADER, row('R1', '12000'), row('R3')].join('\n')), catalog);
		expect({ imported: again.imported, unchanged: again.unchanged, updated: again.updated }).toEqual({ imported: 0, unchanged: 2, updated: 0 });
		const [{ n } = { n: 0 }] = await db.query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM cases WHERE case_id IN ('R1', 'R2', 'R3')`);
		expect(n).toBe(3);
	});

	it('tells summary rows from cases however their first cells are laid out', async () => {
		const width = HEADER.split(',').length;
		const pad = (cells: string) => cells + ','.repeat(width - cells.split(',').length);
		const text = [HEADER, row('S1').replace('东城管理部', '会计科'), pad('小计,全市,3件'), pad(',,总计 5 件'), pad('  共计,'), row('S2')].join('\n');
		const r = await importCases(db, file('sums.csv', text), catalog);
		// Totals are not cases and not errors: skipped and reported by line, never quarantined.
		expect([r.rows, r.imported, r.quarantined, r.skipped]).toEqual([5, 2, 0, 3]);
		expect(r.skippedLines).toEqual([3, 4, 5]);
		expect(await quarantineOf(db, r.batch)).toEqual([]);
	});

	it('keeps the filled unknown cells only, as given', async () => {
		const header = `${HEADER},经办人备注,罚没款`;
		const text = [header, `${row('U1')},电话催告,`, `${row('U2')},,`, `${row('U3')},\u3000待核,\u00a05 `].join('\n');
		await importCases(db, file('unknown.csv', text), catalog);
		const rows = await db.query<{ case_id: string; extra: string | null }>(`SELECT case_id, extra FROM cases ORDER BY case_id`);
		expect(rows).toEqual([
			{ case_id: 'U1', extra: '{"经办人备注":"电话催告"}' },
			{ case_id: 'U2', extra: null },
			{ case_id: 'U3', extra: '{"经办人备注":"\u3000待核","罚没款":"\u00a05 "}' }
		]);
	});

	it('keeps unknown columns, and applies a saved mapping profile when the same headers come again', async () => {
		const header = `${HEADER},经办人备注,罚没款`;
		const text = [header, `${row('P1', '')},电话催告,18000`].join('\n');
		const r = await importCases(db, file('p1.csv', text), catalog);
		expect(r.columns.filter((c) => c.key === null).map((c) => c.header)).toEqual(['经办人备注', '罚没款']);
		const [x] = await db.query<{ extra: string; fine: number | null }>(`SELECT extra, fine_amount AS fine FROM cases WHERE case_id = 'P1'`);
		expect(JSON.parse(x!.extra)).toEqual({ 经办人备注: '电话催告', 罚没款: '18000' });
		expect(x!.fine).toBeNull();

		await saveProfile(db, '乙系统导出', header.split(','), { 罚款金额: null, 罚没款: 'fine_amount' }, 'tester');
		const again = await importCases(db, file('p2.csv', text), catalog);
		expect(again.profile).toBe('乙系统导出');
		expect(again.updated).toBe(1);
		expect((await getCase(db, AGENCY, 'P1'))?.fine_amount).toBe(1_800_000);
	});
});
