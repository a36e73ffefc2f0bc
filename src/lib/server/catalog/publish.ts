import type { CatalogVersion } from '../../domain/catalog-versions';
import { getCalendar } from '../calendar';
import type { Database } from '../db';
import { currentSuggester } from '../model/suggesters';
import { updateFlags } from '../review/freshness';
import type { RecomputeSummary } from '../review/flags';
import { getCatalog } from './index';
import { ensureShippedVersion, publishCatalog, type PublishInput } from './versions';

/**
 * Publishing as the page and the command line do it: the shipped file is version 1 first (so that the past keeps
 * its judge), then the new version, then the flags recomputed under it. Kept apart from the store because it
 * reaches into the review and model subsystems, which themselves read the catalog.
 */
export async function publishVersion(db: Database, input: PublishInput): Promise<{ version: CatalogVersion; flags: RecomputeSummary | null }> {
	await ensureShippedVersion(db);
	const version = await publishCatalog(db, input);
	const catalog = getCatalog();
	const suggester = await currentSuggester(db, catalog).catch(() => null);
	const flags = await updateFlags(db, catalog, getCalendar(), suggester);
	return { version, flags };
}
