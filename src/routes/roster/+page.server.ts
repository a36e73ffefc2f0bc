import { getDatabase } from '$lib/server/db';
import { listOfficers } from '$lib/server/stats';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({
	officers: await listOfficers(await getDatabase()),
	today: new Date().toISOString().slice(0, 10)
});
