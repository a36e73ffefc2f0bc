import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from '../../domain/catalog';
import { currentDataVersion, type Queryable } from '../db';
import { activeModelDir, loadModel } from './artifacts';
import { loadPastCases } from './dataset';
import type { DiscretionModel } from './discretion';
import type { ModelCase } from '../../domain/discretion-features';
import { SimilarIndex } from './similar';
import { Suggester } from './suggest';

/**
 * Where suggesters come from. Two entries: `buildSuggester` makes one (the command line, training and tests), and
 * `currentSuggester` is the server's, built once and rebuilt when the cases or the model change.
 */

/**
 * A suggester over a database: a model (a trained one, or the model directory to load, by default the active one)
 * with an index of the database's decided penalty cases.
 */
export async function buildSuggester(db: Queryable, catalog: Catalog, from: DiscretionModel | string = activeModelDir()): Promise<Suggester> {
	const model = typeof from === 'string' ? await loadModel(from) : from;
	return new Suggester(catalog, model, new SimilarIndex(model.meta.spec, await loadPastCases(db, catalog)));
}

/**
 * What the server's suggester was built from: the model directory (and when its files were written) and the
 * state of the cases (batches imported or undone). A change of either rebuilds it on the next request.
 */
async function sourceVersion(db: Queryable): Promise<string> {
	const dir = activeModelDir();
	const meta = join(dir, 'meta.json');
	// The data version is the throttled one every derived result shares: typing sends many requests a second.
	return `${dir}|${existsSync(meta) ? statSync(meta).mtimeMs : 0}|${await currentDataVersion(db)}`;
}

let current: { version: string; catalog: Catalog; suggester: Promise<Suggester> } | null = null;

/**
 * The server's suggester, made once and remade when the cases or the model change; callers during a rebuild
 * wait for it rather than see a half-built index.
 */
export async function currentSuggester(db: Queryable, catalog: Catalog): Promise<Suggester> {
	// The catalog is part of what it was built from: a version coming into force changes the tiers it shows.
	const version = `${await sourceVersion(db)}|${catalog.version}|${catalog.items.length}`;
	if (!current || current.version !== version || current.catalog !== catalog) {
		const made = buildSuggester(db, catalog);
		const entry = { version, catalog, suggester: made };
		current = entry;
		// A failure (no model yet, say) is not kept: the next request tries again.
		made.catch(() => {
			if (current === entry) current = null;
		});
	}
	return current.suggester;
}

/**
 * Loads the server's suggester at start-up and runs one suggestion through it, so that the first officer to open
 * the page does not wait for the model, the index of past cases and the first inference. A failure (no model yet)
 * is only reported: the page says so, and the next request tries again.
 */
export async function warmSuggester(db: Queryable, catalog: Catalog): Promise<{ ms: number; cases: number } | null> {
	const started = performance.now();
	try {
		const s = await currentSuggester(db, catalog);
		const item = catalog.items.find((i) => s.model.serves(i.code));
		if (item) {
			const unknown = Object.fromEntries(item.circumstances.map((k) => [k, null])) as Omit<ModelCase, 'item_code'>;
			s.suggest([{ ...unknown, item_code: item.code, fine_amount: null }]);
		}
		return { ms: Math.round(performance.now() - started), cases: s.index.size };
	} catch (e) {
		console.error(`裁量模型未能在启动时载入 / the discretion model did not load at start: ${e instanceof Error ? e.message : String(e)}`);
		return null;
	}
}
