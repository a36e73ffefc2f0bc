import { getDatabase } from '$lib/server/db';
import { mayActOnPublicity, publishedPage } from '$lib/server/publicity';
import { pageNumber } from '$lib/server/http/form';
import { publishedFilter } from '../filter';
import type { PageServerLoad } from './$types';

const PAGE = 50;

export const load: PageServerLoad = async ({ url, locals }) => {
	const filter = publishedFilter(url.searchParams);
	return {
		...(await publishedPage(await getDatabase(), filter, pageNumber(url.searchParams), PAGE)),
		filter: { q: filter.q ?? '', from: filter.from ?? '', to: filter.to ?? '', ended: filter.includeEnded ?? false },
		canAct: mayActOnPublicity(locals.user)
	};
};
