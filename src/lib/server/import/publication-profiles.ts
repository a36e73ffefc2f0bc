import { PUBLICATION_FIELDS } from '../../domain/publication-schema';
import type { PublicationMapping } from '../../domain/publication-row';
import type { Database, Queryable } from '../db';
import { appendAudit } from '../audit';
import { msg } from '../../i18n/message';
import { UnreadableFileError } from './unreadable';
import { NoHeaderError, readHead, sampleHead, type HeadOptions, type SheetHead } from './head';
import { headersKey, profileKind } from './profiles';

/**
 * A mapping profile for a penalty publicity list: the same export of another agency comes again and again with
 * headers the importer does not recognise, so the analyst's choice of field per header is kept, with the record
 * that is the header. Such a list has no constants or recodes: its decisions are kept as published.
 */
export interface PublicationProfile {
	kind: 'publications';
	name: string;
	headersKey: string;
	mapping: PublicationMapping;
	/** 1-based record of the file that is its header, when the header is not recognised by its names. */
	headerRow: number | null;
}

const KEYS = new Set<string>(PUBLICATION_FIELDS.map((f) => f.key));

/** Saves (or replaces, whatever its kind) a publicity list's profile by name and logs it, as a case profile is. */
export async function savePublicationProfile(
	db: Database,
	name: string,
	headers: readonly string[],
	mapping: PublicationMapping,
	user: string,
	headerRow: number | null = null
): Promise<void> {
	for (const [h, k] of Object.entries(mapping))
		if (k !== null && !KEYS.has(k)) throw new UnreadableFileError(msg('err.profile.publicationField', { header: h, field: k }));
	if (headerRow !== null && (!Number.isInteger(headerRow) || headerRow < 1 || headerRow > 20))
		throw new UnreadableFileError(msg('err.profile.rules', { detail: 'headerRow' }));
	await db.run(
		`INSERT INTO import_profiles (name, headers_key, mapping, created_by, header_row, constants, recodes, kind) VALUES (?, ?, ?, ?, ?, NULL, NULL, 'publications')
		 ON CONFLICT (name) DO UPDATE SET headers_key = excluded.headers_key, mapping = excluded.mapping, created_by = excluded.created_by,
		   created_at = excluded.created_at, header_row = excluded.header_row, constants = NULL, recodes = NULL, kind = excluded.kind`,
		[name, headersKey(headers), JSON.stringify(mapping), user, headerRow]
	);
	await appendAudit(db, {
		actor: user,
		action: 'profile-saved',
		targetType: 'profile',
		targetId: name,
		detail: { kind: 'publications', headers: headers.length, headerRow }
	});
}

interface Row {
	name: string;
	headers_key: string;
	mapping: string;
	header_row: number | null;
}
const SELECT = `SELECT name, headers_key, mapping, header_row FROM import_profiles WHERE kind = 'publications'`;

function toProfile(r: Row): PublicationProfile {
	// A field the publication dictionary no longer has is left unmapped rather than read into the wrong place.
	const stored = JSON.parse(r.mapping) as Record<string, string | null>;
	const mapping: PublicationMapping = Object.fromEntries(
		Object.entries(stored).map(([h, k]) => [h, k !== null && KEYS.has(k) ? (k as PublicationMapping[string]) : null])
	);
	return { kind: 'publications', name: r.name, headersKey: r.headers_key, mapping, headerRow: r.header_row };
}

/**
 * The publicity list's profile of that name. A missing name, or a case profile of that name, is refused in words
 * the analyst can act on: importing a list with a case ledger's mapping would read nothing right.
 */
export async function requirePublicationProfile(db: Queryable, name: string): Promise<PublicationProfile> {
	const [r] = await db.query<Row>(`${SELECT} AND name = ?`, [name]);
	if (r) return toProfile(r);
	if ((await profileKind(db, name)) === 'cases') throw new UnreadableFileError(msg('err.profile.notPublications', { profile: name }));
	throw new UnreadableFileError(msg('err.import.noProfile', { profile: name }));
}

/** The publicity list's profile saved for exactly these headers, applied without asking when that export comes again. */
export async function publicationProfileForHeaders(db: Queryable, headers: readonly string[]): Promise<PublicationProfile | null> {
	const [r] = await db.query<Row>(`${SELECT} AND headers_key = ? ORDER BY created_at DESC LIMIT 1`, [headersKey(headers)]);
	return r ? toProfile(r) : null;
}

export async function listPublicationProfiles(db: Queryable): Promise<PublicationProfile[]> {
	return (await db.query<Row>(`${SELECT} ORDER BY name`)).map(toProfile);
}

/**
 * A publicity list's header and the profile that goes with it: a named profile's header row says where the header
 * is; else the header is recognised by its names and a profile saved for it applies; when none is recognised, a
 * profile saved for one of the first records (the list's header signature) says that record is the header.
 */
export async function publicationHead(
	db: Queryable,
	csvPath: string,
	named: PublicationProfile | null,
	recognise: HeadOptions
): Promise<{ head: SheetHead; profile: PublicationProfile | null }> {
	if (named?.headerRow != null) return { head: readHead(csvPath, { ...recognise, headerRow: named.headerRow }), profile: named };
	try {
		const head = readHead(csvPath, recognise);
		return { head, profile: named ?? (await publicationProfileForHeaders(db, head.header)) };
	} catch (e) {
		if (!(e instanceof NoHeaderError)) throw e;
		for (const [i, cells] of sampleHead(csvPath).records.entries()) {
			const p = named ? (named.headersKey === headersKey(cells) ? named : null) : await publicationProfileForHeaders(db, cells);
			if (p) return { head: readHead(csvPath, { ...recognise, headerRow: i + 1 }), profile: p };
		}
		throw e;
	}
}
