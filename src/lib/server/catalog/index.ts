import type { Catalog } from '../../domain/catalog';
import type { CaseDates } from '../../domain/catalog-versions';
import type { Database, Queryable } from '../db';
import { catalogPath, loadCatalog } from './file';
import { catalogBook, ensureShippedVersion, latestBook } from './versions';

export { catalogPath, DEFAULT_CATALOG_PATH, loadCatalog, readCatalogFile } from './file';
export {
	catalogBook,
	catalogVersion,
	catalogVersions,
	CatalogVersionError,
	ensureShippedVersion,
	FIRST_EFFECTIVE,
	latestBook,
	publishCatalog,
	type PublishInput
} from './versions';

let cached: { path: string; catalog: Catalog } | null = null;

/**
 * The catalog in force today: the database's version once its versions were read (the server reads them at start),
 * else the file, read once.
 */
export function getCatalog(): Catalog {
	const book = latestBook();
	if (book) return book.inForce().catalog;
	const path = catalogPath();
	if (cached?.path !== path) cached = { path, catalog: loadCatalog(path) };
	return cached.catalog;
}

/** The catalog that judges each case: the database's version in force on the case's date, else `fallback` (the file). */
export async function caseCatalogs(db: Queryable, fallback: Catalog = getCatalog()): Promise<(c: CaseDates) => Catalog> {
	const book = await catalogBook(db);
	return book ? (c) => book.forCase(c) : () => fallback;
}

/** The catalog a command-line tool works with: the database's version in force today (the file becomes version 1 of a database without). */
export async function inForceCatalog(db: Database): Promise<Catalog> {
	await ensureShippedVersion(db);
	return getCatalog();
}
