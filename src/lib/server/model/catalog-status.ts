import { tierDigest } from '../../domain/discretion-features';
import type { Queryable } from '../db';
import { catalogBook } from '../catalog/versions';
import type { ModelCard } from './artifacts';

/**
 * The catalog version a model was trained under beside the one in force: when the one in force changed what the
 * model uses (statutory ranges, tiers or their conditions), the model page says so and offers retraining. A
 * model trained before catalog versions learned under version 1, the shipped file.
 */
export async function modelCatalogStatus(db: Queryable, card: ModelCard | null) {
	const book = await catalogBook(db);
	if (!card || !book) return null;
	const first = book.versions.find((v) => v.version === 1) ?? book.versions[0]!;
	const trained = card.catalog ?? { version: first.version, label: first.label, effective_from: first.effective_from, tiers: tierDigest(first.catalog) };
	const now = book.inForce();
	return {
		trained: { version: trained.version, label: trained.label, effective_from: trained.effective_from, recorded: card.catalog != null },
		inForce: { version: now.version, label: now.label, effective_from: now.effective_from },
		changed: trained.tiers !== tierDigest(now.catalog)
	};
}
