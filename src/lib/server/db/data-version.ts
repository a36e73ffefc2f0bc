import type { Queryable } from './database';

/**
 * A fingerprint of the imported data: it changes when a batch of cases or officers is imported or undone. What
 * is derived from the data (the similar-case index, the flags) is rebuilt when it changes.
 */
export async function dataVersion(db: Queryable): Promise<string> {
	const [row] = await db.query<{ n: number; last: number | null; undone: string | null; cases: number; officers: number }>(
		`SELECT (SELECT count(*) FROM batches) AS n, (SELECT max(id) FROM batches) AS last,
			(SELECT CAST(max(undone_at) AS VARCHAR) FROM batches) AS undone,
			(SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM officers) AS officers`
	);
	return `${row?.n}|${row?.last}|${row?.undone}|${row?.cases}|${row?.officers}`;
}
