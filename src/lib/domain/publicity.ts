import type { CaseRecord } from './case-schema';
import { dayNumber, type IsoDate } from './dates';
import { maskId } from './masking';

/**
 * The 双公示 record of a penalty decision (RULES.md §5): its columns in the order the format fixes, and how a case
 * becomes one. Pure: the server supplies the case, the agency's credit code and the period.
 */

/** The columns of the publicity export, in this order and with these names (RULES.md §5). */
export const PUBLICITY_COLUMNS = [
	'行政相对人名称',
	'行政相对人类别',
	'统一社会信用代码',
	'法定代表人',
	'法定代表人证件类型',
	'法定代表人证件号码',
	'证件类型',
	'证件号码',
	'行政处罚决定书文号',
	'违法行为类型',
	'违法事实',
	'处罚依据',
	'处罚类别',
	'处罚内容',
	'罚款金额（万元）',
	'没收违法所得、没收非法财物的金额（万元）',
	'暂扣或吊销证照名称及编号',
	'处罚决定日期',
	'处罚有效期',
	'公示截止期',
	'处罚机关',
	'处罚机关统一社会信用代码',
	'数据来源单位',
	'数据来源单位统一社会信用代码',
	'备注'
] as const;

export type PublicityColumn = (typeof PUBLICITY_COLUMNS)[number];
export type PublicityRow = Record<PublicityColumn, string>;

/**
 * How long an ordinary penalty stays published: the catalog's schema has no field for it, so it is a constant.
 * RULES.md §5 allows 3 months to 1 year; the centre publishes for the longest period the rules allow.
 */
export const PUBLICITY_PERIOD_MONTHS = 12;
export const MIN_PUBLICITY_MONTHS = 3;
export const MAX_PUBLICITY_MONTHS = 12;

/** 处罚有效期 of a fine or a warning: the national format writes 2099-12-31 for "no end" (长期). */
export const NO_END_DATE: IsoDate = '2099-12-31';

/**
 * The decisions the 双公示 format covers: 行政处罚 decisions that imposed a penalty. A 不予处罚 decision is no
 * penalty and is kept out of the credit records this data feeds; 行政许可 publicity has its own format.
 */
export const PUBLICITY_CATEGORY = '行政处罚';

/** A decision stays published until decision date + months; the same day of the month, or the month's last day. */
export function publicityEndDate(decidedOn: IsoDate, months = PUBLICITY_PERIOD_MONTHS): IsoDate {
	if (!Number.isInteger(months) || months < MIN_PUBLICITY_MONTHS || months > MAX_PUBLICITY_MONTHS) {
		throw new RangeError(`公示期限应为 ${MIN_PUBLICITY_MONTHS}–${MAX_PUBLICITY_MONTHS} 个月，收到 ${months}`);
	}
	dayNumber(decidedOn);
	const [y, m, d] = decidedOn.split('-').map(Number) as [number, number, number];
	const total = y * 12 + (m - 1) + months;
	const year = Math.floor(total / 12);
	const month = (total % 12) + 1;
	const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Exact 万元 from fen, without trailing zeros: 3 500 000 fen → "3.5", 12 345 fen → "0.012345". */
export function fenToWanExact(fen: number): string {
	if (!Number.isSafeInteger(fen)) throw new RangeError(`not a whole number of fen: ${fen}`);
	const sign = fen < 0 ? '-' : '';
	const abs = Math.abs(fen);
	const whole = Math.floor(abs / 1_000_000);
	const frac = String(abs % 1_000_000)
		.padStart(6, '0')
		.replace(/0+$/, '');
	return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}

/** What a case needs for its 双公示 record: the case, plus the columns an import kept that the dictionary lacks. */
export type PublicityCase = Pick<
	CaseRecord,
	| 'agency'
	| 'case_id'
	| 'category'
	| 'party_type'
	| 'party_name'
	| 'party_id'
	| 'decision_no'
	| 'item_name'
	| 'legal_basis'
	| 'penalty_types'
	| 'fine_amount'
	| 'confiscated_amount'
	| 'decided_on'
> & { extra: Readonly<Record<string, string>> };

export interface PublicityContext {
	/** 处罚机关统一社会信用代码 (an agency setting; empty until set). */
	agencyCode: string;
	/** 数据来源单位 and its credit code: the agency itself unless the settings name another unit. */
	sourceUnit?: string;
	sourceCode?: string;
	months?: number;
}

/** Whether a decision imposed a penalty: only those are published in the 双公示 format. */
export function imposedPenalty(c: Pick<CaseRecord, 'penalty_types' | 'fine_amount' | 'confiscated_amount'>): boolean {
	return (c.penalty_types?.length ?? 0) > 0 || (c.fine_amount ?? 0) > 0 || (c.confiscated_amount ?? 0) > 0;
}

/** 元 with two decimals from fen, as the decision's text writes an amount. */
function yuanText(fen: number): string {
	return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** 处罚内容 in words from the structured outcome, when the source system gave no text of its own. */
export function penaltyContent(c: Pick<CaseRecord, 'penalty_types' | 'fine_amount' | 'confiscated_amount'>): string {
	const parts: string[] = [];
	for (const p of c.penalty_types ?? []) {
		if (p === '罚款' && c.fine_amount) parts.push(`罚款人民币${yuanText(c.fine_amount)}元`);
		else if ((p === '没收违法所得' || p === '没收非法财物') && c.confiscated_amount) parts.push(`${p}人民币${yuanText(c.confiscated_amount)}元`);
		else parts.push(p);
	}
	if (!c.penalty_types?.includes('罚款') && c.fine_amount) parts.push(`罚款人民币${yuanText(c.fine_amount)}元`);
	return parts.join('；');
}

/** A value the import kept under one of these headers (the source system's own wording wins over ours). */
function fromExtra(extra: Readonly<Record<string, string>>, ...headers: string[]): string | null {
	for (const h of headers) {
		const v = extra[h]?.trim();
		if (v) return v;
	}
	return null;
}

/**
 * The 双公示 row of a decision. A natural person's ID number (and any legal representative's) keeps only its first
 * and last characters; organisations' credit codes are public.
 */
export function publicityRow(c: PublicityCase, ctx: PublicityContext): PublicityRow {
	if (!c.decided_on) throw new Error(`案件 ${c.case_id} 尚未作出决定，不能公示`);
	const person = c.party_type === '自然人';
	const repId = fromExtra(c.extra, '法定代表人证件号码', '法定代表人身份证号');
	const agency = c.agency ?? '';
	return {
		行政相对人名称: c.party_name ?? '',
		行政相对人类别: c.party_type ?? '',
		统一社会信用代码: person ? '' : (c.party_id ?? ''),
		法定代表人: person ? '' : (fromExtra(c.extra, '法定代表人', '法定代表人（负责人）', '负责人') ?? ''),
		法定代表人证件类型: person ? '' : (fromExtra(c.extra, '法定代表人证件类型') ?? (repId ? '身份证' : '')),
		法定代表人证件号码: person || !repId ? '' : maskId(repId),
		证件类型: person ? (fromExtra(c.extra, '证件类型') ?? '身份证') : '',
		证件号码: person && c.party_id ? maskId(c.party_id) : '',
		行政处罚决定书文号: c.decision_no ?? '',
		违法行为类型: c.item_name ?? '',
		违法事实: fromExtra(c.extra, '违法事实', '主要违法事实') ?? c.item_name ?? '',
		处罚依据: c.legal_basis ?? '',
		处罚类别: (c.penalty_types ?? []).join(';'),
		处罚内容: fromExtra(c.extra, '处罚内容', '处罚结果') ?? penaltyContent(c),
		'罚款金额（万元）': c.fine_amount === null ? '' : fenToWanExact(c.fine_amount),
		'没收违法所得、没收非法财物的金额（万元）': c.confiscated_amount === null ? '' : fenToWanExact(c.confiscated_amount),
		暂扣或吊销证照名称及编号: fromExtra(c.extra, '暂扣或吊销证照名称及编号') ?? '',
		处罚决定日期: c.decided_on,
		处罚有效期: fromExtra(c.extra, '处罚有效期') ?? NO_END_DATE,
		公示截止期: publicityEndDate(c.decided_on, ctx.months),
		处罚机关: agency,
		处罚机关统一社会信用代码: ctx.agencyCode,
		数据来源单位: ctx.sourceUnit || agency,
		数据来源单位统一社会信用代码: ctx.sourceCode || ctx.agencyCode,
		备注: fromExtra(c.extra, '备注') ?? ''
	};
}
