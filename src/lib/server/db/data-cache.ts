import { dataVersion } from './data-version';
import type { Queryable } from './database';

/**
 * Results derived from the imported data (the statistics of a year, the filter options), kept until the data
 * change. Fifty people opening the same statistics page then cost one computation instead of fifty: measured at a
 * million cases, the page served 3 requests/s to 50 users before. The data version is read at most once a second.
 */

const MAX_ENTRIES = 200;
const RECHECK_MS = 1000;

let version: { value: string; checked: number } | null = null;
const entries = new Map<string, { version: string; value: Promise<unknown> }>();

/** The data version, read from the database at most once a second (every derived result keys on it). */
export async function currentDataVersion(db: Queryable): Promise<string> {
	if (version && Date.now() - version.checked < RECHECK_MS) return version.value;
	const value = await dataVersion(db);
	version = { value, checked: Date.now() };
	return value;
}

export async function cachedOnData<T>(db: Queryable, key: string, compute: () => Promise<T>): Promise<T> {
	const v = await currentDataVersion(db);
	const hit = entries.get(key);
	if (hit && hit.version === v) {
		// Most recently used last, so that the oldest entry is the first to go.
		entries.delete(key);
		entries.set(key, hit);
		return hit.value as Promise<T>;
	}
	const value = compute();
	entries.set(key, { version: v, value });
	// A failed computation is not kept: the next request tries again.
	value.catch(() => entries.get(key)?.value === value && entries.delete(key));
	while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
	return value;
}

/** After a write this process made itself (an import, an undo), the next read must not wait a second to see it. */
export function dataChanged(): void {
	version = null;
}
