import { getDatabase } from '$lib/server/db';
import { agencyName } from '$lib/server/publicity';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async () => ({ agency: await agencyName(await getDatabase()) });
