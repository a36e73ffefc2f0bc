import type { StageKey } from './timeline';

/**
 * The vocabulary of the electronic case file (电子案卷): the stages a document is filed under (the timeline's
 * stages), the default list of document types, and the conditions under which the catalog requires a document.
 * Kept apart from catalog.ts and timeline.ts so that both can use it without importing each other.
 */

export const FILE_STAGE_KEYS = [
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
] as const satisfies readonly StageKey[];
export type FileStage = (typeof FILE_STAGE_KEYS)[number];

export function isFileStage(s: unknown): s is FileStage {
	return typeof s === 'string' && (FILE_STAGE_KEYS as readonly string[]).includes(s);
}

/** The order in which a case reaches its stages; publicity stages are outside the order of the procedure. */
export const PROCEDURE_ORDER: readonly FileStage[] = [
	'filed_on',
	'investigated_on',
	'notified_on',
	'hearing_on',
	'reviewed_on',
	'decided_on',
	'served_on',
	'closed_on'
];

export interface DocumentType {
	name: string;
	/** The stage a document of this type is usually filed under: the upload form proposes it. */
	stage: FileStage;
}

/** The document types of an enforcement case file; an agency's catalog may list its own instead. */
export const DEFAULT_DOCUMENT_TYPES: readonly DocumentType[] = [
	{ name: '立案审批表', stage: 'filed_on' },
	{ name: '调查询问笔录', stage: 'investigated_on' },
	{ name: '现场检查笔录', stage: 'investigated_on' },
	{ name: '证据材料', stage: 'investigated_on' },
	{ name: '音像记录', stage: 'investigated_on' },
	{ name: '责令改正通知书', stage: 'investigated_on' },
	{ name: '责令限期缴存通知书', stage: 'investigated_on' },
	{ name: '行政处罚事先告知书', stage: 'notified_on' },
	{ name: '陈述申辩笔录', stage: 'notified_on' },
	{ name: '听证通知书', stage: 'hearing_on' },
	{ name: '听证笔录', stage: 'hearing_on' },
	{ name: '法制审核意见书', stage: 'reviewed_on' },
	{ name: '集体讨论记录', stage: 'reviewed_on' },
	{ name: '行政处罚决定书', stage: 'decided_on' },
	{ name: '催告书', stage: 'decided_on' },
	{ name: '强制执行申请书', stage: 'decided_on' },
	{ name: '送达回证', stage: 'served_on' },
	{ name: '结案报告', stage: 'closed_on' },
	{ name: '公示截图', stage: 'published_on' },
	{ name: '其他材料', stage: 'investigated_on' }
];

/**
 * When a required document applies, besides the case having reached its stage. `ordinary`: any procedure but
 * 简易程序 (an unrecorded procedure counts as ordinary, the law's default); `major`: a major decision by the
 * catalog's rule; `hearing`: the case went to a hearing; `penalized`: a penalty was decided (not 不予处罚);
 * `fined`: the penalty includes a fine.
 */
export const DOC_CONDITIONS = ['ordinary', 'major', 'hearing', 'penalized', 'fined'] as const;
export type DocCondition = (typeof DOC_CONDITIONS)[number];

export const DOC_CONDITION_LABEL: Record<DocCondition, string> = {
	ordinary: '普通程序',
	major: '重大执法决定',
	hearing: '经听证',
	penalized: '作出处罚',
	fined: '处以罚款'
};

/** Words case-management systems use for a stage, the timeline's labels first. */
const STAGE_WORDS: Record<string, FileStage> = {
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
export function parseStageWord(word: string): FileStage | null {
	const w = word.trim();
	if (isFileStage(w)) return w;
	return STAGE_WORDS[w.replace(/环节|阶段$/g, '')] ?? null;
}
