import { FIELD_BY_KEY, type CaseRecord } from '../../domain/case-schema';
import type { Catalog } from '../../domain/catalog';
import { CIRCUMSTANCE_FIELDS, type CircumstanceKey, type CircumstanceRequest } from '../../domain/circumstances';
import { maskCase, type Viewer } from '../../domain/masking';
import type { SuggestRequest } from '../../domain/suggest-request';
import type { Queryable } from '../db';
import type { Suggestion } from './suggest';

/** What the officers' form needs of the catalog: items with a fine, and the circumstances each one asks for. */
export interface FormItem {
	code: string;
	name: string;
	category: string;
	legal_basis: string;
	fine: { min: number; max: number } | null;
	circumstances: CircumstanceKey[];
}

export interface FormField {
	key: CircumstanceKey;
	label: string;
	en: string;
	type: 'int' | 'money' | 'bool' | 'enum';
	values: readonly string[];
}

export function formItems(catalog: Catalog): FormItem[] {
	return catalog.items
		.filter((i) => i.category === '行政处罚')
		.map((i) => ({ code: i.code, name: i.name, category: i.category, legal_basis: i.legal_basis, fine: i.fine, circumstances: i.circumstances }));
}

export function formFields(catalog: Catalog): FormField[] {
	const keys = new Set(catalog.items.flatMap((i) => i.circumstances));
	return [...keys].map((key) => {
		const f = FIELD_BY_KEY.get(key)!;
		return { key, label: f.header, en: f.en, type: f.type as FormField['type'], values: f.values ?? [] };
	});
}

/** A stored case as the form's JSON (money in yuan), to open a pending proposal by its number. */
export function requestOf(c: CaseRecord): SuggestRequest {
	const yuan = (fen: number | null) => (fen === null ? null : fen / 100);
	// A stored value is the dictionary's (the importer checked it), so it is what the request's check allows.
	const circumstances = Object.fromEntries(
		CIRCUMSTANCE_FIELDS.map((f) => [f.key, f.type === 'money' ? yuan(c[f.key] as number | null) : c[f.key]])
	) as CircumstanceRequest;
	return {
		case_id: c.case_id,
		item_code: c.item_code ?? '',
		...circumstances,
		circumstance_tier: c.circumstance_tier === '减轻' || c.circumstance_tier === '不予处罚' ? c.circumstance_tier : null,
		fine_amount: yuan(c.fine_amount)
	};
}

/** What the page's live answer carries: the suggestion, its similar cases with their (masked) parties. */
/** The catalog version whose tiers a suggestion shows. */
export interface ShownCatalogVersion {
	version: number;
	label: string;
	effective_from: string;
}

export type LiveSuggestion = Omit<Suggestion, 'similar'> & { similar: ShownSimilar[]; catalog_version: ShownCatalogVersion | null };

export type ShownSimilar = Suggestion['similar'][number] & { party_name: string | null; party_type: string | null };

/**
 * The similar cases with their parties, masked for this viewer exactly as the case pages mask them (a natural
 * person's name is personal data).
 */
export async function similarWithParties(db: Queryable, s: Suggestion, viewer: Viewer): Promise<ShownSimilar[]> {
	if (s.similar.length === 0) return [];
	const ids = s.similar.map((c) => c.case_id);
	const rows = await db.query<Pick<CaseRecord, 'agency' | 'case_id' | 'party_name' | 'party_type' | 'party_id' | 'officer_ids' | 'status'>>(
		`SELECT agency, case_id, party_name, party_type, party_id, officer_ids, status FROM cases WHERE case_id IN (SELECT unnest(string_split(?, chr(31))))`,
		[ids.join('\u001f')]
	);
	const byKey = new Map(rows.map((r) => [`${r.agency}\u0000${r.case_id}`, r]));
	return s.similar.map((c) => {
		const r = byKey.get(`${c.agency}\u0000${c.case_id}`);
		if (!r) return { ...c, party_name: null, party_type: null };
		const shown = maskCase(r, viewer);
		return { ...c, party_name: shown.party_name, party_type: shown.party_type };
	});
}
