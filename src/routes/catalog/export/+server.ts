import { error } from '@sveltejs/kit';
import { catalogData } from '$lib/domain/catalog';
import { catalogBook, catalogVersion } from '$lib/server/catalog';
import { getDatabase } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** A version as the JSON file the command line exports and imports; the one in force without ?version. */
export const GET: RequestHandler = async ({ url }) => {
	const db = await getDatabase();
	const asked = url.searchParams.get('version');
	const v = asked === null ? ((await catalogBook(db))?.inForce() ?? null) : /^\d+$/.test(asked) ? await catalogVersion(db, Number(asked)) : null;
	if (!v) error(404, 'not found');
	return new Response(`${JSON.stringify(catalogData(v.catalog), null, '\t')}\n`, {
		headers: { 'content-type': 'application/json; charset=utf-8', 'content-disposition': `attachment; filename="catalog-v${v.version}.json"` }
	});
};
