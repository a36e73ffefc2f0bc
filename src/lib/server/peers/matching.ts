import type { Catalog } from '../../domain/catalog';
import { TextIndex, type Scored } from '../../domain/text-similarity';
import type { Database, Queryable } from '../db';
import { appendAudit } from '../audit';

/**
 * Which catalog item another agency's published decision is about: each distinct violation text (违法行为类型 /
 * 主要违法违规事实) is matched once to the items by text similarity (the item's name and legal basis, and the facts
 * of the agency's own cases of that item), with its score. An analyst's confirmation or override is kept and wins
 * over every later automatic match of the same text.
 */

/** Below this score a text is left unmatched rather than given to an item it barely resembles. */
export const MATCH_THRESHOLD = 0.2;

/** How many of the agency's own facts texts of an item go into its description. */
const OWN_FACTS_PER_ITEM = 200;

export interface ViolationMatch {
	text: string;
	/** Decisions in the lists that state this violation. */
	decisions: number;
	item_code: string | null;
	score: number | null;
	confirmed_by: string | null;
}

/**
 * The items by how they are described, and by what the agency's own cases of each say. Two indexes, each text scored
 * by the better of the two: folded into one document, a few hundred facts paragraphs (which share most of their
 * wording across items) drowned the item's name, and no published text reached the threshold any more.
 */
async function itemIndexes(db: Queryable, catalog: Catalog): Promise<{ best(text: string): Scored<string> | undefined }> {
	const facts = await db.query<{ item_code: string; facts: string }>(
		`SELECT item_code, facts FROM (SELECT item_code, facts, row_number() OVER (PARTITION BY item_code ORDER BY case_id) AS k
		 FROM cases WHERE facts IS NOT NULL AND item_code IS NOT NULL) WHERE k <= ?`,
		[OWN_FACTS_PER_ITEM]
	);
	const byItem = new Map<string, string[]>();
	for (const f of facts) byItem.set(f.item_code, [...(byItem.get(f.item_code) ?? []), f.facts]);
	const described = new TextIndex(catalog.items.map((it) => ({ doc: it.code, text: [it.name, it.legal_basis ?? '', it.law ?? ''].join('\n') })));
	const withFacts = catalog.items.filter((it) => byItem.has(it.code));
	const practised = withFacts.length ? new TextIndex(withFacts.map((it) => ({ doc: it.code, text: (byItem.get(it.code) ?? []).join('\n') }))) : null;
	return {
		best(text: string) {
			const [a] = described.best(text, 1);
			const [b] = practised?.best(text, 1) ?? [];
			return b && (!a || b.score > a.score) ? b : a;
		}
	};
}

/** Matches the violation texts no match is kept for yet; returns how many texts were matched to an item. */
export async function matchNewViolations(db: Database, catalog: Catalog): Promise<{ texts: number; matched: number }> {
	const fresh = await db.query<{ text: string }>(
		`SELECT DISTINCT p.violation AS text FROM publications p JOIN batches b ON b.id = p.batch_id
		 WHERE b.undone_at IS NULL AND p.violation IS NOT NULL AND p.violation NOT IN (SELECT text FROM publication_matches)`
	);
	if (fresh.length === 0) return { texts: 0, matched: 0 };
	const index = await itemIndexes(db, catalog);
	let matched = 0;
	await db.transaction(async (tx) => {
		for (const { text } of fresh) {
			const best = index.best(text);
			const code = best && best.score >= MATCH_THRESHOLD ? best.doc : null;
			if (code) matched++;
			await tx.run('INSERT INTO publication_matches (text, item_code, score) VALUES (?, ?, ?)', [text, code, best ? Math.round(best.score * 1000) / 1000 : 0]);
		}
	});
	return { texts: fresh.length, matched };
}

/** Every violation text of the lists with its decisions and its match, most frequent first. */
export async function listViolationMatches(db: Queryable): Promise<ViolationMatch[]> {
	return db.query<ViolationMatch>(
		`SELECT p.violation AS text, count(*)::INTEGER AS decisions, m.item_code, m.score, m.confirmed_by
		 FROM publications p JOIN batches b ON b.id = p.batch_id LEFT JOIN publication_matches m ON m.text = p.violation
		 WHERE b.undone_at IS NULL AND p.violation IS NOT NULL
		 GROUP BY p.violation, m.item_code, m.score, m.confirmed_by ORDER BY decisions DESC, text`
	);
}

/**
 * The violation texts of one batch, each with the decisions of that batch that state it and its match (the one kept
 * for the text over every list): what an import shows for the analyst to confirm.
 */
export async function batchViolationMatches(db: Queryable, batch: number): Promise<ViolationMatch[]> {
	return db.query<ViolationMatch>(
		`SELECT p.violation AS text, count(*)::INTEGER AS decisions, m.item_code, m.score, m.confirmed_by
		 FROM publications p LEFT JOIN publication_matches m ON m.text = p.violation
		 WHERE p.batch_id = ? AND p.violation IS NOT NULL
		 GROUP BY p.violation, m.item_code, m.score, m.confirmed_by ORDER BY decisions DESC, text`,
		[batch]
	);
}

/**
 * The analyst's word on a violation text: the item it is about, or none. Kept for the next imports of the same
 * text and logged. False when no list holds that text.
 */
export async function confirmViolationMatch(db: Database, text: string, itemCode: string | null, catalog: Catalog, user: string): Promise<boolean> {
	if (itemCode !== null && !catalog.byCode.has(itemCode)) throw new Error(`no catalog item ${itemCode}`);
	const [known] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM publications WHERE violation = ?', [text]);
	if (!known?.n) return false;
	await db.run(
		`INSERT INTO publication_matches (text, item_code, score, confirmed_by, confirmed_at) VALUES (?, ?, 1, ?, current_timestamp)
		 ON CONFLICT (text) DO UPDATE SET item_code = excluded.item_code, score = 1, confirmed_by = excluded.confirmed_by, confirmed_at = excluded.confirmed_at`,
		[text, itemCode, user]
	);
	await appendAudit(db, { actor: user, action: 'publication-match', targetType: 'violation', targetId: text.slice(0, 200), detail: { item: itemCode } });
	return true;
}
