import type { Catalog } from '../../domain/catalog';
import type { Queryable } from '../db';
import { finedItemComparisons, peerFineYears, type PeerComparison } from '../peers';

/**
 * The statistics page's comparison with peer agencies: for the year shown, each item with both our decided fines and
 * fines other agencies published, side by side. It is the peers page's own computation (finedItemComparisons), read
 * for one year; the peers' rows stay out of every other figure of the page.
 */
export interface PeerSection {
	year: number;
	/** Every year the peers' matched fines cover, so that an empty year can say where the peer data lies. */
	peerYears: number[];
	items: (PeerComparison & { name: string })[];
}

export async function peerSection(db: Queryable, catalog: Catalog, year: number, itemCode?: string): Promise<PeerSection> {
	const all = await finedItemComparisons(db, catalog, year);
	return {
		year,
		peerYears: await peerFineYears(db),
		items: all.filter((c) => c.own.count > 0 && c.peers.count > 0 && (itemCode === undefined || c.item === itemCode))
	};
}
