import type { Catalog } from '../../domain/catalog';
import type { WorkingCalendar } from '../../domain/calendar';
import { RULE_VERSION } from '../../domain/review-rules';
import { getSettings } from '../auth/settings';
import { dataVersion, type Database } from '../db';
import { filesVersion } from '../files/documents';
import type { Suggester } from '../model/suggest';
import { recomputeFlags, type RecomputeSummary } from './flags';

/** What the stored flags must have been computed from: the data, the case files, the model, the rules and the R03 threshold. */
async function wantedVersion(db: Database, suggester: Suggester | null): Promise<{ version: string; threshold: number }> {
	const { r03PValue } = await getSettings(db);
	return {
		version: `${await dataVersion(db)}|${await filesVersion(db)}|${suggester?.model.version ?? 'no-model'}|${RULE_VERSION}|${r03PValue}`,
		threshold: r03PValue
	};
}

let running: Promise<RecomputeSummary | null> | null = null;

/**
 * Recomputes the flags when what they derive from changed since they were computed (an import or undo, a new
 * model, new rules, a new threshold), or when forced. One recomputation at a time; callers wait for it.
 */
export function ensureFlags(
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
			return await recomputeFlags(db, catalog, cal, suggester, { threshold, version });
		} finally {
			running = null;
		}
	})();
	return running;
}
