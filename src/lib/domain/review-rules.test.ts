import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCalendar, yearNoticeSchema } from './calendar';
import { parseCatalog } from './catalog';
import { emptyCase, type CaseRecord } from './case-schema';
import { ruleFlags, type RosterOfficer, type RuleContext, type RuleId } from './review-rules';

const cal = buildCalendar(
	readdirSync(join(process.cwd(), 'data/calendar')).map((f) =>
		yearNoticeSchema.parse(JSON.parse(readFileSync(join(process.cwd(), 'data/calendar', f), 'utf8')))
	)
);
const catalog = parseCatalog(JSON.parse(readFileSync(join(process.cwd(), 'data/catalog/hpf.json'), 'utf8')), 'hpf.json');
const roster = new Map<string, RosterOfficer>([
	['A1', { cert_no: 'A1', name: '张明', valid_from: '2018-01-01', valid_to: '2027-12-31' }],
	['A2', { cert_no: 'A2', name: '李红', valid_from: '2018-01-01', valid_to: '2027-12-31' }],
	['OLD', { cert_no: 'OLD', name: '王旧', valid_from: '2018-01-01', valid_to: '2023-03-31' }]
]);
const ctx: RuleContext = { catalog, cal, roster };

/** A consistent decided fine: 一般 tier (60 employees, 8 months…), every date in order and on time. */
function decided(over: Partial<CaseRecord> = {}): CaseRecord {
	return {
		...emptyCase(),
		case_id: 'T',
		agency: '临江市住房公积金管理中心',
		category: '行政处罚',
		item_code: 'HPF-37-1',
		status: '已结案',
		party_type: '法人及非法人组织',
		officer_ids: ['A1', 'A2'],
		employees_affected: 60,
		months_overdue: 8,
		prior_violations: 0,
		rectified: false,
		cooperated: true,
		harm: '一般',
		circumstance_tier: '一般',
		penalty_types: ['罚款'],
		fine_amount: 2_600_000,
		av_recorded: true,
		filed_on: '2024-03-04',
		investigated_on: '2024-03-20',
		notified_on: '2024-03-26',
		reviewed_on: '2024-04-01',
		review_result: '通过',
		decided_on: '2024-04-03',
		decision_no: '临公积金罚决字〔2024〕第1号',
		served_on: '2024-04-07',
		closed_on: '2024-04-15',
		published_on: '2024-04-10',
		...over
	};
}

const rules = (c: CaseRecord): RuleId[] => ruleFlags(c, ctx).map((f) => f.rule);
const reason = (c: CaseRecord, r: RuleId) => ruleFlags(c, ctx).find((f) => f.rule === r)?.reason ?? '';

describe('rule flags', () => {
	it('R15 and R16: a decided penalty without a decision number; an item code the catalog does not list', () => {
		expect(reason(decided({ decision_no: null }), 'R15')).toBe('案件已结案，但没有决定书文号（行政处罚法第五十九条）');
		expect(rules(decided({ decision_no: null, status: '待审核', decided_on: null }))).not.toContain('R15');
		expect(rules(decided({ decision_no: null, category: '行政检查' }))).not.toContain('R15');
		expect(reason(decided({ item_code: 'HPF-99-9' }), 'R16')).toContain('事项编码「HPF-99-9」不在事项清单中');
		expect(rules(decided())).not.toContain('R16');
	});

	it('raise nothing on a consistent case', () => {
		expect(rules(decided())).toEqual([]);
	});

	it('R01: outside the statute, below it without a 减轻 ground, a fine under 不予处罚', () => {
		expect(reason(decided({ fine_amount: 6_000_000 }), 'R01')).toBe('罚款 60,000 元，超过法定上限 50,000 元');
		expect(rules(decided({ fine_amount: 500_000 }))).toContain('R01');
		expect(rules(decided({ fine_amount: 500_000, circumstance_tier: '减轻' }))).not.toContain('R01');
		expect(rules(decided({ fine_amount: 1_000_000, circumstance_tier: '不予处罚' }))).toContain('R01');
		expect(rules(decided({ fine_amount: 0, circumstance_tier: '不予处罚', penalty_types: null }))).not.toContain('R01');
	});

	it('R02: outside the tier the circumstances select, with the numbers', () => {
		expect(reason(decided({ fine_amount: 4_800_000 }), 'R02')).toBe(
			'罚款 48,000 元，高于「一般」阶次 20,000 元–35,000 元（本案情节：不符合「不予处罚」、「从重」、「从轻」的条件）'
		);
		// Below a tier says so, and names the circumstance that selected it.
		expect(reason(decided({ fine_amount: 1_200_000, prior_violations: 1 }), 'R02')).toBe(
			'罚款 12,000 元，低于「从重」阶次 35,000 元–50,000 元（本案情节：前科次数 ≥ 1（本案 1））'
		);
		// 从轻 circumstances: 10 employees, 2 months, first time, cooperated, slight harm.
		const light = { employees_affected: 10, months_overdue: 2, harm: '轻微' };
		expect(rules(decided({ ...light, fine_amount: 1_500_000 }))).not.toContain('R02');
		expect(rules(decided({ ...light, fine_amount: 4_500_000 }))).toContain('R02');
		// A pending proposal is checked against the benchmark too, in its own words.
		expect(reason(decided({ status: '待审核', decided_on: null, fine_amount: 4_800_000 }), 'R02')).toMatch(/^拟罚款 48,000 元/);
	});

	it('R04: fewer than two officers, one not on the roster, a certificate expired on the decision date', () => {
		expect(rules(decided({ officer_ids: ['A1'] }))).toContain('R04');
		expect(reason(decided({ officer_ids: ['A1', 'X9'] }), 'R04')).toContain('X9 不在执法人员清单中');
		expect(
			reason(
				decided({
					officer_ids: ['A1', 'OLD'],
					filed_on: '2023-03-01',
					investigated_on: null,
					notified_on: null,
					reviewed_on: null,
					decided_on: '2023-04-10',
					served_on: '2023-04-12',
					closed_on: null,
					published_on: null
				}),
				'R04'
			)
		).toContain('决定日 2023-04-10 不在有效期内');
		expect(
			rules(
				decided({
					officer_ids: ['A1', 'OLD'],
					filed_on: '2023-01-05',
					investigated_on: null,
					notified_on: null,
					reviewed_on: '2023-03-01',
					decided_on: '2023-03-02',
					served_on: '2023-03-03',
					closed_on: null,
					published_on: null
				})
			)
		).not.toContain('R04');
	});

	it('R05: a major decision without a passed review before it; never for a pending proposal', () => {
		const major = { fine_amount: 4_000_000, employees_affected: 150, harm: '严重' as const, circumstance_tier: '从重' };
		expect(rules(decided(major))).not.toContain('R05');
		expect(reason(decided({ ...major, reviewed_on: '2024-04-05', served_on: '2024-04-08' }), 'R05')).toContain('晚于决定日');
		expect(rules(decided({ ...major, reviewed_on: null, review_result: null }))).toContain('R05');
		expect(
			rules(
				decided({ ...major, status: '待审核', decided_on: null, reviewed_on: null, review_result: null, served_on: null, closed_on: null, published_on: null })
			)
		).toEqual([]);
	});

	it('R06 on a pending case past 90 days from filing, counted to today; not before, and not without a today', () => {
		const pending = (filed: string) =>
			decided({
				status: '待审核',
				filed_on: filed,
				investigated_on: null,
				notified_on: null,
				reviewed_on: null,
				review_result: null,
				decided_on: null,
				served_on: null,
				closed_on: null,
				published_on: null,
				decision_no: null
			});
		const on = (c: CaseRecord, today: string) => ruleFlags(c, { ...ctx, today }).filter((f) => f.rule === 'R06');
		expect(on(pending('2025-12-05'), '2026-12-07').map((f) => f.reason)).toEqual(['立案已 367 日仍未作出决定，超过 90 日（行政处罚法第六十条）']);
		expect(on(pending('2026-09-08'), '2026-12-07')).toEqual([]);
		expect(on(pending('2026-09-07'), '2026-12-07').map((f) => f.value)).toEqual(['91 日']);
		expect(rules(pending('2025-12-05'))).not.toContain('R06');
		// A decided case is judged by its decision date, whatever today is.
		expect(on(decided(), '2030-01-01')).toEqual([]);
	});

	it('R06 in calendar days; R07 in working days (Art. 85), across the National Day holiday', () => {
		expect(reason(decided({ decided_on: '2024-06-04', served_on: '2024-06-05', closed_on: null, published_on: null }), 'R06')).toBe(
			'立案后第 92 日作出决定，超过 90 日（行政处罚法第六十条）'
		);
		expect(rules(decided({ decided_on: '2024-06-02', served_on: '2024-06-03', closed_on: null, published_on: null }))).not.toContain('R06');
		// Decided 3 April 2024: 4–6 April is the Qingming holiday and 7 April a make-up working day, so the 7th
		// working day is 15 April (12 calendar days later) and the 16th is late.
		expect(rules(decided({ served_on: '2024-04-15', closed_on: null }))).not.toContain('R07');
		expect(reason(decided({ served_on: '2024-04-16', closed_on: null }), 'R07')).toMatch(/^决定后第 8 个工作日送达/);
		// Decided 30 September: the holiday runs 1–7 October, so service on 10 October is only the 3rd working day.
		expect(rules(decided({ decided_on: '2024-09-30', served_on: '2024-10-10', closed_on: null, published_on: null }))).not.toContain('R07');
	});

	it('R08: working days across the Spring Festival holiday and its make-up working days', () => {
		const spring = {
			filed_on: '2024-01-08',
			investigated_on: null,
			notified_on: null,
			reviewed_on: null,
			decided_on: '2024-02-08',
			served_on: '2024-02-09',
			closed_on: null
		};
		// 9 Feb, the make-up Sunday 18 Feb, then 19–23 Feb: the 23rd is the seventh working day.
		expect(rules(decided({ ...spring, published_on: '2024-02-23' }))).not.toContain('R08');
		expect(reason(decided({ ...spring, published_on: '2024-02-26' }), 'R08')).toBe('决定后第 8 个工作日公示，超过 7 个工作日');
		// The same number of calendar days without a holiday is far too late.
		expect(rules(decided({ ...spring, decided_on: '2024-03-08', served_on: '2024-03-11', published_on: '2024-03-26' }))).toContain('R08');
	});

	it('R09: a revoked decision still published', () => {
		expect(rules(decided({ reconsideration: '撤销' }))).toContain('R09');
		expect(rules(decided({ reconsideration: '撤销', withdrawn_on: '2024-05-02' }))).not.toContain('R09');
		expect(rules(decided({ reconsideration: '维持' }))).not.toContain('R09');
	});

	it('R10: the first stage out of order, named', () => {
		expect(reason(decided({ served_on: '2024-04-01' }), 'R10')).toBe('「送达」2024-04-01 早于「作出决定」2024-04-03');
	});

	it('R11: a 较大数额 fine without notice of the right to a hearing, by party type', () => {
		const heavy = { fine_amount: 5_000_000, employees_affected: 150, circumstance_tier: '从重', notified_on: null };
		expect(rules(decided(heavy))).toContain('R11');
		expect(rules(decided({ ...heavy, notified_on: '2024-03-26' }))).not.toContain('R11');
		expect(rules(decided({ fine_amount: 600_000, circumstance_tier: '减轻', party_type: '自然人', notified_on: null }))).toContain('R11');
		expect(rules(decided({ fine_amount: 600_000, circumstance_tier: '减轻', notified_on: null }))).not.toContain('R11');
	});

	it('R12 and R13: no audio-visual record for an item that needs one; late payment with its surcharge', () => {
		expect(rules(decided({ av_recorded: false }))).toContain('R12');
		expect(rules(decided({ av_recorded: null }))).not.toContain('R12');
		expect(reason(decided({ closed_on: '2024-04-25' }), 'R13')).toContain('逾期 3 日，依法可加处罚款 2,340 元');
	});
});
