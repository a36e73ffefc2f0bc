import type { Catalog } from '../../domain/catalog';
import type { CatalogBook } from '../../domain/catalog-versions';
import { catalogBook } from '../catalog/versions';
import type { Queryable, Param } from '../db';

/** What leadership filters the statistics by; every chart and number obeys all of them. */
export interface StatsFilter {
	year: number;
	department?: string;
	category?: string;
	itemCode?: string;
	officer?: string;
}

export interface Dashboard {
	cases: number;
	byCategory: { category: string; n: number }[];
	decisions: number;
	finesFen: number;
	confiscatedFen: number;
	daysToDecision: { mean: number | null; p90: number | null; n: number };
	/** 行政处罚 and 行政许可 decisions (the 双公示 scope) and whether they were published within the catalog's working days. */
	publication: { due: number; onTime: number; late: number; unpublished: number };
	majorReview: { major: number; reviewedBefore: number };
	reconsideration: { n: number; corrected: number };
	litigation: { n: number; lost: number };
	officersValid: number;
	monthly: { month: number; category: string; n: number }[];
	/** Penalty decisions by days from filing to decision, in 10-day bins (bin 0 = 0–9 days). */
	daysHistogram: { bin: number; n: number }[];
	byBranch: { department: string; cases: number; decisions: number; finesFen: number }[];
	/** For each item and tier: each branch's fines (quartiles) beside the agency's, in yuan. */
	consistency: {
		itemCode: string;
		itemName: string;
		tier: string;
		department: string | null;
		n: number;
		min: number;
		q1: number;
		median: number;
		q3: number;
		max: number;
	}[];
}

function where(f: StatsFilter): { sql: string; params: Param[] } {
	const parts = ['coalesce(decided_on, filed_on) >= make_date(?, 1, 1)', 'coalesce(decided_on, filed_on) < make_date(?, 1, 1)'];
	const params: Param[] = [f.year, f.year + 1];
	if (f.department) {
		parts.push('department = ?');
		params.push(f.department);
	}
	if (f.category) {
		parts.push('category = ?');
		params.push(f.category);
	}
	if (f.itemCode) {
		parts.push('item_code = ?');
		params.push(f.itemCode);
	}
	if (f.officer) {
		parts.push('list_contains(officer_ids, ?)');
		params.push(f.officer);
	}
	return { sql: parts.join(' AND '), params };
}

/** Case lists behind the statistics' headline figures. */
export const STATS_FLAGS = [
	'publication-due',
	'published-on-time',
	'published-late',
	'unpublished',
	'major',
	'major-reviewed',
	'major-unreviewed',
	'reconsidered',
	'corrected',
	'litigated',
	'lost'
] as const;
export type StatsFlag = (typeof STATS_FLAGS)[number];

/** SQL over `cases` (columns unqualified) for the catalog's publication deadline and major-decision rule. */
export function catalogConditions(catalog: Catalog): { publicationLimit: string; major: string } {
	const pubDays = catalog.publicity_working_days;
	const publicationLimit = `CASE category ${Object.entries(pubDays)
		.filter(([k]) => k !== 'default')
		.map(([k, v]) => `WHEN '${k.replaceAll("'", "''")}' THEN ${Number(v)}`)
		.join(' ')} ELSE ${Number(pubDays.default)} END`;
	const m = catalog.major_decision;
	const major = `(coalesce(major_decision, false) OR coalesce(fine_amount, 0) >= ${Number(m.fine_at_least)}
		OR list_has_any(coalesce(penalty_types, []), [${m.penalty_types.map((p) => `'${p.replaceAll("'", "''")}'`).join(', ') || "''"}])
		OR coalesce(circumstance_tier, '') IN (${m.tiers.map((t) => `'${t}'`).join(', ') || "''"}) ${m.hearing ? 'OR hearing_on IS NOT NULL' : ''})`;
	return { publicationLimit, major };
}

/**
 * The conditions with each case judged by the catalog version in force on its date: one CASE over the versions,
 * newest first, so that the statistics count a decision as its own benchmark saw it.
 */
export function versionedConditions(catalog: Catalog, book: CatalogBook | null): { publicationLimit: string; major: string } {
	const inForce = book ? book.versions.filter((v) => v.effective_from <= book.today) : [];
	if (inForce.length < 2) return catalogConditions(inForce[0]?.catalog ?? catalog);
	const [first, ...later] = inForce.map((v) => ({ from: v.effective_from, sql: catalogConditions(v.catalog) }));
	const newestFirst = [...later].reverse();
	const pick = (key: 'publicationLimit' | 'major') =>
		`(CASE ${newestFirst.map((v) => `WHEN coalesce(decided_on, filed_on) >= DATE '${v.from}' THEN ${v.sql[key]}`).join(' ')} ELSE ${first!.sql[key]} END)`;
	return { publicationLimit: pick('publicationLimit'), major: pick('major') };
}

/** The condition for one headline figure's cases (decided cases only), as the case list applies it. */
export function flagCondition(flag: StatsFlag, catalog: Catalog, book: CatalogBook | null = null): string {
	const { publicationLimit, major } = versionedConditions(catalog, book);
	const decided = `decided_on IS NOT NULL AND status <> '待审核'`;
	const wd = (col: string) => `(SELECT wd FROM working_days WHERE day = ${col})`;
	const correcting = `('撤销', '变更', '确认违法', '责令履行')`;
	switch (flag) {
		case 'publication-due':
			return `${decided} AND category IN ('行政处罚', '行政许可')`;
		case 'published-on-time':
			return `${decided} AND category IN ('行政处罚', '行政许可') AND ${wd('published_on')} - ${wd('decided_on')} <= ${publicationLimit}`;
		case 'published-late':
			return `${decided} AND category IN ('行政处罚', '行政许可') AND ${wd('published_on')} - ${wd('decided_on')} > ${publicationLimit}`;
		case 'unpublished':
			return `${decided} AND category IN ('行政处罚', '行政许可') AND published_on IS NULL`;
		case 'major':
			return `${decided} AND ${major}`;
		case 'major-reviewed':
			return `${decided} AND ${major} AND review_result = '通过' AND reviewed_on <= decided_on`;
		case 'major-unreviewed':
			return `${decided} AND ${major} AND NOT (coalesce(review_result, '') = '通过' AND coalesce(reviewed_on <= decided_on, false))`;
		case 'reconsidered':
			return `${decided} AND coalesce(reconsideration, '无') <> '无'`;
		case 'corrected':
			return `${decided} AND reconsideration IN ${correcting}`;
		case 'litigated':
			return `${decided} AND coalesce(litigation, '无') <> '无'`;
		case 'lost':
			return `${decided} AND litigation IN ${correcting}`;
	}
}

/** The leadership statistics for a filter, aggregated in DuckDB (rows never come into JavaScript). */
export async function dashboard(db: Queryable, catalog: Catalog, f: StatsFilter): Promise<Dashboard> {
	const w = where(f);
	const decided = `${w.sql} AND decided_on IS NOT NULL AND status <> '待审核'`;
	const { publicationLimit: limitSql, major: majorSql } = versionedConditions(catalog, await catalogBook(db));

	const [h] = await db.query<{
		cases: number;
		decisions: number;
		fines: number;
		confiscated: number;
		mean_days: number | null;
		p90_days: number | null;
		n_days: number;
		due: number;
		on_time: number;
		late: number;
		unpublished: number;
		major: number;
		reviewed_before: number;
		recon: number;
		corrected: number;
		litig: number;
		lost: number;
	}>(
		`WITH base AS (SELECT * FROM cases WHERE ${w.sql}),
		      dec AS (SELECT * FROM cases WHERE ${decided}),
		      pen AS (SELECT * FROM dec WHERE category = '行政处罚'),
		      pub AS (SELECT d.*, pd.wd - dd.wd AS wdays FROM dec d LEFT JOIN working_days dd ON dd.day = d.decided_on LEFT JOIN working_days pd ON pd.day = d.published_on WHERE d.category IN ('行政处罚', '行政许可'))
		 SELECT (SELECT count(*) FROM base) AS cases,
		        (SELECT count(*) FROM pen) AS decisions,
		        (SELECT CAST(coalesce(sum(fine_amount), 0) * 100 AS BIGINT) FROM pen) AS fines,
		        (SELECT CAST(coalesce(sum(confiscated_amount), 0) * 100 AS BIGINT) FROM pen) AS confiscated,
		        (SELECT avg(decided_on - filed_on) FROM pen) AS mean_days,
		        (SELECT quantile_cont(decided_on - filed_on, 0.9) FROM pen) AS p90_days,
		        (SELECT count(*) FROM pen) AS n_days,
		        (SELECT count(*) FROM pub) AS due,
		        (SELECT count(*) FILTER (wdays <= ${limitSql}) FROM pub) AS on_time,
		        (SELECT count(*) FILTER (wdays > ${limitSql}) FROM pub) AS late,
		        (SELECT count(*) FILTER (published_on IS NULL) FROM pub) AS unpublished,
		        (SELECT count(*) FROM dec WHERE ${majorSql}) AS major,
		        (SELECT count(*) FROM dec WHERE ${majorSql} AND review_result = '通过' AND reviewed_on <= decided_on) AS reviewed_before,
		        (SELECT count(*) FROM dec WHERE coalesce(reconsideration, '无') <> '无') AS recon,
		        (SELECT count(*) FROM dec WHERE reconsideration IN ('撤销', '变更', '确认违法', '责令履行')) AS corrected,
		        (SELECT count(*) FROM dec WHERE coalesce(litigation, '无') <> '无') AS litig,
		        (SELECT count(*) FROM dec WHERE litigation IN ('撤销', '变更', '确认违法', '责令履行')) AS lost`,
		[...w.params, ...w.params]
	);
	const byCategory = await db.query<{ category: string; n: number }>(
		`SELECT category, count(*) AS n FROM cases WHERE ${w.sql} GROUP BY 1 ORDER BY 2 DESC`,
		w.params
	);
	const monthly = await db.query<{ month: number; category: string; n: number }>(
		`SELECT month(coalesce(decided_on, filed_on)) AS month, category, count(*) AS n FROM cases WHERE ${w.sql} GROUP BY ALL ORDER BY ALL`,
		w.params
	);
	const daysHistogram = await db.query<{ bin: number; n: number }>(
		`SELECT CAST(floor((decided_on - filed_on) / 10) AS INTEGER) AS bin, count(*) AS n FROM cases
		 WHERE ${decided} AND category = '行政处罚' AND filed_on IS NOT NULL AND decided_on >= filed_on GROUP BY 1 ORDER BY 1`,
		w.params
	);
	const byBranch = await db.query<{ department: string; cases: number; decisions: number; finesFen: number }>(
		`SELECT coalesce(department, '（未注明）') AS department, count(*) AS cases,
		        count(*) FILTER (category = '行政处罚' AND decided_on IS NOT NULL AND status <> '待审核') AS decisions,
		        CAST(coalesce(sum(fine_amount) FILTER (category = '行政处罚' AND decided_on IS NOT NULL AND status <> '待审核'), 0) * 100 AS BIGINT) AS "finesFen"
		 FROM cases WHERE ${w.sql} GROUP BY 1 ORDER BY 1`,
		w.params
	);
	const consistency = await db.query<Dashboard['consistency'][number]>(
		`SELECT item_code AS "itemCode", any_value(item_name) AS "itemName", circumstance_tier AS tier, department, count(*) AS n,
		        CAST(min(fine_amount) AS DOUBLE) AS min, quantile_cont(fine_amount, 0.25) AS q1, quantile_cont(fine_amount, 0.5) AS median,
		        quantile_cont(fine_amount, 0.75) AS q3, CAST(max(fine_amount) AS DOUBLE) AS max
		 FROM cases WHERE ${decided} AND category = '行政处罚' AND fine_amount > 0 AND circumstance_tier IS NOT NULL
		 GROUP BY GROUPING SETS ((item_code, circumstance_tier, department), (item_code, circumstance_tier))
		 ORDER BY "itemCode", tier, department NULLS FIRST`,
		w.params
	);
	const [o] = await db.query<{ n: number }>(
		`SELECT count(*) AS n FROM officers WHERE coalesce(valid_from, DATE '1900-01-01') <= make_date(?, 12, 31) AND coalesce(valid_to, DATE '2999-12-31') >= make_date(?, 12, 31)${f.department ? ' AND department = ?' : ''}`,
		f.department ? [f.year, f.year, f.department] : [f.year, f.year]
	);
	return {
		cases: h?.cases ?? 0,
		byCategory,
		decisions: h?.decisions ?? 0,
		finesFen: h?.fines ?? 0,
		confiscatedFen: h?.confiscated ?? 0,
		daysToDecision: { mean: h?.mean_days ?? null, p90: h?.p90_days ?? null, n: h?.n_days ?? 0 },
		publication: { due: h?.due ?? 0, onTime: h?.on_time ?? 0, late: h?.late ?? 0, unpublished: h?.unpublished ?? 0 },
		majorReview: { major: h?.major ?? 0, reviewedBefore: h?.reviewed_before ?? 0 },
		reconsideration: { n: h?.recon ?? 0, corrected: h?.corrected ?? 0 },
		litigation: { n: h?.litig ?? 0, lost: h?.lost ?? 0 },
		officersValid: o?.n ?? 0,
		monthly,
		daysHistogram,
		byBranch,
		consistency
	};
}
