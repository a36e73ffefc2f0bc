import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { getDatabase } from '$lib/server/db';
import { exportQuarantine, getBatch, quarantineOf } from '$lib/server/import';
import { clientAddress } from '$lib/server/http/request-meta';
import type { RequestHandler } from './$types';

const batchId = z.coerce.number().int();

/**
 * The batch's quarantined rows: ?format=json gives the first hundred for the page; otherwise a CSV of all of them,
 * to fix and import again.
 */
export const GET: RequestHandler = async (event) => {
	const id = batchId.safeParse(event.params.id);
	if (!id.success) error(404, 'no such batch');
	const db = await getDatabase();
	if (event.url.searchParams.get('format') === 'json') {
		if (!(await getBatch(db, id.data))) error(404, 'no such batch');
		return json(await quarantineOf(db, id.data, 100));
	}
	const file = await exportQuarantine(db, { username: event.locals.user?.username ?? 'unknown', ip: clientAddress(event) }, id.data);
	if (!file) error(404, 'no such batch');
	return new Response(file.csv, {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}` }
	});
};
