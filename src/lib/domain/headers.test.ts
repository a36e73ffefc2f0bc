import { describe, expect, it } from 'vitest';
import { headerScore, mapHeaders } from './headers';
import { readCaseRow } from './case-row';
import { reasonMessage } from './import-reasons';
import { bilingual } from '../i18n';
import { CANONICAL_HEADERS } from './case-schema';

describe('mapHeaders', () => {
	it('maps canonical headers, aliases and their full-width forms', () => {
		const cols = mapHeaders(['案号', '处罚机关', ' 管理部 ', '罚款金额（万元）', '涉案金额(元)', '持续时间（月）', '备注']);
		expect(cols.map((c) => c.key)).toEqual(['case_id', 'agency', 'department', 'fine_amount', 'amount_involved', 'months_overdue', null]);
		expect(cols[3]?.unit).toBe('wan');
		expect(cols[4]?.unit).toBe('yuan');
	});

	it('keeps a second column for the same key unmapped, with a note', () => {
		const cols = mapHeaders(['案件编号', '案号']);
		expect(cols[1]?.key).toBeNull();
		expect(cols[1]?.note).toMatch(/重复/);
	});

	it('scores a header row above a title row', () => {
		expect(headerScore(['2023年行政处罚案件台账', '', ''])).toBe(0);
		expect(headerScore(CANONICAL_HEADERS)).toBe(CANONICAL_HEADERS.length);
	});
});

describe('readCaseRow', () => {
	const cols = mapHeaders([
		'案号',
		'执法主体',
		'执法类别',
		'违法行为',
		'事项编码',
		'案件状态',
		'当事人类型',
		'当事人',
		'执法证号',
		'立案时间',
		'罚款金额(万元)',
		'备注'
	]);

	it('reads a complete row, converting units and keeping unknown columns', () => {
		const r = readCaseRow(
			['A-1', '某中心', '处罚', '单位不办理住房公积金缴存登记', 'HPF-37-1', '办理中', '单位', '某公司', 'Z1、Z2', '2021年3月5日', '1.5', '补录'],
			cols
		);
		expect(r.problems).toEqual([]);
		expect(r.record.category).toBe('行政处罚');
		expect(r.record.party_type).toBe('法人及非法人组织');
		expect(r.record.officer_ids).toEqual(['Z1', 'Z2']);
		expect(r.record.filed_on).toBe('2021-03-05');
		expect(r.record.fine_amount).toBe(1_500_000);
		expect(r.record.harm).toBeNull();
		expect(r.extra).toEqual({ 备注: '补录' });
	});

	it('reports every problem of a bad row, with its code, in Chinese and English', () => {
		const r = readCaseRow(['', '某中心', '处罚', 'x', '', '已结案', '单位', '某公司', 'Z1', '2021-02-30', 'abc', ''], cols);
		const reasons = r.problems.map((p) => bilingual(reasonMessage(p.reason)).zh).join('\n');
		expect(r.problems.find((p) => p.key === 'filed_on')?.reason.code).toBe('date-invalid');
		expect(bilingual(reasonMessage(r.problems.find((p) => p.key === 'case_id')!.reason)).en).toBe('Required field “Case number” is missing');
		expect(reasons).toMatch(/缺少必填项「案件编号」/);
		expect(reasons).toMatch(/立案日期：日期「2021-02-30」不存在/);
		expect(reasons).toMatch(/罚款金额：无法识别的金额/);
		expect(reasons).toMatch(/事项编码/);
		expect(reasons).toMatch(/决定日期/);
	});
});

describe('summary rows', () => {
	it('recognises 合计 and 总计 rows in the first cells, not a case that mentions them later', async () => {
		const { isSummaryRow } = await import('./case-row');
		expect(isSummaryRow(['合计', '', '', '120'])).toBe(true);
		expect(isSummaryRow(['', '总计：', '35'])).toBe(true);
		expect(isSummaryRow(['A-1', '某中心', '处罚', '合计罚款'])).toBe(false);
	});
});
