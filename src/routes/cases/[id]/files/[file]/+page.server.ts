import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { getCatalog } from '$lib/server/catalog';
import { documentPage } from '$lib/server/files';
import type { PageServerLoad } from './$types';

/** One document of a case file: its record, its versions newest first, a preview, and a correction for those who may file. */
export const load: PageServerLoad = async ({ params, locals }) => {
	const page = await documentPage(await getDatabase(), getCatalog(), locals.user, params.id, Number(params.file));
	if (!page) error(404, 'not found');
	return page;
};
