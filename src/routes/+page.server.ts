import { getDatabase } from '$lib/server/db';
import { overview } from '$lib/server/stats';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ overview: await overview(await getDatabase()) });
