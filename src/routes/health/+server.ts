import { json } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { caseCount } from '$lib/server/stats';
import type { RequestHandler } from './$types';

/**
 * Liveness for the start script and for operators: answers only when the database answers. It is public, so it
 * says only that the server is up; the count is read to reach the database and is not told.
 */
export const GET: RequestHandler = async () => {
	await caseCount(await getDatabase());
	return json({ ok: true });
};
