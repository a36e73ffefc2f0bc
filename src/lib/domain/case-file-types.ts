import type { StageKey } from './stages';

/**
 * The vocabulary of the electronic case file (电子案卷): the default list of document types and the conditions
 * under which the catalog requires a document. Documents are filed under the case's stages (stages.ts).
 */

export interface DocumentType {
	name: string;
	/** The stage a document of this type is usually filed under: the upload form proposes it. */
	stage: StageKey;
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
