import { FIELDS, type CaseKey } from '$lib/domain/case-schema';
import type { ImportProgress, ImportStage } from '$lib/server/import';

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
