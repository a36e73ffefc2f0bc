import type { CaseRecord } from './case-schema';
import { isMajorDecision, type Catalog, type CatalogItem } from './catalog';
import type { DocCondition } from './case-file-types';
import { currentVersions, type CaseDocument } from './case-file';
import { isPending, RULES, type Flag } from './review-rules';
import { PROCEDURE_ORDER, stageLabel, type StageKey } from './stages';

/**
 * Case-file evaluation (案卷评查): which documents the catalog requires of a case at the stages it has reached,
 * and whether the current version of each is present and in order. Pure: the server loads, this judges.
 */

export type RequirementStatus = 'present' | 'missing' | 'out-of-order' | 'not-due';

export interface RequirementResult {
	type: string;
	stage: StageKey;
	when: DocCondition[];
	status: RequirementStatus;
	/** The current documents that answer it. */
	documents: number[];
	/** Why it is out of order, or why it is not due yet. */
	note: string | null;
}

export interface CaseFileCheck {
	itemCode: string | null;
	results: RequirementResult[];
	due: number;
	present: number;
	missing: number;
	outOfOrder: number;
	/** 0–100: each due document counts fully when present in order, half when out of order, nothing when missing. */
	score: number;
	complete: boolean;
	/** Current documents on file, required or not. */
	documents: number;
}

type Doc = Pick<CaseDocument, 'id' | 'supersedes' | 'doc_type' | 'doc_date'>;

/** Whether the case has reached a stage: it has that stage's date or a later one (a pending case stops before the decision). */
export function reachedStage(c: CaseRecord, stage: StageKey): boolean {
	if (stage === 'filed_on') return true;
	const at = PROCEDURE_ORDER.indexOf(stage);
	if (at < 0) return c[stage] !== null;
	const last = isPending(c) ? PROCEDURE_ORDER.indexOf('reviewed_on') : PROCEDURE_ORDER.length - 1;
	for (let i = at; i <= last; i++) if (c[PROCEDURE_ORDER[i]!] !== null) return true;
	return false;
}

export function conditionHolds(cond: DocCondition, c: CaseRecord, catalog: Catalog): boolean {
	switch (cond) {
		case 'ordinary':
			// 简易程序 needs no prior notice in writing; an unrecorded procedure is the ordinary one, the law's default.
			return c.procedure !== '简易程序';
		case 'major':
			return isMajorDecision(catalog, c);
		case 'hearing':
			return c.hearing_on !== null;
		case 'penalized':
			return !isPending(c) && c.circumstance_tier !== '不予处罚' && ((c.penalty_types?.length ?? 0) > 0 || (c.fine_amount ?? 0) > 0);
		case 'fined':
			return (c.fine_amount ?? 0) > 0 || (c.penalty_types?.includes('罚款') ?? false);
	}
}

export function itemOf(catalog: Catalog, c: Pick<CaseRecord, 'item_code' | 'item_name'>): CatalogItem | null {
	return (c.item_code ? catalog.byCode.get(c.item_code) : undefined) ?? (c.item_name ? catalog.byName.get(c.item_name) : undefined) ?? null;
}

/** The earliest date any of these documents bears, or null when none bears one. */
function earliest(docs: readonly Doc[]): string | null {
	return docs.reduce<string | null>((m, d) => (d.doc_date && (m === null || d.doc_date < m) ? d.doc_date : m), null);
}

export function checkCaseFile(c: CaseRecord, catalog: Catalog, docs: readonly Doc[]): CaseFileCheck {
	const item = itemOf(catalog, c);
	const current = currentVersions(docs);
	const ofType = (t: string) => current.filter((d) => d.doc_type === t);
	const stageOfType = (t: string): StageKey | null =>
		item?.documents.find((r) => r.type === t)?.stage ?? catalog.document_types.find((d) => d.name === t)?.stage ?? null;

	const results: RequirementResult[] = (item?.documents ?? []).map((r) => {
		const base = { type: r.type, stage: r.stage, when: [...r.when] };
		const unmet = r.when.filter((w) => !conditionHolds(w, c, catalog));
		if (unmet.length || !reachedStage(c, r.stage)) {
			const note = !reachedStage(c, r.stage) ? `案件尚未进入「${stageLabel(r.stage)}」环节` : null;
			return { ...base, status: 'not-due' as const, documents: ofType(r.type).map((d) => d.id), note };
		}
		const mine = ofType(r.type);
		if (mine.length === 0) return { ...base, status: 'missing' as const, documents: [], note: null };
		const mineDate = earliest(mine);
		for (const later of r.before) {
			// The later document's own date, else the date of its stage in the case (the decision date for 决定书).
			const laterStage = stageOfType(later);
			const laterDate = earliest(ofType(later)) ?? (laterStage ? c[laterStage] : null);
			if (mineDate && laterDate && mineDate > laterDate) {
				return { ...base, status: 'out-of-order' as const, documents: mine.map((d) => d.id), note: `${mineDate} 晚于「${later}」${laterDate}，应在其前` };
			}
		}
		return { ...base, status: 'present' as const, documents: mine.map((d) => d.id), note: null };
	});

	const due = results.filter((r) => r.status !== 'not-due');
	const present = due.filter((r) => r.status === 'present').length;
	const outOfOrder = due.filter((r) => r.status === 'out-of-order').length;
	const missing = due.filter((r) => r.status === 'missing').length;
	return {
		itemCode: item?.code ?? null,
		results,
		due: due.length,
		present,
		missing,
		outOfOrder,
		score: due.length === 0 ? 100 : Math.round((100 * (present + outOfOrder / 2)) / due.length),
		complete: missing === 0 && outOfOrder === 0,
		documents: current.length
	};
}

/**
 * R14: required documents missing or out of order. Only a case whose file is kept electronically (at least one
 * document on record) is judged: a case from before the electronic file has its file on paper.
 */
export function caseFileFlag(check: CaseFileCheck): Flag | null {
	if (check.documents === 0 || check.complete) return null;
	const missing = check.results.filter((r) => r.status === 'missing').map((r) => r.type);
	const late = check.results.filter((r) => r.status === 'out-of-order').map((r) => `「${r.type}」${r.note ?? ''}`);
	const parts = [missing.length ? `缺少${missing.join('、')}` : null, late.length ? `顺序不符：${late.join('；')}` : null].filter(Boolean);
	return {
		rule: 'R14',
		severity: RULES.R14.severity,
		reason: `电子案卷${parts.join('；')}（案卷评分 ${check.score}）`,
		value: `缺 ${missing.length} 件，顺序不符 ${late.length} 件`,
		expected: `应有 ${check.due} 件，齐全且顺序正确`
	};
}
