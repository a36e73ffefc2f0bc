import type { Catalog } from '../../domain/catalog';
import type { WorkingCalendar } from '../../domain/calendar';
import { RULE_VERSION } from '../../domain/review-rules';
import { getSettings } from '../auth/settings';
import { dataVersion, getDatabase, type Database } from '../db';
import { filesVersion } from '../files/documents';
import type { Suggester } from '../model/suggest';
import { batchScope, computeFlags, flagState, PENDING_SCOPE, type FlagModel, type RecomputeSummary } from './flags';
import { today } from '../publicity/clock';
import { dailyDriftPatterns } from './patterns';
import { catalogBook, getCatalog } from '../catalog';
import { getCalendar } from '../calendar';
import { currentSuggester } from '../model/suggesters';

/**
 * When flags are computed. An import computes its own cases' flags at its end (`updateFlagsAfterImport`);
 * `updateFlags` recomputes them when anything else they derive from changed (or when forced: the command line's
 * --recompute), and the undecided cases' each new day; `currentFlags` is what server pages call.
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
async function wantedVersion(db: Database, suggester: FlagModel | null): Promise<{ version: string; threshold: number }> {
	const { r03PValue } = await getSettings(db);
	return {
		version: `${await dataVersion(db)}|${await filesVersion(db)}|${suggester?.model.version ?? 'no-model'}|${RULE_VERSION}|${r03PValue}${await catalogPart(db)}`,
		threshold: r03PValue
	};
}

let running: Promise<unknown> = Promise.resolve();

/** One computation of flags at a time, in the order asked (DuckDB has one writer, and the flags one state). */
function exclusive<T>(work: () => Promise<T>): Promise<T> {
	const next = running.then(work, work);
	running = next.catch(() => undefined);
	return next;
}

let pendingUpdate: Promise<RecomputeSummary | null> | null = null;

/**
 * Recomputes the flags when what they derive from changed since they were computed (an undo, a roster, a new
 * model, new rules, a new threshold), or when forced; else, on a new day, only the undecided cases' (R06 counts
 * their days). Callers at the same time share one computation.
 */
export function updateFlags(
	db: Database,
	catalog: Catalog,
	cal: WorkingCalendar,
	suggester: FlagModel | null,
	force = false
): Promise<RecomputeSummary | null> {
	pendingUpdate ??= exclusive(async () => {
		try {
			const { version, threshold } = await wantedVersion(db, suggester);
			if (force || (await flagState(db, 'computed_for')) !== version) return await computeFlags(db, catalog, cal, suggester, { threshold, version });
			if ((await flagState(db, 'pending_on')) === today()) return null;
			return await computeFlags(db, catalog, cal, suggester, { threshold, scope: PENDING_SCOPE });
		} finally {
			pendingUpdate = null;
		}
	});
	return pendingUpdate;
}

/** Whether the stored flags were computed from the data, model, rules and settings as they are now. */
export async function flagsCurrent(db: Database, suggester: FlagModel | null): Promise<boolean> {
	return (await flagState(db, 'computed_for')) === (await wantedVersion(db, suggester)).version;
}

/**
 * At the end of an import: the flags of the cases the batch added or changed, when the flags were current before
 * it (`wereCurrent`); else every case's. A reviewer's next page then finds them done. A roster batch changes who
 * may act on every case, so it recomputes them all.
 */
export function updateFlagsAfterImport(
	db: Database,
	catalog: Catalog,
	cal: WorkingCalendar,
	suggester: FlagModel | null,
	batch: { id: number; kind: 'cases' | 'roster'; wereCurrent: boolean }
): Promise<RecomputeSummary> {
	return exclusive(async () => {
		const { version, threshold } = await wantedVersion(db, suggester);
		const scope = batch.kind === 'cases' && batch.wereCurrent ? batchScope(batch.id) : undefined;
		return computeFlags(db, catalog, cal, suggester, { threshold, version, scope });
	});
}

/**
 * After one case was edited in place (an analyst's correction): that case's flags, from the model in use. The data
 * version does not move (no batch, no count changed), so the other cases' flags stay current.
 */
export function updateFlagsForCase(db: Database, ref: { agency: string; caseId: string }): Promise<RecomputeSummary> {
	return exclusive(async () => {
		const suggester = await currentSuggester(db, getCatalog()).catch(() => null);
		const { threshold } = await wantedVersion(db, suggester);
		return computeFlags(db, getCatalog(), getCalendar(), suggester, {
			threshold,
			scope: { where: 'agency = ? AND case_id = ?', params: [ref.agency, ref.caseId] }
		});
	});
}

/** How long a page waits for a recomputation before it shows the flags it has and says they are being updated. */
const WAIT_MS = 5000;

/**
 * The server's flags, brought up to date first when they were not (imports bring them up to date themselves; a
 * model or rules changed since, or a new day, are caught here). At a million cases a whole recomputation takes
 * minutes: the page then shows the stored flags and says that new ones are on their way.
 */
export async function currentFlags(): Promise<{ summary: RecomputeSummary | null; suggester: Suggester | null; updating: boolean }> {
	const db = await getDatabase();
	const suggester = await currentSuggester(db, getCatalog()).catch(() => null);
	const update = updateFlags(db, getCatalog(), getCalendar(), suggester);
	update.catch((e: unknown) => console.error('review flags could not be recomputed:', e));
	const settled = await Promise.race([update.then((summary) => ({ summary })), new Promise<null>((r) => setTimeout(() => r(null), WAIT_MS).unref())]);
	return { summary: settled?.summary ?? null, suggester, updating: settled === null };
}

const UPKEEP_MS = 60 * 60 * 1000;

/**
 * The server keeps the flags current by itself: at start (a new model or new rules since the last run) and every
 * hour (a new day makes undecided cases overdue, R06), with the day's drifting branches, so that no reviewer's page
 * pays for them.
 */
export function startFlagsUpkeep(): void {
	const run = () =>
		void currentFlags()
			.then(async ({ suggester }) => {
				if (suggester) await dailyDriftPatterns(await getDatabase(), getCatalog(), suggester, today()).promise;
			})
			.catch((e: unknown) => console.error('review flags could not be recomputed:', e));
	run();
	setInterval(run, UPKEEP_MS).unref();
}
