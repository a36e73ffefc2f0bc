import { TIERS } from '$lib/domain/case-schema';
import { getCatalog } from '$lib/server/catalog';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const c = getCatalog();
	return {
		name: c.name,
		version: c.version,
		items: c.items
			.filter((i) => i.tiers.length > 0)
			// Tiers in the dictionary's order (不予处罚 … 从重), whatever order the catalog file lists them in.
			.map((i) => ({
				code: i.code,
				name: i.name,
				legal_basis: i.legal_basis,
				fine: i.fine,
				tiers: [...i.tiers].sort((a, b) => TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier))
			})),
		hearing: c.hearing_threshold
	};
};
