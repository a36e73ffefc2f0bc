import { getDatabase } from '$lib/server/db';
import { publicBenchmark } from '$lib/server/catalog/benchmark';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => publicBenchmark(await getDatabase());
