import { z } from 'zod';
import { FIELDS, type CaseKey } from '../../domain/case-schema';
import { normalizeHeader, type MappedColumn } from '../../domain/headers';
import type { Database, Queryable } from '../db';
import { appendAudit } from '../audit';
import { msg } from '../../i18n/message';
import { UnreadableFileError } from './unreadable';

/** A mapping the analyst confirmed: header → dictionary key (or null to leave the column unmapped). */
export type ProfileMapping = Record<string, CaseKey | null>;

/** What a profile adds to the columns: a value for the whole file, and values recoded as the file writes them. */
export interface ProfileRules {
	/** 1-based record of the file that is its header, when the header is not recognised by its names. */
	headerRow: number | null;
	/** A field the file has no column for, with one value for every row (执法机关, 执法类别, 案件状态 …). */
	constants: Partial<Record<CaseKey, string>>;
	/** Per field, a cell as the file writes it → the value meant (机构 → 法人及非法人组织). */
	recodes: Partial<Record<CaseKey, Record<string, string>>>;
}

export interface Profile extends ProfileRules {
	name: string;
	headersKey: string;
	mapping: ProfileMapping;
}

export const NO_RULES: ProfileRules = { headerRow: null, constants: {}, recodes: {} };

const keys = FIELDS.map((f) => f.key) as [CaseKey, ...CaseKey[]];
const cellText = z.string().trim().min(1).max(500);

/** The shape of a profile's rules as the page and the database give them; a field must be one of the dictionary's. */
export const profileRulesSchema = z.object({
	headerRow: z.number().int().min(1).max(20).nullable().default(null),
	constants: z.partialRecord(z.enum(keys), cellText).default({}),
	recodes: z.partialRecord(z.enum(keys), z.record(z.string().trim().min(1).max(200), cellText)).default({})
});

/** The same headers, whatever their spacing or full-width forms, give the same key. */
export function headersKey(headers: readonly string[]): string {
	return headers.map(normalizeHeader).join('|');
}

const KEYS = new Set<string>(keys);

/** Saves (or replaces) a profile by name and logs it: a profile decides what thousands of rows become. */
export async function saveProfile(
	db: Database,
	name: string,
	headers: readonly string[],
	mapping: ProfileMapping,
	user: string,
	rules: ProfileRules = NO_RULES
): Promise<void> {
	for (const [h, k] of Object.entries(mapping))
		if (k !== null && !KEYS.has(k)) throw new UnreadableFileError(msg('err.profile.field', { header: h, field: k }));
	const checked = profileRulesSchema.safeParse(rules);
	if (!checked.success) throw new UnreadableFileError(msg('err.profile.rules', { detail: checked.error.issues.map((i) => i.path.join('.')).join('、') }));
	await db.run(
		`INSERT INTO import_profiles (name, headers_key, mapping, created_by, header_row, constants, recodes, kind) VALUES (?, ?, ?, ?, ?, ?, ?, 'cases')
		 ON CONFLICT (name) DO UPDATE SET headers_key = excluded.headers_key, mapping = excluded.mapping, created_by = excluded.created_by,
		   created_at = excluded.created_at, header_row = excluded.header_row, constants = excluded.constants, recodes = excluded.recodes,
		   kind = excluded.kind`,
		[
			name,
			headersKey(headers),
			JSON.stringify(mapping),
			user,
			checked.data.headerRow,
			JSON.stringify(checked.data.constants),
			JSON.stringify(checked.data.recodes)
		]
	);
	await appendAudit(db, { actor: user, action: 'profile-saved', targetType: 'profile', targetId: name, detail: { headers: headers.length, ...checked.data } });
}

/** What the profile editor changes: the mapping of the profile's own headers, and its rules. */
export interface ProfileEdit {
	mapping: ProfileMapping;
	rules: ProfileRules;
}

/**
 * Changes a saved profile in place and logs it: the headers it is found by stay, so the same export still finds
 * it; a header the profile does not have cannot be mapped. False when there is no such profile.
 */
export async function updateProfile(db: Database, name: string, edit: ProfileEdit, user: string): Promise<boolean> {
	const old = await findProfile(db, name);
	if (!old) return false;
	for (const [h, k] of Object.entries(edit.mapping)) {
		if (!Object.hasOwn(old.mapping, h)) throw new UnreadableFileError(msg('err.profile.header', { header: h }));
		if (k !== null && !KEYS.has(k)) throw new UnreadableFileError(msg('err.profile.field', { header: h, field: k }));
	}
	const checked = profileRulesSchema.safeParse(edit.rules);
	if (!checked.success) throw new UnreadableFileError(msg('err.profile.rules', { detail: checked.error.issues.map((i) => i.path.join('.')).join('、') }));
	const mapping = { ...old.mapping, ...edit.mapping };
	await db.run(`UPDATE import_profiles SET mapping = ?, header_row = ?, constants = ?, recodes = ? WHERE name = ?`, [
		JSON.stringify(mapping),
		checked.data.headerRow,
		JSON.stringify(checked.data.constants),
		JSON.stringify(checked.data.recodes),
		name
	]);
	await appendAudit(db, {
		actor: user,
		action: 'profile-saved',
		targetType: 'profile',
		targetId: name,
		detail: { edited: true, mapped: Object.values(mapping).filter((k) => k !== null).length, ...checked.data }
	});
	return true;
}

/** Deletes a profile (of either kind) by name and logs it; false when there was none. */
export async function deleteProfile(db: Database, name: string, user: string): Promise<boolean> {
	const gone = await db.query<{ name: string }>('DELETE FROM import_profiles WHERE name = ? RETURNING name', [name]);
	if (gone.length === 0) return false;
	await appendAudit(db, { actor: user, action: 'profile-deleted', targetType: 'profile', targetId: name });
	return true;
}

interface ProfileRow {
	name: string;
	headers_key: string;
	mapping: string;
	header_row: number | null;
	constants: string | null;
	recodes: string | null;
}
const COLUMNS = 'name, headers_key, mapping, header_row, constants, recodes';

function toProfile(r: ProfileRow): Profile {
	// Rules saved before they existed read as none; a stored one that no longer fits the schema reads as none too.
	const rules = profileRulesSchema.safeParse({
		headerRow: r.header_row,
		constants: r.constants ? (JSON.parse(r.constants) as unknown) : {},
		recodes: r.recodes ? (JSON.parse(r.recodes) as unknown) : {}
	});
	return { name: r.name, headersKey: r.headers_key, mapping: JSON.parse(r.mapping) as ProfileMapping, ...(rules.success ? rules.data : NO_RULES) };
}

/** What a saved profile maps: a case ledger, or a penalty publicity list (see publication-profiles.ts). */
export type ProfileKind = 'cases' | 'publications';

/** The kind of the profile of that name, null when there is none: to say which import a profile belongs to. */
export async function profileKind(db: Queryable, name: string): Promise<ProfileKind | null> {
	const [r] = await db.query<{ kind: ProfileKind }>(`SELECT kind FROM import_profiles WHERE name = ?`, [name]);
	return r?.kind ?? null;
}

/** The case profile of that name; a publicity list's profile of that name is not one. */
export async function findProfile(db: Queryable, name: string): Promise<Profile | null> {
	const [r] = await db.query<ProfileRow>(`SELECT ${COLUMNS} FROM import_profiles WHERE name = ? AND kind = 'cases'`, [name]);
	return r ? toProfile(r) : null;
}

/** The profile saved for exactly these headers, applied without asking when the same export comes again. */
export async function profileForHeaders(db: Queryable, headers: readonly string[]): Promise<Profile | null> {
	const [r] = await db.query<ProfileRow>(`SELECT ${COLUMNS} FROM import_profiles WHERE headers_key = ? AND kind = 'cases' ORDER BY created_at DESC LIMIT 1`, [
		headersKey(headers)
	]);
	return r ? toProfile(r) : null;
}

export async function listProfiles(db: Queryable): Promise<Profile[]> {
	return (await db.query<ProfileRow>(`SELECT ${COLUMNS} FROM import_profiles WHERE kind = 'cases' ORDER BY name`)).map(toProfile);
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
