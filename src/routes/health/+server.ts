import { json } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { caseCount } from '$lib/server/stats';
import type { RequestHandler } from './$types';

/** Liveness for the start script and for operators: answers only when the database answers. */
export const GET: RequestHandler = async () => json({ ok: true, cases: await caseCount(await getDatabase()) });
