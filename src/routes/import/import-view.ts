import { FIELDS, type CaseKey } from '$lib/domain/case-schema';
import type { ImportProgress, ImportStage, ProfileRules } from '$lib/server/import';

/** A field as the mapping shows it: its Chinese header, with the English name first on an English page. */
export function fieldLabel(key: CaseKey, lang: 'zh' | 'en'): string {
	const f = FIELDS.find((x) => x.key === key);
	return f ? (lang === 'en' ? `${f.en}（${f.header}）` : f.header) : key;
}

export const STAGES: readonly ImportStage[] = ['decode', 'scan', 'read', 'normalize', 'check', 'write', 'done'];

/** How far an import is, in percent: the stages done plus the share of bytes read in the current one. */
export function stagePercent(p: ImportProgress | null): number {
	if (!p) return 0;
	const i = STAGES.indexOf(p.stage);
	const within = p.totalBytes && p.bytes !== undefined ? p.bytes / p.totalBytes : 0;
	return Math.round(((Math.max(i, 0) + within) / (STAGES.length - 1)) * 100);
}

/** A value for the whole file, as the mapping step edits it. */
export interface ConstantRow {
	key: CaseKey | '';
	value: string;
}

/** A value to recode, as the mapping step edits it. */
export interface RecodeRow {
	key: CaseKey | '';
	from: string;
	to: string;
}

/** The rules the page sends with an import: rows left incomplete are left out, the last recode of a value wins. */
export function rulesOf(headerRow: number | null, constants: readonly ConstantRow[], recodes: readonly RecodeRow[]): ProfileRules {
	const c: ProfileRules['constants'] = {};
	for (const r of constants) if (r.key && r.value.trim()) c[r.key] = r.value.trim();
	const rc: ProfileRules['recodes'] = {};
	for (const r of recodes) if (r.key && r.from.trim() && r.to.trim()) rc[r.key] = { ...(rc[r.key] ?? {}), [r.from.trim()]: r.to.trim() };
	return { headerRow, constants: c, recodes: rc };
}

/** The rules of a profile as rows the page edits. */
export function rowsOf(rules: ProfileRules): { constants: ConstantRow[]; recodes: RecodeRow[] } {
	return {
		constants: Object.entries(rules.constants).map(([key, value]) => ({ key: key as CaseKey, value: value ?? '' })),
		recodes: Object.entries(rules.recodes).flatMap(([key, map]) => Object.entries(map ?? {}).map(([from, to]) => ({ key: key as CaseKey, from, to })))
	};
}
