import { getDatabase } from '$lib/server/db';
import { getCatalog } from '$lib/server/catalog';
import { overviewPage } from '$lib/server/stats';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => overviewPage(await getDatabase(), getCatalog());
