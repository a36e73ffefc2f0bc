import type { Catalog } from '../../domain/catalog';
import type { CaseRecord } from '../../domain/case-schema';
import { CORRECTING_OUTCOMES } from '../../domain/annual-report';
import { checkCaseFile } from '../../domain/case-file-check';
import { WITHDRAWAL_DAYS, WITHDRAWING_OUTCOMES } from '../../domain/publicity-deadlines';
import { DATE_ORDER } from '../../domain/stages';
import { MIN_CASES, PENALTY_REQUIRED_STAGES, rankRows, rate, type Headline, type ScoreFlag, type Scorecard, type YearFigures } from '../../domain/scorecard';
import { CASE_SELECT } from '../cases/read';
import { cachedOnData, lit, type Queryable } from '../db';
import { caseKey, documentsByCase } from '../files/documents';
import { cellCondition, reportAgency } from './annual-report';
import { catalogConditions } from './dashboard';

/**
 * The leadership scorecard, counted in DuckDB. Every figure is a condition over one scope (the agency's cases with
 * their publicity acts and working-day numbers), so that the case list shows exactly the cases behind a number
 * with the same condition (`scoreCondition`). The scorecard itself evaluates each condition once per case of the
 * two years and counts them by year, so that a million cases cost one scan, not one per figure.
 */

const NO_DEPARTMENT = '（未注明）';

function yearRange(col: string, from: number, to = from): string {
	return `${col} >= DATE '${from}-01-01' AND ${col} < DATE '${to + 1}-01-01'`;
}

/**
 * The agency's cases as the scorecard reads them: the agency's own publicity acts win over the export's dates
 * (as on the publicity pages), with the working-day number of the decision and publication days. `where` narrows
 * the scan (to the years at hand) so that DuckDB skips the other row groups.
 */
function scope(agency: string, where: string): string {
	return `(SELECT c.* REPLACE (coalesce(p.published_on, c.published_on) AS published_on, coalesce(p.withdrawn_on, c.withdrawn_on) AS withdrawn_on),
	        p.ruling_on, dd.wd AS decided_wd, pd.wd AS published_wd
	 FROM cases c
	 LEFT JOIN publicity_acts p ON p.agency = c.agency AND p.case_id = c.case_id
	 LEFT JOIN working_days dd ON dd.day = c.decided_on
	 LEFT JOIN working_days pd ON pd.day = coalesce(p.published_on, c.published_on)
	 WHERE c.agency = ${lit(agency)} AND ${where})`;
}

const DECIDED = `decided_on IS NOT NULL AND status <> '待审核'`;
/** The fines the consistency measure compares: a decided penalty with a fine, its item and its benchmark tier. */
const FINED = `category = '行政处罚' AND fine_amount > 0 AND circumstance_tier IS NOT NULL AND item_code IS NOT NULL`;
const CORRECTING = `(${CORRECTING_OUTCOMES.map(lit).join(', ')})`;
const WITHDRAWING = `(${WITHDRAWING_OUTCOMES.map(lit).join(', ')})`;

/**
 * The conditions over the scope's columns (unqualified), for a decided case of any year: the year is added by
 * the caller (`decided_on` in the year), as the case list and the scorecard each do.
 */
function conditions(catalog: Catalog) {
	const { publicationLimit, major } = catalogConditions(catalog);
	const avItems = catalog.items.filter((i) => i.av_required).map((i) => lit(i.code));
	const datesPresent = `(category <> '行政处罚' OR (${PENALTY_REQUIRED_STAGES.map((k) => `${k} IS NOT NULL`).join(' AND ')}))`;
	const pairs: string[] = [];
	for (let i = 0; i < DATE_ORDER.length; i++)
		for (let j = i + 1; j < DATE_ORDER.length; j++) pairs.push(`coalesce(${DATE_ORDER[i]} <= ${DATE_ORDER[j]}, true)`);
	const inOrder = `(${pairs.join(' AND ')})`;
	const avPresent = avItems.length ? `(coalesce(item_code, '') NOT IN (${avItems.join(', ')}) OR av_recorded IS TRUE)` : 'true';
	const publicityDue = `category IN ('行政处罚', '行政许可')`;
	const publishedInTime = `coalesce(published_wd - decided_wd <= ${publicationLimit}, false)`;
	const withdrawalDue = `published_on IS NOT NULL AND (coalesce(reconsideration, '') IN ${WITHDRAWING} OR coalesce(litigation, '') IN ${WITHDRAWING})`;
	// A withdrawal counts as on time only against a recorded ruling date: without one, "within 3 days" cannot be shown.
	const withdrawnInTime = `coalesce(withdrawn_on <= ruling_on + ${WITHDRAWAL_DAYS}, false)`;
	const reviewedBefore = `coalesce(review_result = '通过' AND reviewed_on <= decided_on, false)`;
	return {
		publicityDue,
		publishedInTime,
		withdrawalDue,
		withdrawnInTime,
		datesPresent,
		inOrder,
		avPresent,
		recordComplete: `${datesPresent} AND ${inOrder} AND ${avPresent}`,
		major,
		reviewedBefore,
		reconsidered: `coalesce(reconsideration, '无') <> '无'`,
		corrected: `coalesce(reconsideration, '') IN ${CORRECTING}`,
		litigated: `coalesce(litigation, '无') <> '无'`,
		lost: `coalesce(litigation, '') IN ${CORRECTING}`
	};
}

/** A certificate valid on a date of the case (`r` is the roster row; no date, nothing to check). */
const validOn = (d: string) => `(${d} IS NULL OR ((r.valid_from IS NULL OR ${d} >= r.valid_from) AND (r.valid_to IS NULL OR ${d} <= r.valid_to)))`;
const CERTIFIED = `(r.cert_no IS NOT NULL AND ${validOn('a.filed_on')} AND ${validOn('a.decided_on')})`;
/** An officer acts in the year of the case's decision, or of its filing when undecided (as the case list counts years). */
const ACTED_ON = 'coalesce(decided_on, filed_on)';

/** The cases behind one scorecard figure, as a condition on `cases` for the case list. */
export function scoreCondition(flag: ScoreFlag, catalog: Catalog, agency: string, year: number): string {
	const c = conditions(catalog);
	const decided = `${DECIDED} AND ${yearRange('decided_on', year)}`;
	const inScope = (cond: string) =>
		`agency = ${lit(agency)} AND case_id IN (SELECT case_id FROM ${scope(agency, yearRange('c.decided_on', year))} WHERE ${decided} AND ${cond})`;
	switch (flag) {
		case 'sc-fined':
			return inScope(FINED);
		case 'sc-publicity-due':
			return inScope(c.publicityDue);
		case 'sc-publicity-late':
			return inScope(`${c.publicityDue} AND NOT ${c.publishedInTime}`);
		case 'sc-withdrawal-due':
			return inScope(c.withdrawalDue);
		case 'sc-withdrawal-late':
			return inScope(`${c.withdrawalDue} AND NOT ${c.withdrawnInTime}`);
		case 'sc-record':
			return inScope('true');
		case 'sc-record-incomplete':
			return inScope(`NOT (${c.recordComplete})`);
		case 'sc-major':
			return inScope(c.major);
		case 'sc-major-unreviewed':
			return inScope(`${c.major} AND NOT ${c.reviewedBefore}`);
		case 'sc-reconsidered':
			return inScope(c.reconsidered);
		case 'sc-corrected':
			return inScope(c.corrected);
		case 'sc-litigated':
			return inScope(c.litigated);
		case 'sc-lost':
			return inScope(c.lost);
		case 'sc-uncertified':
			return `agency = ${lit(agency)} AND ${yearRange(ACTED_ON, year)} AND case_id IN (
				SELECT a.case_id FROM (SELECT case_id, unnest(officer_ids) AS o, filed_on, decided_on FROM cases WHERE agency = ${lit(agency)} AND ${yearRange(ACTED_ON, year)}) a
				LEFT JOIN officers r ON r.cert_no = a.o WHERE NOT ${CERTIFIED})`;
	}
}

const NO_HEADLINE: Headline = { cases: 0, decisions: 0, amountFen: 0 };
const round2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

type Counts = Record<string, number>;

/** Every figure of the three systems, for each year from `from` to `to`, in one scan of the scope. */
async function yearCounts(db: Queryable, catalog: Catalog, agency: string, from: number, to: number): Promise<Map<number, Counts>> {
	const c = conditions(catalog);
	// Each condition once per case, as a column; the counting by year is then a sum of booleans.
	const columns: [string, string][] = [
		['decided', DECIDED],
		['pub_due', c.publicityDue],
		['pub_on_time', `${c.publicityDue} AND ${c.publishedInTime}`],
		['wd_due', c.withdrawalDue],
		['wd_on_time', `${c.withdrawalDue} AND ${c.withdrawnInTime}`],
		['rec_complete', c.recordComplete],
		['rec_dates', `NOT ${c.datesPresent}`],
		['rec_order', `NOT ${c.inOrder}`],
		['rec_av', `NOT ${c.avPresent}`],
		['major', c.major],
		['reviewed', `${c.major} AND ${c.reviewedBefore}`],
		['recon', c.reconsidered],
		['corrected', c.corrected],
		['litig', c.litigated],
		['lost', c.lost]
	];
	// The annual report's 表一 合计 (decisions with a penalty), its own condition for each year, so the figure is the report's.
	const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
	for (const y of years) columns.push([`penalty_${y}`, cellCondition({ table: 'table1', column: '合计' }, y, agency)]);
	const rows = await db.query<Counts & { y: number; acting_cases: number }>(
		`WITH s AS (SELECT year(decided_on) AS y, ${columns.map(([k, v]) => `coalesce(${v}, false) AS ${k}`).join(', ')},
		                   coalesce(fine_amount, 0) + coalesce(confiscated_amount, 0) AS amount
		            FROM ${scope(agency, yearRange('c.decided_on', from, to))} WHERE ${DECIDED}),
		      d AS (SELECT y, ${columns.map(([k]) => `count_if(${k}) AS ${k}`).join(', ')},
		                   ${years.map((y) => `CAST(coalesce(sum(amount) FILTER (WHERE penalty_${y}), 0) * 100 AS BIGINT) AS amount_fen_${y}`).join(', ')}
		            FROM s GROUP BY y),
		      a AS (SELECT year(${ACTED_ON}) AS y, count(*) AS acting_cases FROM cases
		            WHERE agency = ${lit(agency)} AND ${yearRange(ACTED_ON, from, to)} GROUP BY 1)
		 SELECT coalesce(d.y, a.y) AS y, d.* EXCLUDE (y), a.acting_cases FROM d FULL JOIN a ON a.y = d.y`
	);
	const officers = await db.query<{ y: number; acting: number; certified: number }>(
		`WITH a AS (SELECT year(${ACTED_ON}) AS y, unnest(officer_ids) AS o, filed_on, decided_on FROM cases
		            WHERE agency = ${lit(agency)} AND ${yearRange(ACTED_ON, from, to)}),
		      k AS (SELECT a.y, a.o, bool_and(${CERTIFIED}) AS ok FROM a LEFT JOIN officers r ON r.cert_no = a.o GROUP BY a.y, a.o)
		 SELECT y, count(*) AS acting, count_if(ok) AS certified FROM k GROUP BY y`
	);
	const out = new Map<number, Counts>();
	for (const r of rows) out.set(Number(r.y), Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v ?? 0)])));
	for (const o of officers) out.set(Number(o.y), { ...(out.get(Number(o.y)) ?? {}), acting: Number(o.acting), certified: Number(o.certified) });
	return out;
}

/**
 * Case files kept electronically whose evaluation (案卷评查) finds them incomplete, among the years' decided
 * cases: how many per year, and how many of them are otherwise whole (the record figure counts them as incomplete).
 */
async function caseFileShortfall(
	db: Queryable,
	catalog: Catalog,
	agency: string,
	from: number,
	to: number
): Promise<Map<number, { withFile: number; incomplete: number; knockedOut: number }>> {
	const out = new Map<number, { withFile: number; incomplete: number; knockedOut: number }>();
	// From the (small) case-file table to the cases, not the other way round: most cases have no electronic file.
	const cases = (await db.query(
		`SELECT ${CASE_SELECT}, year(decided_on) AS decided_year, coalesce(${conditions(catalog).recordComplete}, false) AS sql_complete FROM cases
		 WHERE agency = ${lit(agency)} AND ${DECIDED} AND ${yearRange('decided_on', from, to)}
		   AND case_id IN (SELECT case_id FROM case_files WHERE agency = ${lit(agency)})`
	)) as (CaseRecord & { decided_year: number; sql_complete: boolean })[];
	if (!cases.length) return out;
	const docs = await documentsByCase(db);
	for (const c of cases) {
		const y = Number(c.decided_year);
		const v = out.get(y) ?? { withFile: 0, incomplete: 0, knockedOut: 0 };
		v.withFile++;
		if (!checkCaseFile(c, catalog, docs.get(caseKey(agency, c.case_id ?? '')) ?? []).complete) {
			v.incomplete++;
			if (c.sql_complete) v.knockedOut++;
		}
		out.set(y, v);
	}
	return out;
}

/** Each decided fine's distance from the agency's median for its item and tier in the same year. */
function differences(agency: string): string {
	return `f AS (SELECT year(decided_on) AS y, item_code, circumstance_tier AS tier, coalesce(department, '${NO_DEPARTMENT}') AS department, officer_ids,
	                     CAST(fine_amount AS DOUBLE) AS fine
	              FROM cases WHERE agency = ${lit(agency)} AND ${DECIDED} AND ${FINED}),
	        m AS (SELECT y, item_code, tier, median(fine) AS med FROM f GROUP BY ALL),
	        d AS MATERIALIZED (SELECT f.y, f.department, f.officer_ids, f.fine - m.med AS diff FROM f JOIN m USING (y, item_code, tier))`;
}

/** The trend over every year, and the year's branches and officers, from one pass over the fines. */
async function consistency(db: Queryable, agency: string, year: number): Promise<Scorecard['consistency']> {
	const rows = await db.query<{ kind: string; key: string; n: number; shift: number | null; spread: number | null }>(
		`WITH ${differences(agency)}
		 SELECT 'year' AS kind, CAST(y AS VARCHAR) AS key, count(*) AS n, NULL::DOUBLE AS shift, median(abs(diff)) AS spread FROM d GROUP BY y
		 UNION ALL
		 SELECT 'department', department, count(*), median(diff), median(abs(diff)) FROM d WHERE y = ${year} GROUP BY department
		 UNION ALL
		 SELECT 'officer', officer_id, count(*), median(diff), median(abs(diff))
		 FROM (SELECT unnest(officer_ids) AS officer_id, diff FROM d WHERE y = ${year}) GROUP BY officer_id`
	);
	const names = new Map(
		(
			await db.query<{ cert_no: string; name: string }>(
				`SELECT cert_no, any_value(name) AS name FROM officers WHERE cert_no IN (${
					rows
						.filter((r) => r.kind === 'officer')
						.map((r) => lit(r.key))
						.join(', ') || "''"
				}) GROUP BY 1`
			)
		).map((r) => [r.cert_no, r.name])
	);
	const trend = rows
		.filter((r) => r.kind === 'year')
		.map((r) => ({ year: Number(r.key), cases: Number(r.n), spread: round2(r.spread) }))
		.sort((a, b) => a.year - b.year);
	const row = (r: { n: number; shift: number | null; spread: number | null }) => {
		const cases = Number(r.n);
		const enough = cases >= MIN_CASES;
		return { cases, median_shift: enough ? round2(r.shift) : null, spread: enough ? round2(r.spread) : null };
	};
	const at = (y: number) => trend.find((t) => t.year === y);
	return {
		spread: at(year)?.spread ?? null,
		spread_previous_year: at(year - 1)?.spread ?? null,
		cases: at(year)?.cases ?? 0,
		by_department: rankRows(
			rows.filter((r) => r.kind === 'department').map((r) => ({ department: r.key, ...row(r) })),
			(r) => r.department
		),
		by_officer: rankRows(
			rows.filter((r) => r.kind === 'officer').map((r) => ({ officer_id: r.key, name: names.get(r.key) ?? null, ...row(r) })),
			(r) => r.officer_id
		),
		trend
	};
}

function figures(n: Counts | undefined, files: { knockedOut: number } | undefined): YearFigures {
	const v = (k: string) => n?.[k] ?? 0;
	const complete = v('rec_complete') - (files?.knockedOut ?? 0);
	return {
		publicity: { due: v('pub_due'), on_time: v('pub_on_time'), rate: rate(v('pub_on_time'), v('pub_due')) },
		withdrawal: { due: v('wd_due'), on_time: v('wd_on_time'), rate: rate(v('wd_on_time'), v('wd_due')) },
		record: { cases: v('decided'), complete, rate: rate(complete, v('decided')) },
		legal_review: { major: v('major'), reviewed_before: v('reviewed'), rate: rate(v('reviewed'), v('major')) },
		reconsideration: { cases: v('recon'), corrected: v('corrected') },
		litigation: { cases: v('litig'), lost: v('lost') },
		officers: { acting: v('acting'), certified: v('certified'), rate: rate(v('certified'), v('acting')) }
	};
}

/** The scorecard of a year for an agency (the one with the most cases when none is named). */
export async function scorecard(db: Queryable, catalog: Catalog, year: number, agencyName?: string): Promise<Scorecard> {
	const agency = await reportAgency(db, agencyName);
	const counts = await yearCounts(db, catalog, agency, year - 1, year);
	const files = await caseFileShortfall(db, catalog, agency, year - 1, year);
	const now = counts.get(year);
	const reviewResults = await db.query<{ result: string; n: number }>(
		`SELECT coalesce(CASE WHEN reviewed_on IS NULL THEN NULL ELSE review_result END, '未审核') AS result, count(*) AS n
		 FROM cases WHERE agency = ${lit(agency)} AND ${DECIDED} AND ${yearRange('decided_on', year)} AND ${conditions(catalog).major} GROUP BY 1 ORDER BY 2 DESC, 1`
	);
	const headline = (y: number): Headline => {
		const n = counts.get(y);
		return n ? { cases: n.acting_cases ?? 0, decisions: n[`penalty_${y}`] ?? 0, amountFen: n[`amount_fen_${y}`] ?? 0 } : NO_HEADLINE;
	};
	return {
		year,
		agency,
		consistency: await consistency(db, agency, year),
		current: figures(now, files.get(year)),
		previous: figures(counts.get(year - 1), files.get(year - 1)),
		recordDetail: {
			datesMissing: now?.rec_dates ?? 0,
			outOfOrder: now?.rec_order ?? 0,
			avMissing: now?.rec_av ?? 0,
			fileIncomplete: files.get(year)?.incomplete ?? 0,
			withFile: files.get(year)?.withFile ?? 0
		},
		reviewResults: reviewResults.map((r) => ({ result: r.result, n: Number(r.n) })),
		headline: { current: headline(year), previous: headline(year - 1) }
	};
}

/**
 * The scorecard as the pages read it: computed once per data version and catalog version, so the overview, the
 * scorecard page and the evaluation report of the same year cost one computation between imports.
 */
export function cachedScorecard(db: Queryable, catalog: Catalog, year: number, agency?: string): Promise<Scorecard> {
	return cachedOnData(db, `scorecard:${catalog.version}:${year}:${agency ?? ''}`, () => scorecard(db, catalog, year, agency));
}
