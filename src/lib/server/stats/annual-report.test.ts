import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { annualReport, fenToWan } from './annual-report';
import { reportWorkbook } from './report-xlsx';
import { listCases } from '../cases/list';
import ExcelJS from 'exceljs';

/** Hand-counted fixtures: each row says what it must add to the 2023 report. */
let db: Database;
const A = '某住房公积金管理中心';

async function add(id: string, c: Record<string, string | number | null>) {
	const cols = {
		case_id: id,
		agency: A,
		item_name: '事项',
		status: '已结案',
		party_type: '法人及非法人组织',
		party_name: '某公司',
		filed_on: '2023-01-10',
		...c
	};
	const keys = Object.keys(cols);
	const lists = new Set(['penalty_types']);
	await db.run(
		`INSERT INTO cases (${keys.join(', ')}, officer_ids) VALUES (${keys.map((k) => (lists.has(k) ? `string_split(CAST(? AS VARCHAR), ';')` : '?')).join(', ')}, ['A1', 'A2'])`,
		keys.map((k) => (cols as Record<string, string | number | null>)[k] ?? null)
	);
}

beforeAll(async () => {
	db = await openMigrated(':memory:');
	// 表一: a fine; a warning and a fine (counts once, as 罚款); a revocation with a confiscation (吊销); a warning.
	await add('P1', {
		category: '行政处罚',
		decided_on: '2023-03-01',
		penalty_types: '罚款',
		fine_amount: '20000.00',
		review_result: '通过',
		reviewed_on: '2023-02-27'
	});
	await add('P2', { category: '行政处罚', decided_on: '2023-06-01', penalty_types: '警告;罚款', fine_amount: '15000.50' });
	await add('P3', {
		category: '行政处罚',
		decided_on: '2023-12-31',
		penalty_types: '罚款;没收违法所得;吊销许可证件',
		fine_amount: '50000.00',
		confiscated_amount: '1234.56',
		reconsideration: '撤销'
	});
	await add('P4', { category: '行政处罚', decided_on: '2023-07-01', penalty_types: '警告', litigation: '驳回' });
	// Not in 2023: filed in 2023, decided in 2024; decided in 2022.
	await add('P5', { category: '行政处罚', filed_on: '2023-12-20', decided_on: '2024-01-05', penalty_types: '罚款', fine_amount: '30000.00' });
	await add('P6', { category: '行政处罚', filed_on: '2022-11-01', decided_on: '2022-12-30', penalty_types: '罚款', fine_amount: '10000.00' });
	// 不予处罚 and 减轻; a proposal awaiting review is not a decision.
	await add('P7', { category: '行政处罚', decided_on: '2023-05-05', circumstance_tier: '不予处罚', fine_amount: '0.00' });
	await add('P8', {
		category: '行政处罚',
		decided_on: '2023-05-06',
		circumstance_tier: '减轻',
		penalty_types: '罚款',
		fine_amount: '5000.00',
		litigation: '撤销'
	});
	await add('P9', { category: '行政处罚', status: '待审核', decided_on: null, penalty_types: '罚款', fine_amount: '40000.00' });
	// 表二 and 表三.
	await add('C1', { category: '行政强制', decided_on: '2023-04-01', penalty_types: '申请人民法院强制执行' });
	await add('C2', { category: '行政强制', decided_on: '2023-04-02', penalty_types: '查封;其他' });
	await add('I1', { category: '行政检查', filed_on: '2023-08-08' });
	await add('I2', { category: '行政检查', filed_on: '2024-01-02' });
	await add('R1', { category: '行政确认', filed_on: '2022-12-28', decided_on: '2023-01-04' });
	await db.run(
		`INSERT INTO officers VALUES ('A1', '甲', NULL, DATE '2020-01-01', DATE '2025-12-31', '在岗', NULL), ('A2', '乙', NULL, DATE '2020-01-01', DATE '2023-06-30', '已过期', NULL)`
	);
});
afterAll(async () => db.close());

describe('annual report', () => {
	it('counts penalty decisions once under the heaviest penalty, in the year of the decision', async () => {
		const r = await annualReport(db, 2023);
		expect(r.agency).toBe(A);
		expect(r.table1).toMatchObject({ 警告: 1, 罚款: 3, 吊销许可证件: 1, '没收违法所得、没收非法财物': 0, 其他: 0, 合计: 5 });
		// 20000 + 15000.50 + 50000 + 1234.56 + 5000 = 91235.06 yuan = 9.12 万元 (P4 had no fine)
		expect(r.table1.罚没金额万元).toBe('9.12');
		expect(Object.keys(r.table1).at(-1)).toBe('罚没金额万元');
	});

	it('counts coercion by measure, other acts by category, and the extra figures', async () => {
		const r = await annualReport(db, 2023);
		expect(r.table2).toMatchObject({ 查封: 1, 申请人民法院强制执行: 1, 其他执行: 1, 合计: 2 });
		expect(r.table3).toMatchObject({ 行政检查: 1, 行政确认: 1, 行政许可: 0 });
		expect(r.extra).toEqual({ 持证人数: 1, 法制审核件数: 1, 不予处罚: 1, 减轻处罚: 1, 被复议: 1, 复议纠错: 1, 被诉: 2, 败诉: 1, 移送司法: null });
	});

	it('puts the decision across the year boundary in the next year', async () => {
		const r = await annualReport(db, 2024);
		expect(r.table1).toMatchObject({ 罚款: 1, 合计: 1, 罚没金额万元: '3.00' });
		expect(r.table3.行政检查).toBe(1);
	});

	it('rounds 万元 half up from exact fen', () => {
		expect(fenToWan(123_456_789)).toBe('123.46');
		expect(fenToWan(4_999)).toBe('0.00');
		expect(fenToWan(5_000)).toBe('0.01');
	});

	it('writes an XLSX in the template layout that opens again with the same figures', async () => {
		const r = await annualReport(db, 2023);
		const buffer = await (await reportWorkbook(r)).xlsx.writeBuffer();
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(buffer);
		const ws = wb.worksheets[0]!;
		expect(ws.getCell('A1').value).toBe(`${A} 2023年度行政执法统计年报`);
		expect(ws.getCell('A1').isMerged).toBe(true);
		const cells: Record<string, unknown> = {};
		ws.eachRow((row, n) => {
			const next = ws.getRow(n + 1);
			row.eachCell((cell, col) => {
				if (typeof cell.value === 'string') cells[cell.value] ??= next.getCell(col).value;
			});
		});
		expect(cells['罚款']).toBe(3);
		expect(cells['吊销许可证件']).toBe(1);
		expect(cells['罚没金额（万元）']).toBe(9.12);
		expect(cells['申请人民法院强制执行']).toBe(1);
		expect(cells['行政检查']).toBe(1);
		expect(cells['移送司法']).toBe('无数据');
		expect(cells['行政强制措施']).toBeDefined();
		// Under the tables: the reconciliation with the overview, the 统计口径, and the signature block with the agency filled in.
		const texts = Object.keys(cells);
		expect(texts.find((t) => t.startsWith('本年作出行政处罚决定'))).toBe(
			`本年作出行政处罚决定 ${r.reconciliation.decisions} 件 = 表一 作出处罚 ${r.table1.合计} 件 + 不予处罚 ${r.extra.不予处罚} 件（不予处罚的决定不计入表一，另列于「其他统计」）。`
		);
		expect(texts.some((t) => t.startsWith('统计口径：'))).toBe(true);
		for (const field of ['填报单位：', '单位负责人：', '填表人：', '报出日期：']) expect(texts).toContain(field);
		const signed = ws.getRows(1, ws.rowCount)?.find((row) => row.getCell(1).value === '填报单位：');
		expect(signed?.getCell(2).value).toBe(A);
	});

	it('leads from every figure to exactly the cases behind it', async () => {
		const r = await annualReport(db, 2023);
		const behind = async (cell: Parameters<typeof listCases>[1]['cell']) => (await listCases(db, { year: 2023, cell })).total;
		expect(await behind({ table: 'table1', column: '罚款' })).toBe(r.table1.罚款);
		expect(await behind({ table: 'table1', column: '合计' })).toBe(r.table1.合计);
		expect((await listCases(db, { year: 2023, cell: { table: 'table1', column: '吊销许可证件' } })).rows.map((c) => c.case_id)).toEqual(['P3']);
		expect(await behind({ table: 'table2', column: '合计' })).toBe(r.table2.合计);
		expect(await behind({ table: 'table3', column: '行政检查' })).toBe(r.table3.行政检查);
		expect(await behind({ table: 'extra', column: '被诉' })).toBe(r.extra.被诉);
	});
});
