import { getDatabase } from '$lib/server/db';
import { pageParam, REVIEW_STATES, reviewQueuePage, type ReviewState } from '$lib/server/review';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const state = url.searchParams.get('state');
	const filter = {
		department: url.searchParams.get('department') || undefined,
		rule: url.searchParams.get('rule') || undefined,
		item: url.searchParams.get('item') || undefined,
		state: (REVIEW_STATES as readonly string[]).includes(state ?? '') ? (state as ReviewState) : undefined
	};
	const page = pageParam(url.searchParams.get('page'));
	return { ...(await reviewQueuePage(await getDatabase(), locals.user, filter, page)), filter };
};
