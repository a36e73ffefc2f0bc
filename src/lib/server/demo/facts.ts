import type { CaseRecord } from '../../domain/case-schema';
import type { Random } from './random';

/**
 * A facts text (违法事实) as case ledgers write it: a paragraph of 100–300 characters over several lines, which
 * states the circumstances in words. The demo files carry it so that the importer is measured on the long
 * multi-line cells real ledgers have, and so that there are facts to read circumstances from.
 */

const OPENINGS = [
	'经查，{party}自{since}起未依法履行住房公积金缴存义务。',
	'我中心于{since}接到职工投诉，反映{party}未为其缴存住房公积金，经调查核实：',
	'根据日常检查发现的线索，执法人员对{party}进行了现场检查，查明：'
];

const PROCESS = [
	'执法人员调取了该单位的职工花名册、工资发放表及社保缴费记录，并制作了询问笔录。',
	'执法人员依法向当事人送达了《责令限期办理决定书》，当事人在规定期限内未予办理。',
	'当事人的法定代表人到场接受询问，对上述事实无异议，并在笔录上签字确认。',
	'上述事实有现场检查笔录、询问笔录、职工名册复印件、银行流水等证据为证。'
];

const HARM_WORDS: Record<string, string> = {
	无: '该行为未造成危害后果。',
	轻微: '该行为危害后果轻微。',
	一般: '该行为造成了一定的社会影响。',
	严重: '该行为造成严重后果，引发职工集体上访。'
};

function money(fen: number): string {
	const yuan = Math.round(fen / 100);
	return yuan >= 10_000 && yuan % 100 === 0 ? `${yuan / 10_000}万元` : `${yuan.toLocaleString('en-US')}元`;
}

/** The paragraph for one case: its known circumstances in words, then how they were found, on 2–5 lines. */
export function factsParagraph(rec: CaseRecord, r: Random): string {
	const since = (rec.filed_on ?? '2020-01-01').slice(0, 7).replace('-', '年') + '月';
	const lines: string[] = [
		r
			.pick(OPENINGS)
			.replace('{party}', rec.party_name ?? '该单位')
			.replace('{since}', since)
	];
	const stated: string[] = [];
	if (rec.employees_affected !== null) stated.push(`涉及未缴存职工${rec.employees_affected}人`);
	if (rec.months_overdue !== null) stated.push(`逾期${rec.months_overdue}个月`);
	if (rec.amount_involved !== null) stated.push(`应缴未缴金额共计${money(rec.amount_involved)}`);
	if (stated.length) lines.push(stated.join('，') + '。');
	if (rec.prior_violations !== null)
		lines.push(rec.prior_violations > 0 ? `该单位两年内曾因同类违法行为被处罚${rec.prior_violations}次。` : '该单位两年内无同类违法记录。');
	if (rec.cooperated === false) lines.push('调查过程中当事人拒不配合调查，拒绝提供职工工资表。');
	else if (rec.cooperated === true) lines.push('当事人积极配合调查，如实提供了相关材料。');
	if (rec.rectified === true) lines.push('当事人已在责令改正期限内补办了缴存登记手续。');
	else if (rec.rectified === false) lines.push('截至立案之日，当事人仍未改正。');
	if (rec.harm !== null) lines.push(HARM_WORDS[rec.harm] ?? '');
	// Enough of the investigation's account to reach 100–300 characters, as real paragraphs do.
	const target = r.int(100, 300);
	const order = [...PROCESS];
	for (let i = order.length - 1; i > 0; i--) {
		const j = r.int(0, i);
		[order[i], order[j]] = [order[j]!, order[i]!];
	}
	for (const p of order) {
		if (lines.join('').length >= target) break;
		lines.push(p);
	}
	let text = lines.join('\n');
	if (text.length > 300) text = text.slice(0, 299) + '。';
	return text;
}
