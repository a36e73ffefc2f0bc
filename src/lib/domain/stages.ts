import type { CaseKey } from './case-schema';

/**
 * The stages of a case (执法全过程记录), one date field each: their keys, labels and orders, defined once. The
 * timeline, the rule flags, the case file and the catalog's document requirements all read them from here.
 */

export const STAGE_KEYS = [
	'filed_on',
	'investigated_on',
	'notified_on',
	'hearing_on',
	'reviewed_on',
	'decided_on',
	'served_on',
	'closed_on',
	'published_on',
	'withdrawn_on'
] as const satisfies readonly CaseKey[];
export type StageKey = (typeof STAGE_KEYS)[number];

export const STAGE_LABEL: Readonly<Record<StageKey, string>> = {
	filed_on: '立案',
	investigated_on: '调查终结',
	notified_on: '事先告知',
	hearing_on: '听证',
	reviewed_on: '法制审核',
	decided_on: '作出决定',
	served_on: '送达',
	closed_on: '结案',
	published_on: '公示',
	withdrawn_on: '撤回公示'
};

/** Every stage with its label, in the order of STAGE_KEYS. */
export const STAGES: readonly { key: StageKey; label: string }[] = STAGE_KEYS.map((key) => ({ key, label: STAGE_LABEL[key] }));

export function isStageKey(s: unknown): s is StageKey {
	return typeof s === 'string' && (STAGE_KEYS as readonly string[]).includes(s);
}

/** The label of a stage key; any other text is shown as it is. */
export function stageLabel(key: string): string {
	return isStageKey(key) ? STAGE_LABEL[key] : key;
}

/** The order in which a case reaches its stages; publicity stages are outside the order of the procedure. */
export const PROCEDURE_ORDER: readonly StageKey[] = STAGE_KEYS.filter((k) => k !== 'published_on' && k !== 'withdrawn_on');

/** The dates the law puts in order (R10): filed ≤ investigated ≤ notified ≤ reviewed ≤ decided ≤ served ≤ closed. */
export const DATE_ORDER: readonly StageKey[] = PROCEDURE_ORDER.filter((k) => k !== 'hearing_on');

/** Words case-management systems use for a stage, the labels first. */
const STAGE_WORDS: Readonly<Record<string, StageKey>> = {
	立案: 'filed_on',
	调查终结: 'investigated_on',
	调查: 'investigated_on',
	取证: 'investigated_on',
	调查取证: 'investigated_on',
	事先告知: 'notified_on',
	告知: 'notified_on',
	听证: 'hearing_on',
	法制审核: 'reviewed_on',
	审查: 'reviewed_on',
	审核: 'reviewed_on',
	作出决定: 'decided_on',
	决定: 'decided_on',
	送达: 'served_on',
	执行: 'closed_on',
	结案: 'closed_on',
	公示: 'published_on',
	撤回公示: 'withdrawn_on'
};

/** The stage a word names (a key such as decided_on, or a Chinese word such as 决定), or null. */
export function parseStageWord(word: string): StageKey | null {
	const w = word.trim();
	if (isStageKey(w)) return w;
	return STAGE_WORDS[w.replace(/环节|阶段$/g, '')] ?? null;
}
