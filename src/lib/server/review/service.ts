import { getCatalog } from '../catalog';
import { getCalendar } from '../calendar';
import { getDatabase } from '../db';
import { serverSuggester } from '../model/service';
import type { Suggester } from '../model/suggest';
import { ensureFlags } from './state';
import type { RecomputeSummary } from './flags';

/** How long a page waits for a recomputation before it shows the flags it has and says they are being updated. */
const WAIT_MS = 5000;

/**
 * The server's flags, brought up to date first (after an import, an undo or a new model). At a million cases a
 * recomputation takes minutes: the page then shows the stored flags and says that new ones are on their way.
 */
export async function freshFlags(): Promise<{ summary: RecomputeSummary | null; suggester: Suggester | null; updating: boolean }> {
	const db = await getDatabase();
	const suggester = await serverSuggester(db, getCatalog()).catch(() => null);
	const running = ensureFlags(db, getCatalog(), getCalendar(), suggester);
	running.catch((e: unknown) => console.error('review flags could not be recomputed:', e));
	const settled = await Promise.race([running.then((summary) => ({ summary })), new Promise<null>((r) => setTimeout(() => r(null), WAIT_MS).unref())]);
	return { summary: settled?.summary ?? null, suggester, updating: settled === null };
}
