import { getCatalog } from '$lib/server/catalog';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const { byCode: _byCode, byName: _byName, ...catalog } = getCatalog();
	return { catalog };
};
