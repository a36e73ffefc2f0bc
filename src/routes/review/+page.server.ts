import { getDatabase } from '$lib/server/db';
import { reviewQueuePage } from '$lib/server/review';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const filter = {
		department: url.searchParams.get('department') || undefined,
		rule: url.searchParams.get('rule') || undefined,
		item: url.searchParams.get('item') || undefined
	};
	return { ...(await reviewQueuePage(await getDatabase(), locals.user, filter)), filter };
};
