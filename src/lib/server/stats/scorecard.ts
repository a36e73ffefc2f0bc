import type { Catalog } from '../../domain/catalog';
import { CORRECTING_OUTCOMES } from '../../domain/annual-report';
import { WITHDRAWAL_DAYS, WITHDRAWING_OUTCOMES } from '../../domain/publicity-deadlines';
import { DATE_ORDER } from '../../domain/stages';
import {
	MIN_CASES,
	PENALTY_REQUIRED_STAGES,
	rankRows,
	rate,
	type Headline,
	type RecordDetail,
	type ScoreFlag,
	type Scorecard,
	type YearFigures
} from '../../domain/scorecard';
import { cachedOnData, lit, type Queryable } from '../db';
import { evaluateCaseFiles } from '../files/evaluation';
import { cellCondition, reportAgency } from './annual-report';
import { catalogConditions } from './dashboard';

/**
 * The leadership scorecard, counted in DuckDB. Every figure is a condition over one scope (the agency's cases with
 * their publicity acts and working-day numbers), so that the case list shows exactly the cases behind a number
 * with the same condition (`scoreCondition`).
 */

const NO_DEPARTMENT = '（未注明）';

function yearRange(col: string, from: number, to = from): string {
	return `${col} >= DATE '${from}-01-01' AND ${col} < DATE '${to + 1}-01-01'`;
}

/**
 * The agency's cases as the scorecard reads them: the agency's own publicity acts win over the export's dates
 * (as on the publicity pages), with the working-day number of the decision and publication days. `years` narrows
 * the scan to the cases acting in those years so that DuckDB skips the other row groups.
 */
function scope(agency: string, years?: { from: number; to: number }): string {
	const narrow = years ? ` AND ((${yearRange('c.decided_on', years.from, years.to)}) OR (${yearRange('c.filed_on', years.from, years.to)}))` : '';
	return `(SELECT c.* REPLACE (coalesce(p.published_on, c.published_on) AS published_on, coalesce(p.withdrawn_on, c.withdrawn_on) AS withdrawn_on),
	        p.ruling_on, dd.wd AS decided_wd, pd.wd AS published_wd
	 FROM cases c
	 LEFT JOIN publicity_acts p ON p.agency = c.agency AND p.case_id = c.case_id
	 LEFT JOIN working_days dd ON dd.day = c.decided_on
	 LEFT JOIN working_days pd ON pd.day = coalesce(p.published_on, c.published_on)
	 WHERE c.agency = ${lit(agency)}${narrow})`;
}

const DECIDED = `decided_on IS NOT NULL AND status <> '待审核'`;
/** The fines the consistency measure compares: a decided penalty with a fine, its item and its benchmark tier. */
const FINED = `category = '行政处罚' AND fine_amount > 0 AND circumstance_tier IS NOT NULL AND item_code IS NOT NULL`;
const CORRECTING = `(${CORRECTING_OUTCOMES.map(lit).join(', ')})`;
const WITHDRAWING = `(${WITHDRAWING_OUTCOMES.map(lit).join(', ')})`;

/** Conditions over the scope's columns (unqualified) for one year. */
function conditions(catalog: Catalog, agency: string, year: number) {
	const { publicationLimit, major } = catalogConditions(catalog);
	const decided = `${DECIDED} AND ${yearRange('decided_on', year)}`;
	const avItems = catalog.items.filter((i) => i.av_required).map((i) => lit(i.code));
	const datesPresent = `(category <> '行政处罚' OR (${PENALTY_REQUIRED_STAGES.map((k) => `${k} IS NOT NULL`).join(' AND ')}))`;
	const pairs: string[] = [];
	for (let i = 0; i < DATE_ORDER.length; i++)
		for (let j = i + 1; j < DATE_ORDER.length; j++) pairs.push(`coalesce(${DATE_ORDER[i]} <= ${DATE_ORDER[j]}, true)`);
	const inOrder = `(${pairs.join(' AND ')})`;
	const avPresent = avItems.length ? `(coalesce(item_code, '') NOT IN (${avItems.join(', ')}) OR av_recorded IS TRUE)` : 'true';
	const fined = `${decided} AND ${FINED}`;
	const publicityDue = `${decided} AND category IN ('行政处罚', '行政许可')`;
	const publicityOnTime = `${publicityDue} AND published_wd - decided_wd <= ${publicationLimit}`;
	const withdrawalDue = `${decided} AND published_on IS NOT NULL AND (coalesce(reconsideration, '') IN ${WITHDRAWING} OR coalesce(litigation, '') IN ${WITHDRAWING})`;
	// A withdrawal counts as on time only against a recorded ruling date: without one, "within 3 days" cannot be shown.
	const withdrawalOnTime = `${withdrawalDue} AND withdrawn_on IS NOT NULL AND ruling_on IS NOT NULL AND withdrawn_on <= ruling_on + ${WITHDRAWAL_DAYS}`;
	const recordComplete = `${decided} AND ${datesPresent} AND ${inOrder} AND ${avPresent}`;
	const majorDecided = `${decided} AND ${major}`;
	const reviewedBefore = `${majorDecided} AND review_result = '通过' AND reviewed_on <= decided_on`;
	const valid = (d: string) => `(${d} IS NULL OR ((r.valid_from IS NULL OR ${d} >= r.valid_from) AND (r.valid_to IS NULL OR ${d} <= r.valid_to)))`;
	// An officer acts in the year of the case's decision, or of its filing when undecided (as the case list counts years).
	const acting = yearRange('coalesce(decided_on, filed_on)', year);
	const uncertifiedCases = `SELECT a.case_id FROM (SELECT case_id, unnest(officer_ids) AS o, filed_on, decided_on FROM cases WHERE agency = ${lit(agency)} AND ${acting}) a
		LEFT JOIN officers r ON r.cert_no = a.o WHERE r.cert_no IS NULL OR NOT (${valid('a.filed_on')} AND ${valid('a.decided_on')})`;
	return {
		decided,
		fined,
		publicityDue,
		publicityOnTime,
		withdrawalDue,
		withdrawalOnTime,
		recordComplete,
		datesPresent,
		inOrder,
		avPresent,
		majorDecided,
		reviewedBefore,
		acting,
		valid,
		uncertifiedCases,
		flags: {
			'sc-fined': fined,
			'sc-publicity-due': publicityDue,
			'sc-publicity-late': `${publicityDue} AND NOT coalesce(published_wd - decided_wd <= ${publicationLimit}, false)`,
			'sc-withdrawal-due': withdrawalDue,
			'sc-withdrawal-late': `${withdrawalDue} AND NOT coalesce(withdrawn_on IS NOT NULL AND ruling_on IS NOT NULL AND withdrawn_on <= ruling_on + ${WITHDRAWAL_DAYS}, false)`,
			'sc-record': decided,
			'sc-record-incomplete': `${decided} AND NOT (${datesPresent} AND ${inOrder} AND ${avPresent})`,
			'sc-major': majorDecided,
			'sc-major-unreviewed': `${majorDecided} AND NOT coalesce(review_result = '通过' AND reviewed_on <= decided_on, false)`,
			'sc-reconsidered': `${decided} AND coalesce(reconsideration, '无') <> '无'`,
			'sc-corrected': `${decided} AND coalesce(reconsideration, '') IN ${CORRECTING}`,
			'sc-litigated': `${decided} AND coalesce(litigation, '无') <> '无'`,
			'sc-lost': `${decided} AND coalesce(litigation, '') IN ${CORRECTING}`,
			'sc-uncertified': `${acting} AND case_id IN (${uncertifiedCases})`
		} satisfies Record<ScoreFlag, string>
	};
}

/** The cases behind one scorecard figure, as a condition on `cases` for the case list. */
export function scoreCondition(flag: ScoreFlag, catalog: Catalog, agency: string, year: number): string {
	const cond = conditions(catalog, agency, year).flags[flag];
	return `agency = ${lit(agency)} AND case_id IN (SELECT case_id FROM ${scope(agency, { from: year, to: year })} WHERE ${cond})`;
}

const NO_HEADLINE: Headline = { cases: 0, decisions: 0, amountFen: 0 };
const round2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

/** The year's figures of the three systems, for this year and the one before, in one scan. */
async function yearFigures(
	db: Queryable,
	catalog: Catalog,
	agency: string,
	years: number[]
): Promise<Map<number, YearFigures & { detail: Omit<RecordDetail, 'fileIncomplete' | 'withFile'>; headline: Headline }>> {
	const from = Math.min(...years);
	const to = Math.max(...years);
	const cols: string[] = [];
	for (const y of years) {
		const c = conditions(catalog, agency, y);
		const add = (name: string, cond: string) => cols.push(`count(*) FILTER (WHERE ${cond}) AS "${name}_${y}"`);
		add('pub_due', c.publicityDue);
		add('pub_on_time', c.publicityOnTime);
		add('wd_due', c.withdrawalDue);
		add('wd_on_time', c.withdrawalOnTime);
		add('rec', c.decided);
		add('rec_complete', c.recordComplete);
		add('rec_dates', `${c.decided} AND NOT ${c.datesPresent}`);
		add('rec_order', `${c.decided} AND NOT ${c.inOrder}`);
		add('rec_av', `${c.decided} AND NOT ${c.avPresent}`);
		add('major', c.majorDecided);
		add('reviewed', c.reviewedBefore);
		add('recon', c.flags['sc-reconsidered']);
		add('corrected', c.flags['sc-corrected']);
		add('litig', c.flags['sc-litigated']);
		add('lost', c.flags['sc-lost']);
		add('cases', c.acting);
		add('decisions', cellCondition({ table: 'table1', column: '合计' }, y, agency));
		cols.push(
			`CAST(coalesce(sum(coalesce(fine_amount, 0) + coalesce(confiscated_amount, 0)) FILTER (WHERE ${cellCondition({ table: 'table1', column: '合计' }, y, agency)}), 0) * 100 AS BIGINT) AS "amount_${y}"`
		);
	}
	const [row] = await db.query<Record<string, number>>(`SELECT ${cols.join(', ')} FROM ${scope(agency, { from, to })}`);
	const out = new Map<number, YearFigures & { detail: Omit<RecordDetail, 'fileIncomplete' | 'withFile'>; headline: Headline }>();
	for (const y of years) {
		const n = (k: string) => Number(row?.[`${k}_${y}`] ?? 0);
		const c = conditions(catalog, agency, y);
		const [o] = await db.query<{ acting: number; certified: number }>(
			`WITH a AS (SELECT unnest(officer_ids) AS o, filed_on, decided_on FROM cases WHERE agency = ${lit(agency)} AND ${c.acting}),
			      k AS (SELECT a.o, bool_and(r.cert_no IS NOT NULL AND ${c.valid('a.filed_on')} AND ${c.valid('a.decided_on')}) AS ok
			            FROM a LEFT JOIN officers r ON r.cert_no = a.o GROUP BY a.o)
			 SELECT count(*) AS acting, count(*) FILTER (WHERE ok) AS certified FROM k`
		);
		const acting = Number(o?.acting ?? 0);
		const certified = Number(o?.certified ?? 0);
		out.set(y, {
			publicity: { due: n('pub_due'), on_time: n('pub_on_time'), rate: rate(n('pub_on_time'), n('pub_due')) },
			withdrawal: { due: n('wd_due'), on_time: n('wd_on_time'), rate: rate(n('wd_on_time'), n('wd_due')) },
			record: { cases: n('rec'), complete: n('rec_complete'), rate: rate(n('rec_complete'), n('rec')) },
			legal_review: { major: n('major'), reviewed_before: n('reviewed'), rate: rate(n('reviewed'), n('major')) },
			reconsideration: { cases: n('recon'), corrected: n('corrected') },
			litigation: { cases: n('litig'), lost: n('lost') },
			officers: { acting, certified, rate: rate(certified, acting) },
			detail: { datesMissing: n('rec_dates'), outOfOrder: n('rec_order'), avMissing: n('rec_av') },
			headline: { cases: n('cases'), decisions: n('decisions'), amountFen: n('amount') }
		});
	}
	return out;
}

/**
 * Case files with documents on record whose evaluation (案卷评查) finds them incomplete, among the year's records
 * that are otherwise complete: the record figure counts them as incomplete too.
 */
async function caseFileShortfall(
	db: Queryable,
	catalog: Catalog,
	agency: string,
	year: number
): Promise<{ withFile: number; incomplete: number; knockedOut: number }> {
	const ev = await evaluateCaseFiles(db, catalog, { year });
	const ids = ev.incomplete.filter((r) => r.agency === agency).map((r) => r.case_id);
	const [withFile] = await db.query<{ n: number }>(
		`SELECT count(*) AS n FROM cases WHERE agency = ${lit(agency)} AND ${DECIDED} AND ${yearRange('decided_on', year)}
		 AND EXISTS (SELECT 1 FROM case_files x WHERE x.agency = cases.agency AND x.case_id = cases.case_id)`
	);
	if (!ids.length) return { withFile: Number(withFile?.n ?? 0), incomplete: 0, knockedOut: 0 };
	const c = conditions(catalog, agency, year);
	const [r] = await db.query<{ incomplete: number; knocked: number }>(
		`SELECT count(*) FILTER (WHERE ${c.decided}) AS incomplete, count(*) FILTER (WHERE ${c.recordComplete}) AS knocked
		 FROM ${scope(agency, { from: year, to: year })} WHERE case_id IN (${ids.map(lit).join(', ')})`
	);
	return { withFile: Number(withFile?.n ?? 0), incomplete: Number(r?.incomplete ?? 0), knockedOut: Number(r?.knocked ?? 0) };
}

/** Each decided fine's distance from the agency's median for its item and tier in the same year. */
function differences(agency: string, years?: { from: number; to: number }): string {
	return `f AS (SELECT year(decided_on) AS y, item_code, circumstance_tier AS tier, coalesce(department, '${NO_DEPARTMENT}') AS department, officer_ids,
	                     CAST(fine_amount AS DOUBLE) AS fine
	              FROM ${scope(agency, years)} WHERE ${DECIDED} AND ${FINED}${years ? ` AND ${yearRange('decided_on', years.from, years.to)}` : ''}),
	        m AS (SELECT y, item_code, tier, median(fine) AS med FROM f GROUP BY ALL),
	        d AS (SELECT f.*, f.fine - m.med AS diff FROM f JOIN m USING (y, item_code, tier))`;
}

async function consistency(db: Queryable, agency: string, year: number): Promise<Scorecard['consistency']> {
	const trendRows = await db.query<{ y: number; n: number; spread: number | null }>(
		`WITH ${differences(agency)} SELECT y, count(*) AS n, median(abs(diff)) AS spread FROM d GROUP BY y ORDER BY y`
	);
	const trend = trendRows.map((r) => ({ year: Number(r.y), cases: Number(r.n), spread: round2(r.spread) }));
	const yearOnly = { from: year, to: year };
	const dept = await db.query<{ department: string; n: number; shift: number; spread: number }>(
		`WITH ${differences(agency, yearOnly)} SELECT department, count(*) AS n, median(diff) AS shift, median(abs(diff)) AS spread FROM d GROUP BY 1`
	);
	const off = await db.query<{ officer_id: string; name: string | null; n: number; shift: number; spread: number }>(
		`WITH ${differences(agency, yearOnly)}, o AS (SELECT unnest(officer_ids) AS officer_id, diff FROM d)
		 SELECT o.officer_id, any_value(r.name) AS name, count(*) AS n, median(diff) AS shift, median(abs(diff)) AS spread
		 FROM o LEFT JOIN officers r ON r.cert_no = o.officer_id GROUP BY 1`
	);
	const row = (r: { n: number; shift: number; spread: number }) => {
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
			dept.map((r) => ({ department: r.department, ...row(r) })),
			(r) => r.department
		),
		by_officer: rankRows(
			off.map((r) => ({ officer_id: r.officer_id, name: r.name, ...row(r) })),
			(r) => r.officer_id
		),
		trend
	};
}

/** The scorecard of a year for an agency (the one with the most cases when none is named). */
export async function scorecard(db: Queryable, catalog: Catalog, year: number, agencyName?: string): Promise<Scorecard> {
	const agency = await reportAgency(db, agencyName);
	const figures = await yearFigures(db, catalog, agency, [year - 1, year]);
	const files = await Promise.all([caseFileShortfall(db, catalog, agency, year), caseFileShortfall(db, catalog, agency, year - 1)]);
	const fold = (y: number, f: { knockedOut: number }): YearFigures => {
		const { detail: _detail, headline: _headline, ...v } = figures.get(y) as YearFigures & { detail: unknown; headline: unknown };
		const complete = v.record.complete - f.knockedOut;
		return { ...v, record: { cases: v.record.cases, complete, rate: rate(complete, v.record.cases) } };
	};
	const now = figures.get(year);
	const { majorDecided } = conditions(catalog, agency, year);
	const reviewResults = await db.query<{ result: string; n: number }>(
		`SELECT coalesce(CASE WHEN reviewed_on IS NULL THEN NULL ELSE review_result END, '未审核') AS result, count(*) AS n
		 FROM ${scope(agency, { from: year, to: year })} WHERE ${majorDecided} GROUP BY 1 ORDER BY 2 DESC, 1`
	);
	return {
		year,
		agency,
		consistency: await consistency(db, agency, year),
		current: fold(year, files[0]),
		previous: fold(year - 1, files[1]),
		recordDetail: {
			datesMissing: now?.detail.datesMissing ?? 0,
			outOfOrder: now?.detail.outOfOrder ?? 0,
			avMissing: now?.detail.avMissing ?? 0,
			fileIncomplete: files[0].incomplete,
			withFile: files[0].withFile
		},
		reviewResults: reviewResults.map((r) => ({ result: r.result, n: Number(r.n) })),
		headline: { current: now?.headline ?? NO_HEADLINE, previous: figures.get(year - 1)?.headline ?? NO_HEADLINE }
	};
}

/**
 * The scorecard as the pages read it: computed once per data version and catalog version, so the overview, the
 * scorecard page and the evaluation report of the same year cost one computation between imports.
 */
export function cachedScorecard(db: Queryable, catalog: Catalog, year: number, agency?: string): Promise<Scorecard> {
	return cachedOnData(db, `scorecard:${catalog.version}:${year}:${agency ?? ''}`, () => scorecard(db, catalog, year, agency));
}
