import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { cachedOnData, getDatabase } from '$lib/server/db';
import { getCatalog } from '$lib/server/catalog';
import { exportScorecardXlsx } from '$lib/server/stats';
import { filterOptions } from '$lib/server/cases';
import { clientAddress } from '$lib/server/http/request-meta';
import type { RequestHandler } from './$types';

const year = z.coerce.number().int().min(1900).max(2200);

export const GET: RequestHandler = async (event) => {
	const parsed = year.safeParse(event.url.searchParams.get('year'));
	if (!parsed.success) error(400, 'year');
	const db = await getDatabase();
	// No cases, no agency to evaluate: a 404 rather than a failure.
	const { years } = await cachedOnData(db, 'filter-options', () => filterOptions(db));
	if (!years.length) error(404, 'year');
	const actor = { username: event.locals.user?.username ?? 'unknown', ip: clientAddress(event) };
	const { fileName, bytes } = await exportScorecardXlsx(db, getCatalog(), actor, parsed.data);
	return new Response(bytes, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`
		}
	});
};
