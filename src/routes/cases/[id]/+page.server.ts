import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { casePage } from '$lib/server/cases';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const page = await casePage(await getDatabase(), locals.user, { caseId: params.id, agency: url.searchParams.get('agency') });
	if (!page) error(404, 'not found');
	return page;
};
