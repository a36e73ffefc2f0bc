import type { Queryable } from '../db';

/** Agency settings an administrator changes in the product (not in files). */
export interface Settings {
	/** Whether administrators see natural persons' names and ID numbers unmasked (off by default). */
	adminSeesPersonalData: boolean;
}

const DEFAULTS: Settings = { adminSeesPersonalData: false };

export async function getSettings(db: Queryable): Promise<Settings> {
	const rows = await db.query<{ key: string; value: string }>('SELECT key, value FROM settings');
	const map = new Map(rows.map((r) => [r.key, r.value]));
	return { adminSeesPersonalData: map.has('adminSeesPersonalData') ? map.get('adminSeesPersonalData') === 'true' : DEFAULTS.adminSeesPersonalData };
}

export async function setSetting<K extends keyof Settings>(db: Queryable, key: K, value: Settings[K]): Promise<void> {
	await db.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, String(value)]);
}
