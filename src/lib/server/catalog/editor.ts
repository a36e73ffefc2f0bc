import { caseFileFlag, checkCaseFile } from '../../domain/case-file-check';
import { CATEGORIES, COERCION_KINDS, HARMS, PARTY_TYPES, PENALTY_KINDS, TIERS, type CaseRecord } from '../../domain/case-schema';
import { DOC_CONDITION_LABEL, DOC_CONDITIONS } from '../../domain/case-file-types';
import { catalogData, parseCatalog, type Catalog, type CatalogData } from '../../domain/catalog';
import { diffCatalogs, draftProblems, type CatalogChange } from '../../domain/catalog-diff';
import { judgingDate } from '../../domain/catalog-versions';
import { CIRCUMSTANCE_FIELDS } from '../../domain/circumstances';
import { benchmarkTier, isPending, ruleFlags, type RuleContext } from '../../domain/review-rules';
import { STAGES } from '../../domain/stages';
import { getCalendar } from '../calendar';
import type { Database, Queryable } from '../db';
import { caseKey, documentsByCase } from '../files/documents';
import { casesInChunks, loadRoster } from '../review/flags';
import { catalogPath, loadCatalog } from './file';
import { catalogBook, ensureShippedVersion } from './versions';

/**
 * The catalog page's editor: what it edits (the version in force, with the choices its controls offer), and the
 * check before publishing: the problems of a draft in Chinese, the difference against the version in force and
 * how many past and pending cases would change tier or flags.
 */

/** The choices the editor's controls offer, from the vocabulary the schema validates against. */
export function editorChoices() {
	return {
		categories: CATEGORIES,
		tiers: TIERS,
		partyTypes: PARTY_TYPES,
		penaltyTypes: [...new Set<string>([...PENALTY_KINDS, ...COERCION_KINDS])],
		circumstances: CIRCUMSTANCE_FIELDS.map((f) => ({ key: f.key, header: f.header, type: f.type, values: 'values' in f ? [...f.values] : null })),
		harms: HARMS,
		stages: STAGES,
		docConditions: DOC_CONDITIONS.map((k) => ({ key: k, label: DOC_CONDITION_LABEL[k] }))
	};
}

/** The page: every version, the one in force (what the editor starts from) and the editor's choices. */
export async function catalogPage(db: Database) {
	await ensureShippedVersion(db);
	const book = await catalogBook(db);
	const inForce = book?.inForce() ?? null;
	const catalog = inForce?.catalog ?? loadCatalog(catalogPath());
	return {
		catalog: catalogData(catalog),
		inForce: inForce ? { version: inForce.version, effective_from: inForce.effective_from, label: inForce.label } : null,
		today: book?.today ?? null,
		versions: (book?.versions ?? []).map(({ catalog: _c, ...v }) => ({
			...v,
			state: v.version === inForce?.version ? 'in-force' : v.effective_from > (book?.today ?? '') ? 'upcoming' : 'superseded'
		})),
		choices: editorChoices()
	};
}

export interface Impact {
	/** Decided cases whose tier or flags would move. */
	past: number;
	/** Undecided ones (pending proposals and cases in progress). */
	pending: number;
	/** The cases the draft would judge (dated on or after its effective date). */
	judged: number;
}

/** The flags of a case under one catalog, as keys that move when a flag appears, goes, or changes its expectation. */
function flagKeys(c: CaseRecord, ctx: RuleContext, catalog: Catalog, docs: Parameters<typeof checkCaseFile>[2] | undefined): string {
	const own = { ...ctx, catalog, catalogFor: undefined };
	const keys = ruleFlags(c, own).map((f) => `${f.rule}:${f.expected ?? ''}`);
	const file = docs ? caseFileFlag(checkCaseFile(c, catalog, docs)) : null;
	if (file) keys.push(`${file.rule}:${file.expected ?? ''}`);
	return `${benchmarkTier(catalog, c) ?? ''}|${keys.sort().join(',')}`;
}

/** How many cases the draft, in force from `effective`, would judge differently from the versions that judge them now. */
export async function draftImpact(db: Queryable, draft: Catalog, effective: string): Promise<Impact> {
	const book = await catalogBook(db);
	const fallback = loadCatalog(catalogPath());
	const ctx: RuleContext = { catalog: fallback, cal: getCalendar(), roster: await loadRoster(db) };
	const documents = await documentsByCase(db);
	const out: Impact = { past: 0, pending: 0, judged: 0 };
	for await (const chunk of casesInChunks(db)) {
		for (const c of chunk) {
			const date = judgingDate(c, book?.today ?? effective);
			if (date < effective) continue;
			out.judged++;
			const now = book?.at(date).catalog ?? fallback;
			const docs = documents.get(caseKey(c.agency ?? '', c.case_id ?? ''));
			if (flagKeys(c, ctx, now, docs) === flagKeys(c, ctx, draft, docs)) continue;
			if (isPending(c)) out.pending++;
			else out.past++;
		}
	}
	return out;
}

export type DraftCheck =
	| { ok: false; problems: { where: string; message: string }[] }
	| { ok: true; changes: CatalogChange[]; impact: Impact; against: { version: number; label: string } | null };

/** The check the editor shows before publishing: problems, or the side-by-side changes and the cases they move. */
export async function checkDraft(db: Queryable, json: unknown, effective: string): Promise<DraftCheck> {
	const problems = draftProblems(json);
	if (problems.length) return { ok: false, problems };
	if (!/^\d{4}-\d{2}-\d{2}$/.test(effective)) return { ok: false, problems: [{ where: '生效日期', message: '请填写生效日期（YYYY-MM-DD）' }] };
	const draft = parseCatalog(json, '编辑器');
	const book = await catalogBook(db);
	const against = book?.at(effective) ?? null;
	const base: CatalogData = catalogData(against?.catalog ?? loadCatalog(catalogPath()));
	return {
		ok: true,
		changes: diffCatalogs(base, catalogData(draft)),
		impact: await draftImpact(db, draft, effective),
		against: against ? { version: against.version, label: against.label } : null
	};
}
