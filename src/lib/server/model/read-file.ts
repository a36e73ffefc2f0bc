import type { CaseRecord } from '../../domain/case-schema';
import type { Catalog } from '../../domain/catalog';
import { allCases } from '../cases/read';
import { openMigrated } from '../db';
import { importCases, quarantineOf, type QuarantinedRow } from '../import';

/**
 * Reads the cases of a file exactly as the importer would (any format, encoding and layout it reads), through a
 * throwaway in-memory database, so that `suggest` accepts what `import` accepts and nothing touches the real one.
 */
export async function readCasesFile(path: string, catalog: Catalog): Promise<{ cases: CaseRecord[]; rejected: QuarantinedRow[] }> {
	const db = await openMigrated(':memory:');
	try {
		const r = await importCases(db, path, catalog, { user: 'suggest' });
		return { cases: await allCases(db), rejected: r.quarantined ? await quarantineOf(db, r.batch, 100_000) : [] };
	} finally {
		await db.close();
	}
}
