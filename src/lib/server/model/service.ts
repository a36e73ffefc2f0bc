import type { Catalog } from '../../domain/catalog';
import type { Queryable } from '../db';
import { activeModelDir, loadModel } from './artifacts';
import { loadPastCases } from './dataset';
import type { DiscretionModel } from './discretion';
import { SimilarIndex } from './similar';
import { Suggester } from './suggest';

/** A suggester over a database: the model of `dir` and an index of the database's decided penalty cases. */
export async function openSuggester(db: Queryable, catalog: Catalog, dir = activeModelDir()): Promise<Suggester> {
	const model = await loadModel(dir);
	return suggesterFor(db, catalog, model);
}

export async function suggesterFor(db: Queryable, catalog: Catalog, model: DiscretionModel): Promise<Suggester> {
	return new Suggester(catalog, model, new SimilarIndex(model.meta.spec, await loadPastCases(db, catalog)));
}

/**
 * The server's suggester, made once and remade when the cases change (an import or an undo) or a model is
 * trained; callers during a rebuild wait for it rather than see a half-built index.
 */
let current: Promise<Suggester> | null = null;

export function serverSuggester(db: () => Promise<Queryable>, catalog: () => Catalog): Promise<Suggester> {
	if (!current) {
		const made = (async () => openSuggester(await db(), catalog()))();
		current = made;
		// A failure (no model yet, say) is not cached: the next request tries again.
		made.catch(() => {
			if (current === made) current = null;
		});
	}
	return current;
}

/**
 * Marks the similar-case index (and model) stale: the next suggestion rebuilds them. The old network is not
 * disposed, since a request may still be using it; its weights are a few kilobytes and rebuilds are rare.
 */
export function invalidateSuggester(): void {
	current = null;
}
