import type { CaseRecord } from '../../domain/case-schema';
import { combinedSimilarity } from '../../domain/case-similarity';
import { maskCase, type Viewer } from '../../domain/masking';
import { TextIndex, bigrams, sharedPhrases } from '../../domain/text-similarity';
import { msg } from '../../i18n';
import { findCase } from '../cases/read';
import type { Queryable } from '../db';
import type { SimilarCase, Suggester, SuggestInput, Suggestion } from './suggest';

/**
 * Similar cases by their facts text as well as their circumstances. The in-memory index finds the nearest
 * CANDIDATES cases by circumstances; their facts are read in one query, masked for the viewer, and the candidates
 * are ordered again by the combined similarity (case-similarity.ts). Reading every facts text of a million cases
 * into memory would cost gigabytes; a few hundred candidates cost one indexed read.
 */

/** How many of the nearest cases by circumstances are read and ordered again by their text. */
export const CANDIDATES = 100;

/** One case to suggest for, with the facts text the caller gave (null: none given). */
export interface FactsRequest {
	input: SuggestInput;
	facts: string | null;
	level: number;
}

type FactsRow = Pick<CaseRecord, 'agency' | 'case_id' | 'facts' | 'party_type' | 'party_name' | 'party_id' | 'officer_ids' | 'status'>;

const keyOf = (c: { agency: string | null; case_id: string | null }) => `${c.agency}\u0000${c.case_id}`;

/**
 * The candidates' recorded facts (with what masking them needs), kept with the suggester that found them: reading
 * a hundred texts from DuckDB costs about 300 ms on 122,641 cases, since each read decompresses a segment of the
 * facts column, and requests for one item keep finding the same neighbours. The suggester is rebuilt whenever an
 * import or undo changes the cases, and its texts go with it, so nothing stale is served. Null: no facts.
 */
const recordedFacts = new WeakMap<Suggester, Map<string, FactsRow | null>>();
/** About 15 MB of texts at the most; the oldest go first. */
export const FACTS_CACHE_SIZE = 20_000;

/** Drops what a suggester keeps of the cases' facts, so that a benchmark can time the first read of each. */
export function forgetRecordedFacts(suggester: Suggester): void {
	recordedFacts.delete(suggester);
}

async function factsOf(db: Queryable, suggester: Suggester, cases: readonly SimilarCase[]): Promise<(FactsRow | null)[]> {
	let known = recordedFacts.get(suggester);
	if (!known) recordedFacts.set(suggester, (known = new Map()));
	const missing = cases.filter((c) => !known.has(keyOf(c)));
	if (missing.length) {
		const rows = await db.query<FactsRow>(
			// The case numbers are matched on their own column first: a join that carried the facts along would
			// decompress every facts text of the table (measured: about three times slower on 122,641 cases).
			`SELECT agency, case_id, facts, party_type, party_name, party_id, officer_ids, status FROM cases
			 WHERE rowid IN (SELECT rowid FROM cases WHERE case_id IN (SELECT unnest(string_split(?, chr(31))))) AND facts IS NOT NULL`,
			[missing.map((c) => c.case_id).join('\u001f')]
		);
		const found = new Map(rows.map((r) => [keyOf(r), r]));
		for (const c of missing) known.set(keyOf(c), found.get(keyOf(c)) ?? null);
		for (const key of known.keys()) {
			if (known.size <= FACTS_CACHE_SIZE) break;
			known.delete(key);
		}
	}
	return cases.map((c) => known.get(keyOf(c)) ?? null);
}

/** The facts of these cases as the viewer may read them (a natural person's name and ID numbers masked). */
async function maskedFacts(db: Queryable, suggester: Suggester, cases: readonly SimilarCase[], viewer: Viewer): Promise<Map<string, string>> {
	const out = new Map<string, string>();
	for (const r of await factsOf(db, suggester, cases)) {
		if (!r) continue;
		const text = maskCase(r, viewer).facts;
		if (text && text.trim()) out.set(keyOf(r), text);
	}
	return out;
}

/**
 * The facts text to compare with: the one given, or else the recorded facts of the case the request names (as
 * the viewer may read them, so that no phrase shows what the mask hides). Null when there is none with any
 * Chinese to compare (digits and punctuation alone match nothing).
 */
async function factsToCompare(db: Queryable, r: FactsRequest, viewer: Viewer): Promise<{ text: string; source: 'request' | 'case' } | null> {
	const usable = (t: string | null | undefined): t is string => !!t && bigrams(t).size > 0;
	if (r.facts) return usable(r.facts) ? { text: r.facts, source: 'request' } : null;
	const caseId = r.input.case_id?.trim();
	if (!caseId) return null;
	const c = await findCase(db, { caseId });
	const text = c ? maskCase(c, viewer).facts : null;
	return usable(text) ? { text, source: 'case' } : null;
}

/**
 * The candidates ordered by the combined similarity, the best `k`, each with its text similarity, the phrases it
 * shares with `facts` and, when it has no text, a reason saying it was compared by circumstances alone. The weight
 * of a character pair is its rarity among the candidates: wording every case of the item uses counts little. A
 * candidate without text is ranked as if its text were as alike as the average candidate's: neither favoured over
 * cases whose text differs nor pushed below them.
 */
export function rankByFacts(candidates: readonly SimilarCase[], facts: string, texts: ReadonlyMap<string, string>, k: number): SimilarCase[] {
	const index = new TextIndex(candidates.filter((c) => texts.has(keyOf(c))).map((c) => ({ doc: c, text: texts.get(keyOf(c)) as string })));
	const scored = index.scores(facts);
	const score = new Map(scored.map((s) => [s.doc, s.score]));
	const average = scored.length ? scored.reduce((sum, s) => sum + s.score, 0) / scored.length : null;
	return candidates
		.map((c) => {
			const t = score.get(c) ?? null;
			return { c, t, similarity: combinedSimilarity(c.distance, t ?? average) };
		})
		.sort((a, b) => b.similarity - a.similarity || a.c.distance - b.c.distance)
		.slice(0, k)
		.map(({ c, t, similarity }) => {
			const text = texts.get(keyOf(c));
			return {
				...c,
				similarity,
				text_similarity: t,
				reasons: t === null ? [...c.reasons, msg('similar.reason.noText')] : c.reasons,
				phrases: text ? sharedPhrases(facts, text) : []
			};
		});
}

/**
 * Suggestions whose similar cases are chosen by circumstances and facts text together when there is a text to
 * compare (given, or recorded on the named case), by circumstances alone otherwise (`facts_source` null says so).
 * Every phrase shown is taken from texts masked for `viewer`.
 */
export async function suggestWithFacts(db: Queryable, suggester: Suggester, viewer: Viewer, requests: readonly FactsRequest[], k = 10): Promise<Suggestion[]> {
	const out: Suggestion[] = [];
	for (const r of requests) {
		const facts = await factsToCompare(db, r, viewer);
		if (!facts) {
			out.push(...suggester.suggest([r.input], r.level, k));
			continue;
		}
		const [s] = suggester.suggest([r.input], r.level, Math.max(k, CANDIDATES));
		const texts = await maskedFacts(db, suggester, s!.similar, viewer);
		out.push({ ...s!, similar: rankByFacts(s!.similar, facts.text, texts, k), facts_source: facts.source });
	}
	return out;
}
