import type { Catalog } from '../../domain/catalog';
import type { Queryable } from '../db';
import { finedItemComparisons, peerDecisions, type PeerComparison, type PeerDecision } from './comparison';
import { listViolationMatches, type ViolationMatch } from './matching';

export interface PeersPage {
	/** Every item with a fine range, with our fines beside the peers'. */
	comparisons: (PeerComparison & { name: string })[];
	/** The item whose peer decisions are listed. */
	item: string | null;
	/** The year the comparison and the decisions are of (a link from the statistics of a year); null: every year. */
	year: number | null;
	decisions: PeerDecision[];
	page: number;
	pageSize: number;
	matches: ViolationMatch[];
	items: { code: string; name: string }[];
}

const PAGE_SIZE = 50;

/** The comparison page: each fined item's comparison, the matches of the violation texts, one item's decisions. */
export async function peersPage(db: Queryable, catalog: Catalog, asked: string | null, page: number, year: number | null = null): Promise<PeersPage> {
	const comparisons = await finedItemComparisons(db, catalog, year);
	const item = asked && catalog.byCode.has(asked) ? asked : (comparisons.find((c) => c.peers.count > 0)?.item ?? null);
	return {
		comparisons,
		item,
		year,
		decisions: item ? await peerDecisions(db, item, PAGE_SIZE, page * PAGE_SIZE, year) : [],
		page,
		pageSize: PAGE_SIZE,
		matches: await listViolationMatches(db),
		items: catalog.items.map((i) => ({ code: i.code, name: i.name }))
	};
}
