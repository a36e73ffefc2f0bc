import type { Catalog } from '../../domain/catalog';
import type { WorkingCalendar } from '../../domain/calendar';
import { RULE_VERSION } from '../../domain/review-rules';
import { getSettings } from '../auth/settings';
import { dataVersion, getDatabase, type Database } from '../db';
import { filesVersion } from '../files/documents';
import type { Suggester } from '../model/suggest';
import { computeFlags, type RecomputeSummary } from './flags';
import { catalogBook, getCatalog } from '../catalog';
import { getCalendar } from '../calendar';
import { currentSuggester } from '../model/suggesters';

/**
 * When flags are computed. `updateFlags` recomputes them when what they derive from changed (or when forced: the
 * command line's --recompute); `currentFlags` is what server pages call, waiting a little for an update.
 */

/**
 * The catalog's versions, once there is more than one: a version published, or one whose date arrived, judges
 * cases anew. A lone version 1 is the file the flags were computed from before versions, so it adds nothing and
 * a database from before versions keeps its flags instead of recomputing them all at its first start.
 */
async function catalogPart(db: Database): Promise<string> {
	const book = await catalogBook(db);
	return book && book.versions.length > 1 ? `|${book.signature()}` : '';
}

/** What the stored flags must have been computed from: the data, the case files, the model, the rules and the R03 threshold. */
async function wantedVersion(db: Database, suggester: Suggester | null): Promise<{ version: string; threshold: number }> {
	const { r03PValue } = await getSettings(db);
	return {
		version: `${await dataVersion(db)}|${await filesVersion(db)}|${suggester?.model.version ?? 'no-model'}|${RULE_VERSION}|${r03PValue}${await catalogPart(db)}`,
		threshold: r03PValue
	};
}

let running: Promise<RecomputeSummary | null> | null = null;

/**
 * Recomputes the flags when what they derive from changed since they were computed (an import or undo, a new
 * model, new rules, a new threshold), or when forced. One recomputation at a time; callers wait for it.
 */
export function updateFlags(
	db: Database,
	catalog: Catalog,
	cal: WorkingCalendar,
	suggester: Suggester | null,
	force = false
): Promise<RecomputeSummary | null> {
	running ??= (async () => {
		try {
			const { version, threshold } = await wantedVersion(db, suggester);
			const [stored] = await db.query<{ value: string }>(`SELECT value FROM flag_state WHERE key = 'computed_for'`);
			if (!force && stored?.value === version) return null;
			return await computeFlags(db, catalog, cal, suggester, { threshold, version });
		} finally {
			running = null;
		}
	})();
	return running;
}

/** How long a page waits for a recomputation before it shows the flags it has and says they are being updated. */
const WAIT_MS = 5000;

/**
 * The server's flags, brought up to date first (after an import, an undo or a new model). At a million cases a
 * recomputation takes minutes: the page then shows the stored flags and says that new ones are on their way.
 */
export async function currentFlags(): Promise<{ summary: RecomputeSummary | null; suggester: Suggester | null; updating: boolean }> {
	const db = await getDatabase();
	const suggester = await currentSuggester(db, getCatalog()).catch(() => null);
	const running = updateFlags(db, getCatalog(), getCalendar(), suggester);
	running.catch((e: unknown) => console.error('review flags could not be recomputed:', e));
	const settled = await Promise.race([running.then((summary) => ({ summary })), new Promise<null>((r) => setTimeout(() => r(null), WAIT_MS).unref())]);
	return { summary: settled?.summary ?? null, suggester, updating: settled === null };
}
