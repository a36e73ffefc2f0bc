import { getDatabase } from '$lib/server/db';
import { getCatalog } from '$lib/server/catalog';
import { driftPatterns, freshFlags, reviewQueue } from '$lib/server/review';
import { RULES, type RuleId } from '$lib/domain/review-rules';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const { summary, suggester, updating } = await freshFlags();
	const db = await getDatabase();
	const filter = {
		department: url.searchParams.get('department') || undefined,
		rule: url.searchParams.get('rule') || undefined,
		item: url.searchParams.get('item') || undefined
	};
	const [queue, departments] = await Promise.all([
		reviewQueue(db, filter),
		db.query<{ d: string }>(`SELECT DISTINCT department AS d FROM cases WHERE status = '待审核' AND department IS NOT NULL ORDER BY d`)
	]);
	const patterns = suggester ? (await driftPatterns(db, getCatalog(), suggester)).map(({ case_ids, ...p }) => ({ ...p, examples: case_ids.slice(0, 5) })) : [];
	return {
		queue,
		filter,
		departments: departments.map((r) => r.d),
		items: getCatalog()
			.items.filter((i) => i.category === '行政处罚')
			.map((i) => ({ code: i.code, name: i.name })),
		rules: (Object.keys(RULES) as RuleId[]).map((r) => ({ id: r, title: RULES[r].title })),
		recomputed: summary ? { flags: summary.flags, opened: summary.opened, cleared: summary.cleared } : null,
		updating,
		patterns
	};
};
