import { json } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** Liveness for the start script and for operators: answers only when the database answers. */
export const GET: RequestHandler = async () => {
	const db = await getDatabase();
	const [row] = await db.query<{ n: number }>('SELECT count(*) AS n FROM cases');
	return json({ ok: true, cases: row?.n ?? 0 });
};
