import { CATEGORIES, type Category } from '../../domain/case-schema';
import type { Queryable } from '../db';

/** What the home page shows: counts a user can check against the exports, and where they come from. */
export interface Overview {
	agencies: string[];
	totalCases: number;
	/** The latest stage date in the data: how current it is. */
	latestDate: string | null;
	pending: number;
	open: number;
	/** Cases by year of filing and category. */
	byYear: { year: number; counts: Partial<Record<Category, number>>; total: number }[];
	/** Categories that occur, in the dictionary's order. */
	categories: Category[];
	/** 行政处罚 decisions by year of decision, with fines and confiscations in fen. */
	decisions: { year: number; decisions: number; finesFen: number; confiscatedFen: number }[];
	totals: { decisions: number; finesFen: number; confiscatedFen: number };
}

export async function overview(db: Queryable): Promise<Overview> {
	const byYearRows = await db.query<{ year: number; category: string; n: number }>(
		`SELECT year(filed_on) AS year, category, count(*) AS n FROM cases GROUP BY ALL ORDER BY ALL`
	);
	const decisionRows = await db.query<{ year: number; decisions: number; fines: number; confiscated: number }>(
		`SELECT year(decided_on) AS year, count(*) AS decisions,
		        CAST(coalesce(sum(fine_amount), 0) * 100 AS BIGINT) AS fines,
		        CAST(coalesce(sum(confiscated_amount), 0) * 100 AS BIGINT) AS confiscated
		 FROM cases WHERE category = '行政处罚' AND decided_on IS NOT NULL AND status <> '待审核'
		 GROUP BY ALL ORDER BY ALL`
	);
	const [head] = await db.query<{ total: number; pending: number; open: number; latest: string | null }>(
		`SELECT count(*) AS total,
		        count(*) FILTER (status = '待审核') AS pending,
		        count(*) FILTER (status = '办理中') AS open,
		        strftime(max(greatest(filed_on, decided_on, closed_on)), '%Y-%m-%d') AS latest
		 FROM cases`
	);
	const agencies = (await db.query<{ agency: string }>(`SELECT DISTINCT agency FROM cases ORDER BY agency`)).map((r) => r.agency);

	const years = new Map<number, Overview['byYear'][number]>();
	const seen = new Set<string>();
	for (const r of byYearRows) {
		const y = years.get(r.year) ?? { year: r.year, counts: {}, total: 0 };
		y.counts[r.category as Category] = r.n;
		y.total += r.n;
		years.set(r.year, y);
		seen.add(r.category);
	}
	const decisions = decisionRows.map((r) => ({ year: r.year, decisions: r.decisions, finesFen: r.fines, confiscatedFen: r.confiscated }));
	return {
		agencies,
		totalCases: head?.total ?? 0,
		latestDate: head?.latest ?? null,
		pending: head?.pending ?? 0,
		open: head?.open ?? 0,
		byYear: [...years.values()],
		categories: CATEGORIES.filter((c) => seen.has(c)),
		decisions,
		totals: {
			decisions: decisions.reduce((s, d) => s + d.decisions, 0),
			finesFen: decisions.reduce((s, d) => s + d.finesFen, 0),
			confiscatedFen: decisions.reduce((s, d) => s + d.confiscatedFen, 0)
		}
	};
}
