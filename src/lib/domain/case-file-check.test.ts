import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCatalog } from './catalog';
import { emptyCase, type CaseRecord } from './case-schema';
import { caseFileFlag, checkCaseFile, reachedStage } from './case-file-check';
import type { CaseDocument } from './case-file';

const file = join(process.cwd(), 'data/catalog/hpf.json');
const catalog = parseCatalog(JSON.parse(readFileSync(file, 'utf8')), file);

/** A decided 普通程序 fine under HPF-37-1 of 20,000 yuan: not major (below 30,000), no hearing. */
function decided(over: Partial<CaseRecord> = {}): CaseRecord {
	return {
		...emptyCase(),
		agency: '临江市住房公积金管理中心',
		case_id: 'T1',
		category: '行政处罚',
		item_code: 'HPF-37-1',
		item_name: '单位不办理住房公积金缴存登记',
		procedure: '普通程序',
		status: '已结案',
		party_type: '法人及非法人组织',
		penalty_types: ['罚款'],
		fine_amount: 2_000_000,
		circumstance_tier: '一般',
		filed_on: '2024-01-05',
		investigated_on: '2024-02-01',
		notified_on: '2024-02-10',
		decided_on: '2024-03-01',
		served_on: '2024-03-04',
		closed_on: '2024-03-20',
		...over
	};
}

let nextId = 1;
function doc(type: string, docDate: string | null = null, supersedes: number | null = null): Pick<CaseDocument, 'id' | 'supersedes' | 'doc_type' | 'doc_date'> {
	return { id: nextId++, doc_type: type, doc_date: docDate, supersedes };
}

const ALL_ORDINARY = ['立案审批表', '调查询问笔录', '现场检查笔录', '责令改正通知书', '音像记录', '行政处罚事先告知书', '行政处罚决定书', '送达回证'];

describe('case-file evaluation (案卷评查) by the catalog', () => {
	it('scores a complete ordinary-procedure fine at 100', () => {
		const check = checkCaseFile(
			decided(),
			catalog,
			ALL_ORDINARY.map((t) => doc(t))
		);
		expect(check.missing).toBe(0);
		expect(check.due).toBe(8);
		expect(check.score).toBe(100);
		expect(check.complete).toBe(true);
		// Not due: no hearing took place and the decision was not major.
		expect(check.results.filter((r) => r.status === 'not-due').map((r) => r.type)).toEqual(['听证笔录', '法制审核意见书']);
	});

	it('requires a 事先告知书 of an ordinary-procedure penalty, but not of a summary one', () => {
		const docs = ALL_ORDINARY.filter((t) => t !== '行政处罚事先告知书').map((t) => doc(t));
		const ordinary = checkCaseFile(decided(), catalog, docs);
		expect(ordinary.results.find((r) => r.type === '行政处罚事先告知书')?.status).toBe('missing');
		expect(ordinary.score).toBe(Math.round((100 * 7) / 8));
		const summary = checkCaseFile(decided({ procedure: '简易程序' }), catalog, docs);
		expect(summary.results.find((r) => r.type === '行政处罚事先告知书')?.status).toBe('not-due');
		expect(summary.complete).toBe(true);
	});

	it('requires a 法制审核意见书 of a major decision, dated before the 行政处罚决定书', () => {
		const major = decided({ fine_amount: 4_000_000, reviewed_on: '2024-02-25', review_result: '通过' });
		const without = checkCaseFile(
			major,
			catalog,
			ALL_ORDINARY.map((t) => doc(t))
		);
		expect(without.results.find((r) => r.type === '法制审核意见书')?.status).toBe('missing');

		const late = checkCaseFile(major, catalog, [
			...ALL_ORDINARY.map((t) => doc(t, t === '行政处罚决定书' ? '2024-03-01' : null)),
			doc('法制审核意见书', '2024-03-05')
		]);
		const review = late.results.find((r) => r.type === '法制审核意见书')!;
		expect(review.status).toBe('out-of-order');
		expect(review.note).toContain('2024-03-05 晚于「行政处罚决定书」2024-03-01');
		expect(late.score).toBe(Math.round((100 * 8.5) / 9));

		const inOrder = checkCaseFile(major, catalog, [...ALL_ORDINARY.map((t) => doc(t)), doc('法制审核意见书', '2024-02-26')]);
		expect(inOrder.complete).toBe(true);
	});

	it('judges order against the stage date when the later document bears no date', () => {
		const major = decided({ fine_amount: 4_000_000 });
		const check = checkCaseFile(major, catalog, [...ALL_ORDINARY.map((t) => doc(t)), doc('法制审核意见书', '2024-03-02')]);
		expect(check.results.find((r) => r.type === '法制审核意见书')?.note).toContain('2024-03-01');
	});

	it('asks nothing of stages the case has not reached', () => {
		const open = decided({ status: '办理中', notified_on: null, decided_on: null, served_on: null, closed_on: null });
		const check = checkCaseFile(open, catalog, [doc('立案审批表')]);
		expect(check.results.filter((r) => r.status !== 'not-due').map((r) => r.type)).toEqual([
			'立案审批表',
			'调查询问笔录',
			'现场检查笔录',
			'责令改正通知书',
			'音像记录'
		]);
		expect(reachedStage(open, 'decided_on')).toBe(false);
		// A stage without its own date is reached once a later one has a date.
		expect(reachedStage(decided({ investigated_on: null }), 'investigated_on')).toBe(true);
	});

	it('counts only the current version of a corrected document', () => {
		const first = doc('送达回证', '2024-03-20');
		const corrected = doc('送达回证', '2024-03-04', first.id);
		const check = checkCaseFile(decided(), catalog, [...ALL_ORDINARY.filter((t) => t !== '送达回证').map((t) => doc(t)), first, corrected]);
		expect(check.results.find((r) => r.type === '送达回证')?.documents).toEqual([corrected.id]);
	});

	it('requires nothing of an item whose catalog entry lists no documents', () => {
		const check = checkCaseFile(decided({ item_code: 'HPF-QR-01', category: '行政确认' }), catalog, []);
		expect(check).toMatchObject({ due: 0, score: 100, complete: true });
	});

	it('raises R14 for an electronic file with missing documents, and not for a case without any', () => {
		const flag = caseFileFlag(checkCaseFile(decided(), catalog, [doc('立案审批表')]));
		expect(flag).toMatchObject({ rule: 'R14', severity: 'warning' });
		expect(flag?.reason).toContain('缺少调查询问笔录');
		expect(flag?.reason).toContain('案卷评分 13');
		expect(caseFileFlag(checkCaseFile(decided(), catalog, []))).toBeNull();
		expect(
			caseFileFlag(
				checkCaseFile(
					decided(),
					catalog,
					ALL_ORDINARY.map((t) => doc(t))
				)
			)
		).toBeNull();
	});
});

describe('the catalog format', () => {
	it('still loads a catalog without document types or requirements, with the default list', () => {
		const json = JSON.parse(readFileSync(file, 'utf8')) as { items: Record<string, unknown>[]; document_types?: unknown };
		delete json.document_types;
		for (const item of json.items) delete item.documents;
		const plain = parseCatalog(json, 'plain.json');
		expect(plain.document_types.map((d) => d.name)).toContain('法制审核意见书');
		expect(plain.items.every((i) => i.documents.length === 0)).toBe(true);
	});

	it('refuses a requirement naming a document type the list lacks', () => {
		const json = JSON.parse(readFileSync(file, 'utf8')) as { items: { documents?: { type: string; stage: string }[] }[] };
		json.items[0]!.documents = [{ type: '不存在的文书', stage: 'filed_on' }];
		expect(() => parseCatalog(json, 'bad.json')).toThrow(/HPF-37-1 › documents\.0：文书类型「不存在的文书」不在文书类型清单中/);
	});
});
