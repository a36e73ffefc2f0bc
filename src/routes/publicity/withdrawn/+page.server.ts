import { getDatabase } from '$lib/server/db';
import { withdrawnPage } from '$lib/server/publicity';
import { pageNumber } from '$lib/server/http/form';
import type { PageServerLoad } from './$types';

const PAGE = 50;

export const load: PageServerLoad = async ({ url }) => ({
	...(await withdrawnPage(await getDatabase(), pageNumber(url.searchParams), PAGE)),
	done: url.searchParams.get('done')
});
