import { FIELDS } from '../../domain/case-schema';
import { maskCase, maskPhrases } from '../../domain/masking';
import { caseTimeline } from '../../domain/timeline';
import { getCalendar } from '../calendar';
import { today } from '../publicity/clock';
import { selectTier } from '../../domain/catalog';
import { judgingDate } from '../../domain/catalog-versions';
import { catalogBook, getCatalog } from '../catalog';
import { listFlags } from '../review/flags';
import { RULES } from '../../domain/review-rules';
import type { Queryable } from '../db';
import { caseFileView } from '../files/case-view';
import { viewerFor, type Reader } from '../viewer';
import { filterOptions, listCases, type CaseFilter, type SortKey } from './list';
import { caseProvenance, findCase, type CaseRef } from './read';

/** What the case pages show, always as the reader may see it: these are the only case reads routes have. */

export interface CaseListRequest {
	filter: CaseFilter;
	page: number;
	pageSize: number;
	sort: SortKey;
	descending: boolean;
}

/** One page of the case list, masked for the reader, with the values its filters offer. */
export async function caseListPage(db: Queryable, user: Reader, r: CaseListRequest) {
	const viewer = await viewerFor(db, user);
	const [list, options] = await Promise.all([
		listCases(db, { ...r.filter, viewer }, r.page, r.pageSize, r.sort, r.descending, getCatalog()),
		filterOptions(db)
	]);
	const rows = list.rows.map((c) => maskCase(c, viewer));
	return { rows, total: list.total, amountFen: list.amountFen, masked: rows.some((c, i) => c.party_name !== list.rows[i]?.party_name), options };
}

/** The field list the case pages label their values with. */
export function caseFieldLabels() {
	return FIELDS.map((f) => ({ key: f.key, header: f.header, en: f.en, type: f.type, group: f.group }));
}

/** One case as the reader may see it, with its whole-process timeline and case file; null when there is no such case. */
export async function casePage(db: Queryable, user: Reader, ref: CaseRef) {
	const c = await findCase(db, ref);
	if (!c) return null;
	const viewer = await viewerFor(db, user);
	const shown = maskCase(c, viewer);
	// The version in force on the case's own date judges it: its tier, its deadlines, the documents it needs.
	const book = await catalogBook(db);
	const judgedBy = book?.at(judgingDate(c, book.today)) ?? null;
	const catalog = judgedBy?.catalog ?? getCatalog();
	const [provenance, files, flags] = await Promise.all([
		caseProvenance(db, c.agency ?? '', c.case_id ?? ''),
		caseFileView(db, catalog, c, user),
		listFlags(db, { caseId: c.case_id ?? '', agency: c.agency ?? '', status: 'all' })
	]);
	const item = c.item_code ? catalog.byCode.get(c.item_code) : undefined;
	const tier = item ? selectTier(item, c) : null;
	return {
		record: shown,
		benchmark: {
			version: judgedBy ? { version: judgedBy.version, effective_from: judgedBy.effective_from, label: judgedBy.label } : null,
			tier: tier ? { tier: tier.tier, min: tier.min, max: tier.max, text: tier.text } : null
		},
		// Open flags, and the ones a reviewer resolved with their reason; a cleared one no longer fires.
		flags: flags
			.filter((f) => f.status !== 'cleared')
			.map((f) => ({
				rule: f.rule,
				title: RULES[f.rule].title,
				explain: RULES[f.rule].explain,
				severity: f.severity,
				reason: f.reason,
				status: f.status,
				resolution: f.resolution
			})),
		masked: shown.party_name !== c.party_name,
		timeline: caseTimeline(c, getCalendar(), catalog, today()),
		fields: caseFieldLabels(),
		extra: provenance.extra,
		batch: provenance.batch,
		// Which circumstances were read from the facts text, with the phrase each came from, masked as the text is.
		extracted: maskPhrases(provenance.extracted, c, viewer),
		mayCorrect: user?.roles.includes('analyst') ?? false,
		files
	};
}
