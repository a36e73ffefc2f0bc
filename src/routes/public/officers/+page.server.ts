import { getDatabase } from '$lib/server/db';
import { publicOfficers, today } from '$lib/server/publicity';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const day = today();
	return { officers: await publicOfficers(await getDatabase(), day), today: day };
};
