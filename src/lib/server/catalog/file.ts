import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CatalogError, parseCatalog, type Catalog } from '../../domain/catalog';

export const DEFAULT_CATALOG_PATH = 'data/catalog/hpf.json';

/** The catalog file: EQUITAS_CATALOG (an agency's own), else the shipped Housing Provident Fund catalog. */
export function catalogPath(explicit?: string): string {
	return resolve(explicit ?? process.env.EQUITAS_CATALOG ?? DEFAULT_CATALOG_PATH);
}

/** Reads a catalog file as JSON, not yet validated; an unreadable file or bad JSON throws a CatalogError. */
export function readCatalogFile(path: string): unknown {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (e) {
		throw new CatalogError(path, [`无法读取文件：${(e as Error).message}`]);
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (e) {
		throw new CatalogError(path, [`不是有效的 JSON：${(e as Error).message}`]);
	}
	return json;
}

/** Reads and validates a catalog file; a broken file throws a CatalogError that names the file and entry. */
export function loadCatalog(path = catalogPath()): Catalog {
	return parseCatalog(readCatalogFile(path), path);
}
