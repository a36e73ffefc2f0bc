import { FIELDS, type CaseKey } from '../../domain/case-schema';
import { normalizeHeader, type MappedColumn } from '../../domain/headers';
import type { Queryable } from '../db';

/** A mapping the analyst confirmed: header → dictionary key (or null to leave the column unmapped). */
export type ProfileMapping = Record<string, CaseKey | null>;

export interface Profile {
	name: string;
	headersKey: string;
	mapping: ProfileMapping;
}

/** The same headers, whatever their spacing or full-width forms, give the same key. */
export function headersKey(headers: readonly string[]): string {
	return headers.map(normalizeHeader).join('|');
}

const KEYS = new Set<string>(FIELDS.map((f) => f.key));

export async function saveProfile(db: Queryable, name: string, headers: readonly string[], mapping: ProfileMapping, user: string): Promise<void> {
	for (const [h, k] of Object.entries(mapping)) if (k !== null && !KEYS.has(k)) throw new Error(`映射方案中列「${h}」对应的字段「${k}」不存在`);
	await db.run(
		`INSERT INTO import_profiles (name, headers_key, mapping, created_by) VALUES (?, ?, ?, ?)
		 ON CONFLICT (name) DO UPDATE SET headers_key = excluded.headers_key, mapping = excluded.mapping, created_by = excluded.created_by, created_at = excluded.created_at`,
		[name, headersKey(headers), JSON.stringify(mapping), user]
	);
}

function toProfile(r: { name: string; headers_key: string; mapping: string }): Profile {
	return { name: r.name, headersKey: r.headers_key, mapping: JSON.parse(r.mapping) as ProfileMapping };
}

export async function findProfile(db: Queryable, name: string): Promise<Profile | null> {
	const [r] = await db.query<{ name: string; headers_key: string; mapping: string }>('SELECT name, headers_key, mapping FROM import_profiles WHERE name = ?', [
		name
	]);
	return r ? toProfile(r) : null;
}

/** The profile saved for exactly these headers, applied without asking when the same export comes again. */
export async function profileForHeaders(db: Queryable, headers: readonly string[]): Promise<Profile | null> {
	const [r] = await db.query<{ name: string; headers_key: string; mapping: string }>(
		'SELECT name, headers_key, mapping FROM import_profiles WHERE headers_key = ? ORDER BY created_at DESC LIMIT 1',
		[headersKey(headers)]
	);
	return r ? toProfile(r) : null;
}

export async function listProfiles(db: Queryable): Promise<Profile[]> {
	return (await db.query<{ name: string; headers_key: string; mapping: string }>('SELECT name, headers_key, mapping FROM import_profiles ORDER BY name')).map(
		toProfile
	);
}

/** The automatic mapping with the profile's choices on top; a key is never given to two columns. */
export function applyProfile(columns: readonly MappedColumn[], mapping: ProfileMapping): MappedColumn[] {
	const out = columns.map((c) => (c.header in mapping ? { ...c, key: mapping[c.header] ?? null, note: undefined } : { ...c }));
	const seen = new Set<CaseKey>();
	return out.map((c) => {
		if (c.key === null) return c;
		if (seen.has(c.key)) return { ...c, key: null, note: `与前面的列重复对应「${c.key}」` };
		seen.add(c.key);
		return c;
	});
}
