import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { loadCatalog } from '../catalog';
import { importPublications } from '../import';
import { FIELDS } from '../../domain/case-schema';
import { ExportAborted, exportForOperator, prepareCaseListExport, type CliExportRequest } from './index';
import { EXTRACTED_HEADER } from './columns';

const AGENCY = '临江市住房公积金管理中心';
const dir = mkdtempSync(join(tmpdir(), 'equitas-export-'));
let db: Database;
const operator = { username: 'cli:test' };

/** Everything a writer wrote, as bytes. */
function sink(): { out: Writable; bytes: () => Buffer } {
	const out = new PassThrough();
	const parts: Buffer[] = [];
	out.on('data', (b: Buffer) => parts.push(b));
	return { out, bytes: () => Buffer.concat(parts) };
}

async function cli(r: CliExportRequest): Promise<{ rows: number; text: string; bytes: Buffer }> {
	const s = sink();
	const { rows } = await exportForOperator(db, operator, r, s.out);
	await new Promise((resolve) => setImmediate(resolve));
	return { rows, text: s.bytes().toString('utf8'), bytes: s.bytes() };
}

const jsonl = (text: string) =>
	text
		.trim()
		.split('\n')
		.map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(async () => {
	db = await openMigrated(':memory:');
	const add = (id: string, o: Record<string, string | null>) =>
		db.run(
			`INSERT INTO cases (agency, case_id, department, category, item_code, item_name, status, party_type, party_name, party_id, officer_ids,
			   filed_on, decided_on, fine_amount, confiscated_amount, rectified, penalty_types, months_overdue, facts, extracted)
			 VALUES (?, ?, '第一管理部', '行政处罚', 'HPF-37-1', '单位不办理住房公积金缴存登记', '已结案', ?, ?, ?, ['A1', 'A2'],
			   ?::DATE, ?::DATE, ?::DECIMAL(18,2), NULL, TRUE, ['罚款'], 8, ?, ?)`,
			[AGENCY, id, o.type!, o.name!, o.id ?? null, o.filed!, o.decided ?? null, o.fine ?? null, o.facts ?? null, o.extracted ?? null]
		);
	await add('E1', {
		type: '自然人',
		name: '欧阳娜娜',
		id: '350702199001011234',
		filed: '2024-12-20',
		decided: '2025-01-10',
		fine: '12345.67',
		facts: '欧阳娜娜逾期8个月未缴存，电话13812345678。',
		extracted: '{"months_overdue":"逾期8个月","employees_affected":"3名职工"}'
	});
	await add('E2', { type: '法人及非法人组织', name: '临江某贸易有限公司', filed: '2024-03-01', fine: null, facts: '=HYPERLINK("x")' });
	await add('E3', { type: '法人及非法人组织', name: '临江某物业有限公司', filed: '2023-05-01', decided: '2023-06-01', fine: '0.10' });

	// A publicity list with a cell of three lines and a blank line: the row numbers a spreadsheet program shows.
	const list = join(dir, 'list.csv');
	writeFileSync(
		list,
		[
			'行政处罚决定书文号,行政相对人名称,行政相对人类别,违法行为类型,处罚内容,罚款金额(元),处罚决定日期,处罚机关',
			'临公积金罚〔2024〕1号,甲公司,法人,单位不办理住房公积金缴存登记,"罚款2万元",20000,2024-03-05,临江市住房公积金管理中心',
			'临公积金罚〔2024〕2号,乙公司,法人,单位逾期不缴或者少缴住房公积金,"对该公司罚款3000元；',
			'对连玮罚款1000元",,2024-04-08,临江市住房公积金管理中心',
			'',
			'临公积金罚〔2023〕3号,张三丰,自然人,未按规定办理,"警告。张三丰身份证350702199001011234",,2023-02-01,临江市住房公积金管理中心'
		].join('\n') + '\n'
	);
	const r = await importPublications(db, list, { user: 'test', catalog: loadCatalog() });
	expect(r.imported).toBe(3);
});

afterAll(async () => {
	await db.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('case export', () => {
	it('writes every data-dictionary key, money in yuan, dates as YYYY-MM-DD, the facts keys as a sorted array, masked by default', async () => {
		const r = await cli({ kind: 'cases', format: 'jsonl' });
		expect(r.rows).toBe(3);
		const rows = jsonl(r.text);
		expect(Object.keys(rows[0]!)).toEqual([...FIELDS.map((f) => f.key), 'extracted']);
		const e1 = rows.find((x) => x.case_id === 'E1')!;
		expect(e1).toMatchObject({
			party_name: '欧***',
			party_id: '3****************4',
			fine_amount: 12345.67,
			confiscated_amount: null,
			filed_on: '2024-12-20',
			decided_on: '2025-01-10',
			rectified: true,
			months_overdue: 8,
			officer_ids: ['A1', 'A2'],
			extracted: ['employees_affected', 'months_overdue'],
			facts: '欧***逾期8个月未缴存，电话1*********8。'
		});
		expect(rows.find((x) => x.case_id === 'E3')).toMatchObject({ fine_amount: 0.1, extracted: [] });
	});

	it('writes the names in full only when the operator asks, and puts both on the audit record', async () => {
		const rows = jsonl((await cli({ kind: 'cases', format: 'jsonl', unmasked: true })).text);
		expect(rows.find((x) => x.case_id === 'E1')).toMatchObject({ party_name: '欧阳娜娜', party_id: '350702199001011234' });
		const audit = await db.query<{ detail: string }>(`SELECT detail FROM audit_log WHERE action = 'export' AND target_type = 'cases' ORDER BY seq`);
		expect(audit.map((a) => (JSON.parse(a.detail) as { masked: boolean }).masked)).toEqual([true, false]);
	});

	it('filters by the statistics year: the decision date, else the filing date', async () => {
		const ids = async (year: number) => jsonl((await cli({ kind: 'cases', format: 'jsonl', year })).text).map((x) => x.case_id);
		expect(await ids(2025)).toEqual(['E1']);
		expect(await ids(2024)).toEqual(['E2']);
		expect(await ids(2023)).toEqual(['E3']);
		expect((await cli({ kind: 'cases', format: 'json', year: 2022 })).text.trim()).toBe('[]');
		expect((JSON.parse((await cli({ kind: 'cases', format: 'json', year: 2023 })).text) as unknown[]).length).toBe(1);
	});

	it('writes CSV with the canonical Chinese headers, exact yuan and formula cells neutralised', async () => {
		const r = await cli({ kind: 'cases', format: 'csv' });
		expect(r.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
		const parsed = Papa.parse<string[]>(r.text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
		expect(parsed[0]).toEqual([...FIELDS.map((f) => f.header), EXTRACTED_HEADER]);
		const col = (h: string) => parsed[0]!.indexOf(h);
		const e1 = parsed.find((row) => row[col('案件编号')] === 'E1')!;
		expect([e1[col('罚款金额')], e1[col('当事人名称')], e1[col('是否改正')], e1[col('执法证号')], e1[col(EXTRACTED_HEADER)]]).toEqual([
			'12345.67',
			'欧***',
			'是',
			'A1、A2',
			'涉及职工人数、违法持续月数'
		]);
		const e2 = parsed.find((row) => row[col('案件编号')] === 'E2')!;
		expect(e2[col('违法事实')]).toBe(`'=HYPERLINK("x")`);
		expect(parsed.find((row) => row[col('案件编号')] === 'E3')![col('罚款金额')]).toBe('0.10');
	});

	it('exports the case list a reader filtered, all pages, masked for that reader, searched in the facts as they read them', async () => {
		const run = async (user: { roles: ('leader' | 'officer')[]; certNo?: string }, q: string) => {
			const s = sink();
			const prepared = await prepareCaseListExport(db, user, { username: 'u' }, { filter: { q }, sort: 'case_id', descending: false, format: 'jsonl' });
			const written = await prepared.write(s.out);
			await new Promise((resolve) => setImmediate(resolve));
			expect(written).toBe(prepared.rows);
			return { rows: prepared.rows, list: s.bytes().length ? jsonl(s.bytes().toString('utf8')) : [] };
		};
		expect((await run({ roles: ['leader'] }, '娜娜')).rows).toBe(0);
		const leader = await run({ roles: ['leader'] }, '逾期');
		expect(leader.list.map((x) => [x.case_id, x.party_name])).toEqual([['E1', '欧***']]);
		const officer = await run({ roles: ['officer'], certNo: 'A1' }, '娜娜');
		expect(officer.list.map((x) => [x.case_id, x.party_name])).toEqual([['E1', '欧阳娜娜']]);
	});

	it('stops when the reader goes away, and gives its database connection back', async () => {
		// Five cancelled downloads on a pool of four connections: a connection kept by any of them would hang the query after.
		for (let i = 0; i < 5; i++) {
			const prepared = await prepareCaseListExport(
				db,
				{ roles: ['leader'] },
				{ username: 'u' },
				{ filter: {}, sort: 'case_id', descending: false, format: 'csv' }
			);
			const out = new PassThrough({ highWaterMark: 1 });
			const writing = prepared.write(out);
			setImmediate(() => out.destroy());
			await expect(writing).rejects.toBeInstanceOf(ExportAborted);
		}
		const [n] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM cases');
		expect(n?.n).toBe(3);
	});

	it('writes an XLSX with money as numbers', async () => {
		const file = join(dir, 'cases.xlsx');
		const { createWriteStream } = await import('node:fs');
		const out = createWriteStream(file);
		await exportForOperator(db, operator, { kind: 'cases', format: 'xlsx' }, out);
		if (!out.writableFinished) await once(out, 'finish');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
		const ws = wb.worksheets[0]!;
		expect(ws.rowCount).toBe(4);
		const headers = (ws.getRow(1).values as unknown[]).slice(1);
		expect(headers[0]).toBe('案件编号');
		const fine = headers.indexOf('罚款金额') + 1;
		const byId = new Map([2, 3, 4].map((i) => [ws.getRow(i).getCell(1).value, ws.getRow(i)]));
		expect(byId.get('E1')?.getCell(fine).value).toBe(12345.67);
	});
});

describe('publication export', () => {
	it('writes the contract keys: spreadsheet row numbers, the fine per target, the catalog match', async () => {
		const rows = jsonl((await cli({ kind: 'publications', format: 'jsonl' })).text);
		expect(Object.keys(rows[0]!)).toEqual([
			'source_line',
			'agency',
			'decision_no',
			'party_name',
			'party_type',
			'violation',
			'legal_basis',
			'content',
			'penalty_types',
			'fine_amount',
			'fines',
			'decided_on',
			'published_on',
			'region',
			'source_url',
			'item_code',
			'item_match'
		]);
		// Header row 1; the second decision's cell spans two lines but is one row; the blank line is row 4.
		expect(rows.map((r) => r.source_line)).toEqual([2, 3, 5]);
		expect(rows[0]).toMatchObject({ fine_amount: 20000, fines: [{ target: null, amount: 20000 }], decided_on: '2024-03-05', item_code: 'HPF-37-1' });
		expect(rows[1]).toMatchObject({
			fine_amount: 4000,
			fines: [
				{ target: '该公司', amount: 3000 },
				{ target: '连玮', amount: 1000 }
			]
		});
		for (const r of rows) {
			expect(r.item_match).toBeGreaterThanOrEqual(0);
			expect(r.item_match).toBeLessThanOrEqual(1);
		}
		// Another agency's natural person is masked for everyone, in the name and in the texts.
		expect(rows[2]).toMatchObject({ party_name: '张**', fine_amount: null, fines: [], content: '警告。张**身份证3****************4' });
	});

	it('filters by the decision year and writes names in full only when asked', async () => {
		const rows = jsonl((await cli({ kind: 'publications', format: 'jsonl', year: 2023, unmasked: true })).text);
		expect(rows.map((r) => [r.decision_no, r.party_name])).toEqual([['临公积金罚〔2023〕3号', '张三丰']]);
	});

	it('writes the fines per target in one CSV cell', async () => {
		const r = await cli({ kind: 'publications', format: 'csv', year: 2024 });
		const parsed = Papa.parse<string[]>(r.text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
		const col = (h: string) => parsed[0]!.indexOf(h);
		expect(parsed.length).toBe(3);
		expect(parsed[2]![col('各对象罚款')]).toBe('该公司：3000.00；连玮：1000.00');
		expect(parsed[2]![col('源文件行号')]).toBe('3');
	});
});
