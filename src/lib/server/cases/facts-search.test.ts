import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { maskFacts } from '../../domain/masking';
import { maskedFactsSql } from './facts-search';
import { caseListPage } from './view';
import type { Reader } from '../viewer';

const AGENCY = '临江市住房公积金管理中心';
let db: Database;

beforeAll(async () => {
	db = await openMigrated(':memory:');
	const add = (caseId: string, status: string, partyType: string, name: string, facts: string) =>
		db.run(
			`INSERT INTO cases (agency, case_id, category, item_name, status, party_type, party_name, filed_on, officer_ids, facts)
			 VALUES (?, ?, '行政处罚', '单位不办理住房公积金缴存登记', ?, ?, ?, DATE '2024-03-01', ['A1', 'A2'], ?)`,
			[AGENCY, caseId, status, partyType, name, facts]
		);
	await add('F1', '已结案', '自然人', '欧阳娜娜', '欧阳娜娜个人经营期间未为3名职工缴存，联系电话13812345678。');
	await add('F2', '待审核', '自然人', '司马相如', '司马相如逾期8个月未缴存。');
	await add('F3', '已结案', '法人及非法人组织', '临江某贸易有限公司', '该公司法定代表人张伟（身份证350702199001011234）逾期12个月未缴存。');
});

afterAll(async () => {
	await db.close();
});

describe('the facts text as SQL masks it', () => {
	it('agrees with maskFacts, numbers next to each other and inside longer runs included', async () => {
		const texts = [
			'欧阳娜娜于2023年拖欠',
			'电话13812345678,13912345678；身份证350702199001011234、35070219900101123X',
			'订单号2138123456789不是手机号，编号350702199001011234567也不是身份证',
			'A13812345678 不算，13812345678B 也不算，(13812345678) 算',
			'12345678901 不是手机号；19912345678 是',
			'娜娜娜娜欧阳娜娜欧阳娜娜',
			''
		];
		for (const [type, name] of [
			['自然人', '欧阳娜娜'],
			['自然人', '张'],
			['法人及非法人组织', '欧阳娜娜']
		] as const) {
			for (const facts of texts) {
				const [row] = await db.query<{ m: string }>(`SELECT ${maskedFactsSql()} AS m FROM (SELECT ?::VARCHAR AS facts, ? AS party_type, ? AS party_name)`, [
					facts,
					type,
					name
				]);
				expect(row?.m, `${type} ${name}: ${facts}`).toBe(maskFacts(facts, type === '自然人' ? name : null));
			}
		}
	});
});

describe('searching the facts on the case list', () => {
	const search = async (who: Reader, q: string) =>
		(await caseListPage(db, who, { filter: { q }, page: 0, pageSize: 50, sort: 'case_id', descending: false })).rows.map((r) => r.case_id);

	it('finds words of the facts text for every reader', async () => {
		expect(await search({ roles: ['leader'] }, '缴存')).toEqual(['F1', 'F2', 'F3']);
		expect(await search({ roles: ['leader'] }, '逾期12个月')).toEqual(['F3']);
	});

	it('matches a masked name or number only as the reader sees it, so it cannot be recovered by trying characters', async () => {
		const leader: Reader = { roles: ['leader'] };
		expect(await search(leader, '娜娜')).toEqual([]);
		expect(await search(leader, '欧***')).toEqual(['F1']);
		expect(await search(leader, '13812345678')).toEqual([]);
		expect(await search(leader, '1381')).toEqual([]);
		expect(await search(leader, '350702199001011234')).toEqual([]);
		// A company's name is public, in the facts as anywhere; its representative's ID number is not.
		expect(await search(leader, '张伟')).toEqual(['F3']);
		// The officer of the cases reads them in full, and so may search the full text; a reviewer the pending one.
		const officer: Reader = { roles: ['officer'], certNo: 'A1' };
		expect(await search(officer, '娜娜')).toEqual(['F1']);
		expect(await search(officer, '350702199001011234')).toEqual(['F3']);
		expect(await search({ roles: ['reviewer'] }, '司马相如逾期')).toEqual(['F2']);
		expect(await search({ roles: ['reviewer'] }, '欧阳娜娜')).toEqual([]);
	});

	it('keeps the other filters working beside the search', async () => {
		const r = await caseListPage(
			db,
			{ roles: ['leader'] },
			{ filter: { q: '未缴存', status: '待审核' }, page: 0, pageSize: 50, sort: 'case_id', descending: false }
		);
		expect(r.rows.map((c) => c.case_id)).toEqual(['F2']);
		expect(r.total).toBe(1);
	});
});
