import type { Queryable } from '../db';

/** Agency settings an administrator changes in the product (not in files). */
export interface Settings {
	/** Whether administrators see natural persons' names and ID numbers unmasked (off by default). */
	adminSeesPersonalData: boolean;
	/**
	 * R03 flags a fine whose conformal p-value against similar cases is at or below this. 0.002 flags, at the
	 * demo's size, only fines more unusual than every calibration case, which keeps the queue precise (precision
	 * and recall in bench/RESULTS.md); an agency may set it between 0.001 and 0.2.
	 */
	r03PValue: number;
}

const DEFAULTS: Settings = { adminSeesPersonalData: false, r03PValue: 0.002 };

export async function getSettings(db: Queryable): Promise<Settings> {
	const rows = await db.query<{ key: string; value: string }>('SELECT key, value FROM settings');
	const map = new Map(rows.map((r) => [r.key, r.value]));
	const p = Number(map.get('r03PValue'));
	return {
		adminSeesPersonalData: map.has('adminSeesPersonalData') ? map.get('adminSeesPersonalData') === 'true' : DEFAULTS.adminSeesPersonalData,
		r03PValue: Number.isFinite(p) && p >= 0.001 && p <= 0.2 ? p : DEFAULTS.r03PValue
	};
}

export async function setSetting<K extends keyof Settings>(db: Queryable, key: K, value: Settings[K]): Promise<void> {
	await putSetting(db, key, String(value));
}

/** Writes one row of the settings table, replacing what the key held. */
export async function putSetting(db: Queryable, key: string, value: string): Promise<void> {
	await db.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
}

/** The settings whose keys start with `prefix` (a module's own, e.g. 'backup.'), by the rest of the key. */
export async function settingsWithPrefix(db: Queryable, prefix: string): Promise<Map<string, string>> {
	const rows = await db.query<{ key: string; value: string }>(`SELECT key, value FROM settings WHERE starts_with(key, ?)`, [prefix]);
	return new Map(rows.map((r) => [r.key.slice(prefix.length), r.value]));
}
