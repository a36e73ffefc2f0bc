import { getCatalog } from '../catalog';
import { getCalendar } from '../calendar';
import { getDatabase } from '../db';
import { serverSuggester } from '../model/service';
import type { Suggester } from '../model/suggest';
import { ensureFlags } from './state';
import type { RecomputeSummary } from './flags';

/** The server's flags, brought up to date first (after an import, an undo or a new model). */
export async function freshFlags(): Promise<{ summary: RecomputeSummary | null; suggester: Suggester | null }> {
	const db = await getDatabase();
	const suggester = await serverSuggester(db, getCatalog()).catch(() => null);
	const summary = await ensureFlags(db, getCatalog(), getCalendar(), suggester);
	return { summary, suggester };
}
