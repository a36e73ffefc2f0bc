import { getDatabase } from '$lib/server/db';
import { pageParam, supervisionFilterOf, supervisionPage } from '$lib/server/review';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const filter = supervisionFilterOf(url.searchParams);
	const page = pageParam(url.searchParams.get('page'));
	return { ...(await supervisionPage(await getDatabase(), locals.user, filter, page)), filter };
};
