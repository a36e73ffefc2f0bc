import type { CaseRecord } from './case-schema';
import { CHINESE_NUMERAL_CHARS, NUMBER_SOURCE, readCount, readNumber, scaled } from './chinese-numbers';

/**
 * The circumstances a facts text (违法事实) states, for the cases whose ledgers write them only there: people
 * affected, months overdue, the amount involved, prior violations, whether the party corrected, cooperated, and the
 * harm. Each value keeps the phrase it was read from, so that a reader can see and correct it. A circumstance the
 * text does not state stays unknown (null), never 0.
 */

export type ExtractedKey = 'employees_affected' | 'months_overdue' | 'amount_involved' | 'prior_violations' | 'rectified' | 'cooperated' | 'harm';

export interface Extracted<K extends ExtractedKey = ExtractedKey> {
	key: K;
	value: NonNullable<CaseRecord[K]>;
	/** The words of the text the value was read from. */
	phrase: string;
}

const N = `(${NUMBER_SOURCE})`;

/** Clauses: a statement ends at 。；; or a line end; a clause at a comma as well (not a thousands separator: 65,600). */
function clauses(text: string): string[] {
	return text
		.replace(/(\d)[,，](?=\d{3}(?!\d))/g, '$1')
		.split(/[。；;，,\n\r]+/)
		.map((s) => s.trim())
		.filter((s) => s !== '');
}

/** The people a violation concerns: 「涉及未缴存职工23人」, 「二十三名职工未缴存」; a head count (「现有员工250人」) is not it. */
// Built once: a RegExp made per call or per clause was a third of the extractor's time in an import.
const PEOPLE = new RegExp(`${N}\\s*(?:名|人|位)`, 'g');
const CONCERNED = /未|涉及|欠缴|少缴|漏缴|其中|受影响|投诉|均未|没有/;
const TOTAL = /现有|共有|在职|在册|员工总数|职工总数|总人数|共计.{0,4}员工|全部|全公司|全单位|全体/;

function employees(text: string): Extracted<'employees_affected'> | null {
	let best: { value: number; phrase: string; score: number } | null = null;
	for (const clause of clauses(text)) {
		if (!/职工|员工|人员|工人|劳动者|雇员|人未|名未|人均未|人的/.test(clause) && !/未缴|未办理|未为/.test(clause)) continue;
		for (const m of clause.matchAll(PEOPLE)) {
			const value = readCount(m[1] ?? '');
			if (value === null) continue;
			const around = clause.slice(Math.max(0, m.index - 12), m.index + m[0].length + 10);
			const before = clause.slice(Math.max(0, m.index - 12), m.index);
			// A count of prior penalties or of officers is not people affected.
			if (/执法人员|工作人员|执法证/.test(around)) continue;
			const after = clause.slice(m.index + m[0].length);
			// 「全公司员工124人中有61人未缴存」: the count a 中 follows is the whole, the one after it the figure.
			const total = (TOTAL.test(before) && !/其中/.test(before)) || /^(?:员工|职工)?(?:中|当中|里)/.test(after);
			const score = total ? 0 : CONCERNED.test(around) ? 2 : 1;
			if (!best || score > best.score) best = { value, phrase: clause, score };
		}
	}
	return best && best.score > 0 ? { key: 'employees_affected', value: best.value, phrase: best.phrase } : null;
}

/** Months between two 「YYYY年M月」 dates, counting both ends' months as the span written (2021年3月至2022年1月 = 10). */
function monthSpan(a: RegExpExecArray): number {
	return (Number(a[3]) - Number(a[1])) * 12 + (Number(a[4]) - Number(a[2]));
}

const MONTHS = new RegExp(`(?:逾期|持续|长达|拖欠|累计|连续|共|达|已|超过|有)?\\s*${N}\\s*(个多月|个月|月|年半|年)`);

/** How long the violation lasted: 「逾期8个月」, 「持续十一个月」, 「长达两年」, 「自2021年3月至2022年1月」. */
function months(text: string): Extracted<'months_overdue'> | null {
	const t = text.normalize('NFKC');
	const span = /(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*\d{1,2}\s*日)?(?:起)?\s*(?:至|到|—|-|~)\s*(\d{4})\s*年\s*(\d{1,2})\s*月/.exec(t);
	for (const clause of clauses(t)) {
		const m = MONTHS.exec(clause);
		if (!m || !/逾期|持续|长达|拖欠|欠缴|未缴|累计|连续|时间|期间|违法|至今|未办理|未改正/.test(clause)) continue;
		if (/年\s*$/.test(clause.slice(0, m.index)) || /^\d{4}$/.test(m[1] ?? '')) continue;
		// 「两年内无同类违法记录」: a window the sentence looks back over, not how long the violation lasted.
		if (/^\s*(?:内|以内|之内)/.test(clause.slice(m.index + m[0].length))) continue;
		const n = readNumber(m[1] ?? '');
		if (n === null) continue;
		const unit = m[2] ?? '';
		const value =
			unit === '年半'
				? scaled({ digits: n.digits * 12n + 6n * 10n ** BigInt(n.scale), scale: n.scale }, 0)
				: scaled(unit === '年' ? { digits: n.digits * 12n, scale: n.scale } : n, 0);
		if (value !== null) return { key: 'months_overdue', value, phrase: clause };
	}
	if (span) {
		const value = monthSpan(span);
		if (value > 0) return { key: 'months_overdue', value, phrase: span[0] };
	}
	return null;
}

/** The amount involved: 「应缴未缴金额共计40.5万元」, 「欠缴住房公积金十一万五千元」, 「涉案金额115,000元」. Yuan → fen. */
const AMOUNT = new RegExp(`(?:人民币)?\\s*${N}\\s*(万元|万|元)`, 'g');

function amount(text: string): Extracted<'amount_involved'> | null {
	for (const clause of clauses(text.normalize('NFKC'))) {
		if (!/欠缴|未缴|少缴|涉案|应缴|拖欠|漏缴|补缴|缴存额|金额/.test(clause) || /罚款|处罚|罚金/.test(clause)) continue;
		for (const m of clause.matchAll(AMOUNT)) {
			const n = readNumber(m[1] ?? '');
			if (n === null) continue;
			const mult = (m[2] ?? '').startsWith('万') ? 10_000n : 1n;
			const fen = scaled({ digits: n.digits * mult, scale: n.scale }, 2);
			if (fen !== null) return { key: 'amount_involved', value: fen, phrase: clause };
		}
	}
	return null;
}

const TIMES = new RegExp(`${N}\\s*(?:次|回)`);

/** Prior violations within two years: 「曾因同类违法行为被处罚一次」 → 1, 「无同类违法记录」 → 0. */
function priors(text: string): Extracted<'prior_violations'> | null {
	for (const clause of clauses(text)) {
		if (/无.{0,8}(?:违法|处罚|不良)记录|首次违法|初次违法|未曾.{0,10}处罚|没有.{0,10}(?:违法|处罚)|从未.{0,10}(?:违法|处罚)/.test(clause))
			return { key: 'prior_violations', value: 0, phrase: clause };
		if (!/曾|此前|先前|以前|前科|再次|又|屡次|多次|第.次/.test(clause) || !/处罚|违法|查处|罚/.test(clause)) continue;
		const m = TIMES.exec(clause);
		const n = m ? readCount(m[1] ?? '') : null;
		if (n !== null) return { key: 'prior_violations', value: n, phrase: clause };
		if (/屡次|多次/.test(clause)) continue;
		if (/再次|又|曾|此前|先前|以前|前科/.test(clause)) return { key: 'prior_violations', value: 1, phrase: clause };
	}
	return null;
}

/** Whether the party corrected within the deadline: 「已补办缴存登记」 true, 「仍未改正」 false. */
function rectified(text: string): Extracted<'rectified'> | null {
	for (const clause of clauses(text)) {
		// 「未缴存」「未办理」 describe the violation itself; only a failure to correct after the order counts here.
		if (
			/(?:仍|仍然|逾期|尚|迟迟|至今|截至.{0,12})(?:未|没有)|拒不(?:改正|整改|办理|补办|补缴|缴存)|拒绝(?:改正|整改)|未(?:改正|整改|纠正)|未在.{0,8}期限内/.test(
				clause
			)
		)
			return { key: 'rectified', value: false, phrase: clause };
		if (/(?:已|已经|及时|主动|积极)(?:在.{0,12})?(?:改正|整改|补办|补缴|纠正|办理完毕|办理了|为.{0,8}(?:办理|补缴))|整改到位|改正完毕|全部补缴/.test(clause))
			return { key: 'rectified', value: true, phrase: clause };
	}
	return null;
}

/** Whether the party cooperated with the investigation: 「积极配合调查」 true, 「拒不配合调查」 false. */
function cooperated(text: string): Extracted<'cooperated'> | null {
	for (const clause of clauses(text)) {
		if (/拒不配合|不配合|拒绝配合|拒绝提供|拒不提供|阻挠|阻碍|妨碍|逃避.{0,4}(?:检查|调查)|隐瞒|提供虚假|拒绝接受/.test(clause))
			return { key: 'cooperated', value: false, phrase: clause };
		if (/(?:积极|主动|能够|较好地?|全力)配合|如实提供|如实陈述|主动提供|配合调查/.test(clause)) return { key: 'cooperated', value: true, phrase: clause };
	}
	return null;
}

/** The harm: 「未造成危害后果」 无, 「危害后果轻微」 轻微, 「造成严重后果」 严重. */
function harm(text: string): Extracted<'harm'> | null {
	for (const clause of clauses(text)) {
		if (/未造成.{0,6}(?:危害|后果|影响)|没有造成.{0,6}(?:危害|后果)|无危害后果/.test(clause)) return { key: 'harm', value: '无', phrase: clause };
		if (/后果轻微|危害轻微|影响轻微|情节轻微/.test(clause)) return { key: 'harm', value: '轻微', phrase: clause };
		if (/严重后果|后果严重|影响恶劣|恶劣影响|群体性|严重损害/.test(clause)) return { key: 'harm', value: '严重', phrase: clause };
		if (/造成.{0,6}(?:一定|较大)?(?:危害|后果|影响)/.test(clause)) return { key: 'harm', value: '一般', phrase: clause };
	}
	return null;
}

const READERS: { [K in ExtractedKey]: (text: string) => Extracted<K> | null } = {
	employees_affected: employees,
	months_overdue: months,
	amount_involved: amount,
	prior_violations: priors,
	rectified,
	cooperated,
	harm
};

/** A character a number can end with, in the text as written (full-width digits, separators, Chinese numerals). */
const NUMBER_END = `[0-9０-９,，${CHINESE_NUMERAL_CHARS}]`;

/**
 * For each circumstance, patterns that must all be found in a text for its reader to find anything (a necessary
 * condition, never a sufficient one), written for both JavaScript and DuckDB's RE2: the importer asks the database
 * for only the rows whose text has them, so that blanks the text does not speak to cost a filtered scan, not a reading.
 */
export const FACTS_GATES: Readonly<Record<ExtractedKey, readonly string[]>> = {
	employees_affected: [`${NUMBER_END}\\s*[名人位]`],
	months_overdue: [
		`${NUMBER_END}\\s*[个月年]`,
		'逾期|持续|长达|拖欠|欠缴|未缴|累计|连续|时间|期间|违法|至今|未办理|未改正|(至|到|—|-|~|－|～)\\s*[0-9０-９]{4}'
	],
	amount_involved: ['[元万]', '欠缴|未缴|少缴|涉案|应缴|拖欠|漏缴|补缴|缴存额|金额'],
	prior_violations: ['违法|罚|查处|不良记录'],
	rectified: [
		'(仍|仍然|逾期|尚|迟迟|至今)(未|没有)|截至.{0,12}(未|没有)|拒不(改正|整改|办理|补办|补缴|缴存)|拒绝(改正|整改)|未(改正|整改|纠正)|未在.{0,8}期限内|(已|已经|及时|主动|积极)(在.{0,12})?(改正|整改|补办|补缴|纠正|办理完毕|办理了|为.{0,8}(办理|补缴))|整改到位|改正完毕|全部补缴'
	],
	cooperated: ['配合|提供|阻挠|阻碍|妨碍|逃避|隐瞒|拒绝接受|如实陈述'],
	harm: ['造成|无危害后果|轻微|严重|恶劣|群体性']
};

const GATE_RES = Object.fromEntries(Object.entries(FACTS_GATES).map(([k, gs]) => [k, gs.map((g) => new RegExp(g))])) as Record<ExtractedKey, RegExp[]>;

/** One circumstance read by its reader alone, without the gate: what FACTS_GATES must never rule out. */
export function readCircumstance(text: string, key: ExtractedKey): Extracted | null {
	return READERS[key](text) as Extracted | null;
}

/** Every circumstance key, in the order the catalog lists them. */
export const EXTRACTED_KEYS = Object.keys(READERS) as ExtractedKey[];

/**
 * Every circumstance the text states, each with the phrase it came from; only the `keys` asked for when given
 * (the importer asks only for the ones its row left blank, which is most of the cost saved).
 */
export function circumstancesFromFacts(text: string, keys: readonly ExtractedKey[] = EXTRACTED_KEYS): Extracted[] {
	const out: Extracted[] = [];
	for (const key of keys) {
		// The same gates the importer asks the database to check: a reader they rule out would find nothing.
		if (!GATE_RES[key].every((g) => g.test(text))) continue;
		const found = READERS[key](text) as Extracted | null;
		if (found) out.push(found);
	}
	return out;
}
