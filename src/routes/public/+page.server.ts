import { getDatabase } from '$lib/server/db';
import { getCatalog } from '$lib/server/catalog';
import { listPublished, publicOfficers, today } from '$lib/server/publicity';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const db = await getDatabase();
	const day = today();
	const catalog = getCatalog();
	const [officers, decisions] = await Promise.all([publicOfficers(db, day), listPublished(db, day, {}, 1, 0, true)]);
	return {
		catalogName: catalog.name,
		items: catalog.items.map((i) => ({ code: i.code, name: i.name, category: i.category })),
		officers: officers.length,
		departments: [...new Set(officers.map((o) => o.department).filter((d): d is string => d !== null))],
		decisions: decisions.total,
		today: day
	};
};
