import type { CaseRecord } from '../../domain/case-schema';
import type { Queryable, Param } from '../db';
import { cellCondition, reportAgency, type ReportCell } from '../stats/annual-report';
import { EXTRA_KEYS, TABLE1_COLUMNS, TABLE2_COLUMNS, TABLE3_COLUMNS } from '../../domain/annual-report';
import type { Catalog } from '../../domain/catalog';
import type { Viewer } from '../../domain/masking';
import { catalogBook } from '../catalog/versions';
import { flagCondition, STATS_FLAGS, type StatsFlag } from '../stats/dashboard';
import { warningCondition } from '../import/warnings';
import type { ImportWarning } from '../../domain/import-warnings';
import { scoreCondition } from '../stats/scorecard';
import { isScoreFlag, type ScoreFlag } from '../../domain/scorecard';
import { RULES, type RuleId } from '../../domain/review-rules';
import { maskedFactsSql } from './facts-search';

/** Filters of the case list; every one optional. A report cell selects exactly the cases behind that figure. */
export interface CaseFilter {
	year?: number;
	/** Month (1–12) of the decision, or of the filing when there is none, within the year. */
	month?: number;
	department?: string;
	category?: string;
	itemCode?: string;
	status?: string;
	/** Case number, decision number, party name or facts text, contained. */
	q?: string;
	cell?: ReportCell;
	agency?: string;
	/** The cases behind a headline figure of the statistics page or the scorecard (needs the catalog; a scorecard figure also the year). */
	flag?: StatsFlag | ScoreFlag;
	tier?: string;
	officer?: string;
	/** Days from filing to decision, in the statistics' 10-day bins (decided penalty decisions, as the histogram counts them). */
	daysBin?: number;
	/** Decided cases only: a decision date and no longer a pending proposal (待审核), as the statistics count decisions. */
	decided?: boolean;
	/** Cases with a fine above zero: the fines the consistency figures measure. */
	fined?: boolean;
	/** Year of filing, as the overview counts cases by year. */
	filedYear?: number;
	/** Cases with an open review flag of this rule (R01 …). */
	rule?: RuleId;
	/** The cases an import batch wrote (new or updated); with `warning`, those it warned about. */
	batch?: number;
	warning?: ImportWarning;
	/**
	 * Who searches: `q` matches a natural person's name only in the cases whose names this viewer may see, and the
	 * facts text only as this viewer reads it (masked where they have no need), or trying characters would recover
	 * a masked name or ID number. Absent: the stored text matches (the command line's own use).
	 */
	viewer?: Viewer;
}

/** SQL for "this viewer has a need for this case's personal data": the row-wise twin of `seesPersonalData`. */
export function needsPersonalData(viewer: Viewer): { sql: string; params: Param[] } {
	if (viewer.roles.includes('admin') && viewer.adminSeesPersonalData) return { sql: 'TRUE', params: [] };
	const parts: string[] = [];
	const params: Param[] = [];
	if (viewer.roles.includes('officer') && viewer.certNo) {
		parts.push('list_contains(officer_ids, ?)');
		params.push(viewer.certNo);
	}
	if (viewer.roles.includes('reviewer')) parts.push(`status = '待审核'`);
	return { sql: parts.length ? `(${parts.join(' OR ')})` : 'FALSE', params };
}

/** SQL for "this viewer may see this case's party name and ID": an organisation's always, a person's with need. */
export function personalDataVisible(viewer: Viewer): { sql: string; params: Param[] } {
	const need = needsPersonalData(viewer);
	return { sql: `(party_type IS DISTINCT FROM '自然人' OR ${need.sql})`, params: need.params };
}

/** A rule code from a link (`R01`), accepting only the rules that exist. */
export function parseRule(s: string | null | undefined): RuleId | undefined {
	return s && Object.hasOwn(RULES, s) ? (s as RuleId) : undefined;
}

export function parseFlag(s: string | null): StatsFlag | ScoreFlag | undefined {
	if (isScoreFlag(s)) return s;
	return (STATS_FLAGS as readonly string[]).includes(s ?? '') ? (s as StatsFlag) : undefined;
}

export const SORTS = { filed_on: 'filed_on', decided_on: 'decided_on', fine_amount: 'fine_amount', case_id: 'case_id' } as const;
export type SortKey = keyof typeof SORTS;

export type CaseListRow = Pick<
	CaseRecord,
	| 'case_id'
	| 'agency'
	| 'department'
	| 'category'
	| 'item_code'
	| 'item_name'
	| 'status'
	| 'party_type'
	| 'party_name'
	| 'party_id'
	| 'officer_ids'
	| 'filed_on'
	| 'decided_on'
	| 'fine_amount'
	| 'circumstance_tier'
>;

/** Parses a report cell from a link (`table1:罚款`), accepting only the template's own labels. */
export function parseCell(s: string | null): ReportCell | null {
	if (!s) return null;
	const [table, column] = s.split(':');
	if (table === 'table1' && ([...TABLE1_COLUMNS, '合计'] as string[]).includes(column ?? ''))
		return { table, column: column as (typeof TABLE1_COLUMNS)[number] };
	if (table === 'table2' && ([...TABLE2_COLUMNS, '合计'] as string[]).includes(column ?? ''))
		return { table, column: column as (typeof TABLE2_COLUMNS)[number] };
	if (table === 'table3' && (TABLE3_COLUMNS as readonly string[]).includes(column ?? '')) return { table, column: column as (typeof TABLE3_COLUMNS)[number] };
	if (table === 'decided' && column === '行政处罚') return { table, column };
	if (table === 'extra' && (EXTRA_KEYS as readonly string[]).includes(column ?? '') && column !== '持证人数' && column !== '移送司法')
		return { table, column: column as Exclude<(typeof EXTRA_KEYS)[number], '持证人数' | '移送司法'> };
	return null;
}

/** The WHERE clause (empty, or `WHERE …`) and its parameters that select the cases of a filter from `cases`. */
export async function caseWhere(db: Queryable, f: CaseFilter, catalog?: Catalog): Promise<{ sql: string; params: Param[] }> {
	const where: string[] = [];
	const params: Param[] = [];
	if (f.cell && f.year) where.push(`(${cellCondition(f.cell, f.year, await reportAgency(db, f.agency))})`);
	else if (f.year) {
		where.push('year(coalesce(decided_on, filed_on)) = ?');
		params.push(f.year);
	}
	if (f.month) {
		where.push('month(coalesce(decided_on, filed_on)) = ?');
		params.push(f.month);
	}
	if (f.department) {
		where.push('department = ?');
		params.push(f.department);
	}
	if (f.category) {
		where.push('category = ?');
		params.push(f.category);
	}
	if (f.itemCode) {
		where.push('item_code = ?');
		params.push(f.itemCode);
	}
	if (f.status) {
		where.push('status = ?');
		params.push(f.status);
	}
	const flag = f.flag;
	if (flag && catalog) {
		// A scorecard figure is of one year: without a year there is no figure to list.
		if (isScoreFlag(flag)) {
			if (f.year) where.push(`(${scoreCondition(flag, catalog, await reportAgency(db, f.agency), f.year)})`);
		} else where.push(`(${flagCondition(flag, catalog, await catalogBook(db))})`);
	}
	if (f.tier) {
		where.push('circumstance_tier = ?');
		params.push(f.tier);
	}
	if (f.officer) {
		where.push('list_contains(officer_ids, ?)');
		params.push(f.officer);
	}
	if (f.batch !== undefined) {
		where.push('batch_id = ?');
		params.push(f.batch);
	}
	if (f.warning && catalog) where.push(`(${warningCondition(f.warning, catalog)})`);
	if (f.daysBin !== undefined) {
		where.push(
			`category = '行政处罚' AND decided_on IS NOT NULL AND status <> '待审核' AND filed_on IS NOT NULL AND decided_on >= filed_on AND floor((decided_on - filed_on) / 10) = ?`
		);
		params.push(f.daysBin);
	}
	if (f.decided) where.push(`decided_on IS NOT NULL AND status <> '待审核'`);
	if (f.fined) where.push('fine_amount > 0');
	if (f.filedYear !== undefined) {
		where.push('year(filed_on) = ?');
		params.push(f.filedYear);
	}
	if (f.rule) {
		where.push(`EXISTS (SELECT 1 FROM flags g WHERE g.agency = cases.agency AND g.case_id = cases.case_id AND g.rule = ? AND g.status = 'open')`);
		params.push(f.rule);
	}
	if (f.q) {
		const named = f.viewer ? personalDataVisible(f.viewer) : { sql: 'TRUE', params: [] };
		const need = f.viewer ? needsPersonalData(f.viewer) : { sql: 'TRUE', params: [] };
		where.push(
			`(contains(case_id, ?) OR contains(decision_no, ?) OR (contains(party_name, ?) AND ${named.sql})
			  OR CASE WHEN ${need.sql} THEN contains(facts, ?) ELSE contains(${maskedFactsSql()}, ?) END)`
		);
		params.push(f.q, f.q, f.q, ...named.params, ...need.params, f.q, f.q);
	}
	return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

export async function listCases(
	db: Queryable,
	f: CaseFilter,
	page = 0,
	pageSize = 50,
	sort: SortKey = 'filed_on',
	descending = true,
	catalog?: Catalog
): Promise<{ rows: CaseListRow[]; total: number; amountFen: number }> {
	const { sql: w, params } = await caseWhere(db, f, catalog);
	// The fines and confiscations of the listed cases: a money figure that links here can be checked against the list.
	const [c] = await db.query<{ n: number; amount_fen: number }>(
		`SELECT count(*) AS n, CAST(coalesce(sum(coalesce(fine_amount, 0) + coalesce(confiscated_amount, 0)), 0) * 100 AS BIGINT) AS amount_fen FROM cases ${w}`,
		params
	);
	const rows = await db.query<CaseListRow>(
		`SELECT case_id, agency, department, category, item_code, item_name, status, party_type, party_name, party_id, officer_ids,
		        strftime(filed_on, '%Y-%m-%d') AS filed_on, strftime(decided_on, '%Y-%m-%d') AS decided_on,
		        CAST(round(fine_amount * 100) AS BIGINT) AS fine_amount, circumstance_tier
		 FROM cases ${w} ORDER BY ${SORTS[sort]} ${descending ? 'DESC' : 'ASC'} NULLS LAST, case_id LIMIT ? OFFSET ?`,
		[...params, pageSize, page * pageSize]
	);
	return { rows, total: c?.n ?? 0, amountFen: c?.amount_fen ?? 0 };
}

export interface FilterOptions {
	years: number[];
	departments: string[];
	categories: string[];
	statuses: string[];
	/** Items that occur in the cases, by code, with the name the cases carry. */
	items: { code: string; name: string }[];
	tiers: string[];
	/** Officers of the roster, by certificate number: the case records name officers by it. */
	officers: { certNo: string; name: string }[];
	rules: { code: RuleId; title: string }[];
}

/** The values the list's filters offer. */
export async function filterOptions(db: Queryable): Promise<FilterOptions> {
	const years = (await db.query<{ y: number }>(`SELECT DISTINCT year(coalesce(decided_on, filed_on)) AS y FROM cases ORDER BY y DESC`)).map((r) => r.y);
	const departments = (await db.query<{ d: string }>(`SELECT DISTINCT department AS d FROM cases WHERE department IS NOT NULL ORDER BY d`)).map((r) => r.d);
	const categories = (await db.query<{ c: string }>(`SELECT DISTINCT category AS c FROM cases ORDER BY c`)).map((r) => r.c);
	const statuses = (await db.query<{ s: string }>(`SELECT DISTINCT status AS s FROM cases ORDER BY s`)).map((r) => r.s);
	const items = await db.query<{ code: string; name: string }>(
		`SELECT item_code AS code, coalesce(any_value(item_name), item_code) AS name FROM cases WHERE item_code IS NOT NULL GROUP BY 1 ORDER BY 1`
	);
	const tiers = (await db.query<{ t: string }>(`SELECT DISTINCT circumstance_tier AS t FROM cases WHERE circumstance_tier IS NOT NULL ORDER BY t`)).map(
		(r) => r.t
	);
	const officers = await db.query<{ certNo: string; name: string }>(`SELECT cert_no AS "certNo", name FROM officers ORDER BY cert_no`);
	const rules = (Object.keys(RULES) as RuleId[]).map((code) => ({ code, title: RULES[code].title }));
	return { years, departments, categories, statuses, items, tiers, officers, rules };
}
