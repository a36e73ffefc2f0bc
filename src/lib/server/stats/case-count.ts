import type { Queryable } from '../db';

/** How many cases the database holds: the health check's proof that the database answers. */
export async function caseCount(db: Queryable): Promise<number> {
	const [row] = await db.query<{ n: number }>('SELECT count(*) AS n FROM cases');
	return row?.n ?? 0;
}
