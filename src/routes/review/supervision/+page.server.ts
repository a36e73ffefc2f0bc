import { getDatabase } from '$lib/server/db';
import { supervisionFilterOf, supervisionPage } from '$lib/server/review';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const filter = supervisionFilterOf(url.searchParams);
	const page = Math.max(0, Math.floor(Number(url.searchParams.get('page')) || 0));
	return { ...(await supervisionPage(await getDatabase(), locals.user, filter, page)), filter };
};
