import type { Queryable } from '../db';
import type { Catalog } from '../../domain/catalog';
import { maskFacts, maskName } from '../../domain/masking';

/**
 * Our fines for an item beside the fines other agencies published for the same item (同案同罚 beyond one agency's
 * walls). Peer decisions count when their violation text is matched to the item (automatically or by an analyst)
 * and a fine was published; our own, when the case is decided with a fine. Money in fen.
 */

export interface FineSummary {
	count: number;
	min: number | null;
	p25: number | null;
	median: number | null;
	p75: number | null;
	max: number | null;
}

export interface PeerComparison {
	item: string;
	/** The year both sides are of; null: every year. */
	year: number | null;
	own: FineSummary;
	peers: FineSummary & { agencies: string[]; years: number[] };
}

const SUMMARY = (x: string) =>
	`count(${x})::INTEGER AS count, min(${x})::DOUBLE AS min, quantile_cont(${x}, 0.25)::DOUBLE AS p25, median(${x})::DOUBLE AS median,
	 quantile_cont(${x}, 0.75)::DOUBLE AS p75, max(${x})::DOUBLE AS max`;

/** Published decisions of peers matched to an item, in batches not undone, with a fine (and of a year, when asked). */
function peersOfItem(item: string, year: number | null): { sql: string; params: (string | number)[] } {
	return {
		sql: `FROM publications p JOIN batches b ON b.id = p.batch_id JOIN publication_matches m ON m.text = p.violation
		WHERE b.undone_at IS NULL AND m.item_code = ? AND p.fine_amount > 0${year === null ? '' : ' AND year(p.decided_on) = ?'}`,
		params: year === null ? [item] : [item, year]
	};
}

/**
 * Our decided fines of an item, as the case list's filters item + decided + fined (+ year) select them, so that the
 * count links to exactly its cases.
 */
function ownOfItem(item: string, year: number | null): { sql: string; params: (string | number)[] } {
	return {
		sql: `FROM cases WHERE item_code = ? AND decided_on IS NOT NULL AND status <> '待审核' AND fine_amount > 0${year === null ? '' : ' AND year(decided_on) = ?'}`,
		params: year === null ? [item] : [item, year]
	};
}

const round = (s: FineSummary): FineSummary => ({
	count: s.count,
	min: s.min === null ? null : Math.round(s.min),
	p25: s.p25 === null ? null : Math.round(s.p25),
	median: s.median === null ? null : Math.round(s.median),
	p75: s.p75 === null ? null : Math.round(s.p75),
	max: s.max === null ? null : Math.round(s.max)
});

/** Our fines and the peers' for an item; with a year, both sides of that year only (by the decision's date). */
export async function peerComparison(db: Queryable, item: string, year: number | null = null): Promise<PeerComparison> {
	const ours = ownOfItem(item, year);
	// The cases keep yuan (DECIMAL); the lists keep fen: both sides in fen.
	const [own] = await db.query<FineSummary>(`SELECT ${SUMMARY('(fine_amount * 100)')} ${ours.sql}`, ours.params);
	const theirs = peersOfItem(item, year);
	const [peers] = await db.query<FineSummary & { agencies: string[] | null; years: number[] | null }>(
		`SELECT ${SUMMARY('p.fine_amount')}, list_sort(list_distinct(list(p.agency) FILTER (p.agency IS NOT NULL))) AS agencies,
		        list_sort(list_distinct(list(year(p.decided_on)::INTEGER) FILTER (p.decided_on IS NOT NULL))) AS years ${theirs.sql}`,
		theirs.params
	);
	return {
		item,
		year,
		own: round(own ?? { count: 0, min: null, p25: null, median: null, p75: null, max: null }),
		peers: {
			...round(peers ?? { count: 0, min: null, p25: null, median: null, p75: null, max: null }),
			agencies: peers?.agencies ?? [],
			years: peers?.years ?? []
		}
	};
}

/** The comparison of every item the catalog gives a fine range, in the catalog's order, with the item's name. */
export async function finedItemComparisons(db: Queryable, catalog: Catalog, year: number | null = null): Promise<(PeerComparison & { name: string })[]> {
	const out: (PeerComparison & { name: string })[] = [];
	for (const it of catalog.items) if (it.fine) out.push({ ...(await peerComparison(db, it.code, year)), name: it.name });
	return out;
}

/** The years of the peers' published fines matched to any item: what a comparison of one year can draw on. */
export async function peerFineYears(db: Queryable): Promise<number[]> {
	const rows = await db.query<{ y: number }>(
		`SELECT DISTINCT year(p.decided_on)::INTEGER AS y FROM publications p JOIN batches b ON b.id = p.batch_id JOIN publication_matches m ON m.text = p.violation
		 WHERE b.undone_at IS NULL AND m.item_code IS NOT NULL AND p.fine_amount > 0 AND p.decided_on IS NOT NULL ORDER BY y`
	);
	return rows.map((r) => r.y);
}

export interface PeerDecision {
	source_line: number | null;
	agency: string | null;
	decision_no: string | null;
	party_name: string | null;
	violation: string | null;
	content: string | null;
	fine_amount: number;
	decided_on: string | null;
	region: string | null;
}

/**
 * The published decisions behind a comparison, largest fine first. No user of this agency has a need for another
 * agency's natural persons: their names are masked for everyone, as are ID and mobile numbers in the texts.
 */
export async function peerDecisions(db: Queryable, item: string, limit = 200, offset = 0, year: number | null = null): Promise<PeerDecision[]> {
	const theirs = peersOfItem(item, year);
	const rows = await db.query<PeerDecision & { party_type: string | null }>(
		`SELECT p.source_line, p.agency, p.decision_no, p.party_name, p.party_type, p.violation, p.content, p.fine_amount::DOUBLE AS fine_amount,
		        strftime(p.decided_on, '%Y-%m-%d') AS decided_on, p.region
		 ${theirs.sql} ORDER BY p.fine_amount DESC, p.decided_on LIMIT ? OFFSET ?`,
		[...theirs.params, limit, offset]
	);
	return rows.map(({ party_type, ...r }) => ({
		...r,
		party_name: r.party_name !== null && party_type === '自然人' ? maskName(r.party_name) : r.party_name,
		content: r.content === null ? null : maskFacts(r.content, party_type === '自然人' ? r.party_name : null)
	}));
}
