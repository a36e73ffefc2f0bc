import { CatalogError, catalogData, parseCatalog, type Catalog } from '../../domain/catalog';
import { CatalogBook, type CatalogVersion, type CatalogVersionInfo } from '../../domain/catalog-versions';
import { makeDate, type IsoDate } from '../../domain/dates';
import { auditedTransaction } from '../audit/log';
import type { Actor } from '../audit/actor';
import type { Database, Queryable } from '../db';
import { today } from '../publicity/clock';
import { catalogPath, loadCatalog } from './file';

/**
 * The catalog's versions in the database (catalog_versions): each as published, with its effective date, note and
 * publisher, and an entry in the audit log. The shipped file (or EQUITAS_CATALOG) becomes version 1 of a database
 * that has none.
 */

/** Version 1's date: it judges every case before the first revision, however old. */
export const FIRST_EFFECTIVE: IsoDate = '2000-01-01';

export class CatalogVersionError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CatalogVersionError';
	}
}

interface VersionRow extends Omit<CatalogVersionInfo, 'items'> {
	body: string;
}

const SELECT = `SELECT version, strftime(effective_from, '%Y-%m-%d') AS effective_from, label, note, published_by,
	strftime(published_at, '%Y-%m-%d %H:%M:%S') AS published_at, body FROM catalog_versions`;

function toVersion(r: VersionRow): CatalogVersion {
	const catalog = parseCatalog(JSON.parse(r.body) as unknown, `catalog_versions #${r.version}`);
	const { body: _body, ...info } = r;
	return { ...info, version: Number(r.version), items: catalog.items.length, catalog };
}

/** Parsed versions by database: this process is the database's one writer, and publishing here refreshes it. */
const cache = new WeakMap<Database | Queryable, CatalogVersion[]>();
/** The versions last read, for getCatalog's synchronous callers (pages that hold no database). */
let latest: CatalogVersion[] | null = null;

/** Every version, in the order published (a database that has none gives []). */
export async function catalogVersions(db: Queryable): Promise<CatalogVersion[]> {
	const hit = cache.get(db);
	if (hit) return hit;
	const rows = await db.query<VersionRow>(`${SELECT} ORDER BY version`);
	const versions = rows.map(toVersion);
	cache.set(db, versions);
	if (versions.length) latest = versions;
	return versions;
}

/** The database's versions as of today (EQUITAS_TODAY when set); null while it has none (the file judges then). */
export async function catalogBook(db: Queryable, day: IsoDate = today()): Promise<CatalogBook | null> {
	const versions = await catalogVersions(db);
	return versions.length ? new CatalogBook(versions, day) : null;
}

/** The versions read last in this process, as of today; null before any were read. */
export function latestBook(day: IsoDate = today()): CatalogBook | null {
	return latest ? new CatalogBook(latest, day) : null;
}

/** One version by number, or null. */
export async function catalogVersion(db: Queryable, version: number): Promise<CatalogVersion | null> {
	return (await catalogVersions(db)).find((v) => v.version === version) ?? null;
}

function checkDate(effective: string): IsoDate {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(effective);
	const d = m ? makeDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
	if (!d) throw new CatalogVersionError(`生效日期「${effective}」不是有效日期（应为 YYYY-MM-DD）/ the effective date must be a date YYYY-MM-DD`);
	return d;
}

export interface PublishInput {
	/** The catalog as parsed JSON: validated whole, refused whole. */
	json: unknown;
	/** Where it came from, for the error message (a file name, "编辑器"). */
	source: string;
	effective: string;
	note: string;
	actor: Actor;
}

/**
 * Adds a version: the whole file is validated first (a CatalogError names every entry and problem) and a date that
 * already has a version is refused, so that nothing changes unless all of it is right.
 */
export async function publishCatalog(db: Database, input: PublishInput): Promise<CatalogVersion> {
	const catalog = parseCatalog(input.json, input.source);
	const effective = checkDate(input.effective);
	const version = await insertVersion(db, catalog, effective, input.note.trim(), input.actor);
	cache.delete(db);
	await catalogVersions(db);
	return version;
}

async function insertVersion(db: Database, catalog: Catalog, effective: IsoDate, note: string, actor: Actor): Promise<CatalogVersion> {
	const body = JSON.stringify(catalogData(catalog));
	return auditedTransaction(db, async (tx) => {
		const [same] = await tx.query<{ version: number }>(`SELECT version FROM catalog_versions WHERE effective_from = ?::DATE`, [effective]);
		if (same) {
			throw new CatalogVersionError(
				`${effective} 已有生效的版本 ${Number(same.version)}，同一日期不能有两个版本 / version ${Number(same.version)} already takes effect on ${effective}`
			);
		}
		const [{ n } = { n: 0 }] = await tx.query<{ n: number | null }>(`SELECT max(version) AS n FROM catalog_versions`);
		const version = Number(n ?? 0) + 1;
		await tx.run(`INSERT INTO catalog_versions (version, effective_from, label, note, published_by, body) VALUES (?, ?::DATE, ?, ?, ?, ?)`, [
			version,
			effective,
			catalog.version,
			note,
			actor.username,
			body
		]);
		const [row] = await tx.query<VersionRow>(`${SELECT} WHERE version = ?`, [version]);
		return {
			result: toVersion(row as VersionRow),
			audit: [
				{
					actor: actor.username,
					action: 'catalog-published' as const,
					targetType: 'catalog',
					targetId: String(version),
					detail: { effective_from: effective, label: catalog.version, note, items: catalog.items.length },
					ip: actor.ip ?? null
				}
			]
		};
	});
}

/** Makes the catalog file version 1 of a database that has no version yet; a database that has versions is left alone. */
export async function ensureShippedVersion(db: Database, path = catalogPath()): Promise<CatalogVersion[]> {
	const have = await catalogVersions(db);
	if (have.length) return have;
	try {
		await insertVersion(db, loadCatalog(path), FIRST_EFFECTIVE, '随系统发布的事项清单 / the catalog shipped with the system', { username: 'system' });
	} catch (e) {
		// Two starts at once: the other one wrote version 1 first.
		if (!(e instanceof CatalogVersionError)) throw e;
	}
	cache.delete(db);
	return catalogVersions(db);
}

export { CatalogError };
