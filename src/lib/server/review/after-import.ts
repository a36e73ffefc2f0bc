import { dataChanged, type Database } from '../db';
import { getCalendar } from '../calendar';
import { getCatalog } from '../catalog';
import { currentSuggester } from '../model/suggesters';
import type { RecomputeSummary } from './flags';
import { flagsCurrent, updateFlags, updateFlagsAfterImport } from './freshness';

/**
 * The server's imports keep the flags current: a batch of cases ends with its own cases' flags computed, and with
 * what the review queue reads (the suggester over the new cases, the drifting branches) made ready, so that a
 * reviewer's next page computes nothing (the drifting branches are a day's pattern, not rebuilt per import). Whether the flags were current is read before the batch is written.
 */
export async function importKeepingFlags<T extends { batch: number }>(
	db: Database,
	kind: 'cases' | 'roster',
	run: () => Promise<T>
): Promise<T & { flagged: RecomputeSummary | null }> {
	const before = await currentSuggester(db, getCatalog()).catch(() => null);
	const wereCurrent = await flagsCurrent(db, before);
	const result = await run();
	dataChanged();
	if (kind === 'roster') {
		// A roster changes who may act on every case: all flags are recomputed, which at a million cases takes
		// minutes, so the roster's import does not wait for it (pages say the flags are being updated meanwhile).
		updateFlags(db, getCatalog(), getCalendar(), before).catch((e: unknown) => console.error('review flags could not be recomputed:', e));
		return { ...result, flagged: null };
	}
	const flagged = await updateFlagsAfterImport(db, getCatalog(), getCalendar(), before, { id: result.batch, kind, wereCurrent });
	// The suggester's similar cases now include the batch: rebuilt here, so that the next page finds it built.
	await currentSuggester(db, getCatalog()).catch(() => null);
	return { ...result, flagged };
}
