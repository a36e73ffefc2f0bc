import { getCatalog } from '$lib/server/catalog';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const c = getCatalog();
	return {
		name: c.name,
		version: c.version,
		items: c.items.filter((i) => i.tiers.length > 0).map((i) => ({ code: i.code, name: i.name, legal_basis: i.legal_basis, fine: i.fine, tiers: i.tiers })),
		hearing: c.hearing_threshold
	};
};
