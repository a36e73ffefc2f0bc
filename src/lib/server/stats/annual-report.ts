import {
	CORRECTING_OUTCOMES,
	EXTRA_KEYS,
	HEAVIEST_FIRST,
	TABLE1_COLUMNS,
	TABLE2_COLUMNS,
	TABLE3_COLUMNS,
	type AnnualReport,
	type ExtraKey,
	type Table1Column,
	type Table2Column,
	type Table3Column
} from '../../domain/annual-report';
import { lit, type Queryable } from '../db';

/**
 * The annual report's figures, counted in DuckDB. Each figure is a WHERE condition over `cases` (or the roster),
 * so that the page can list the very cases behind any number with the same condition.
 */

/** A decision counts in the year of its decision date. */
function decidedIn(year: number): string {
	return `decided_on >= DATE '${year}-01-01' AND decided_on < DATE '${year + 1}-01-01' AND status <> '待审核'`;
}

/** Other acts count in the year of their decision, or of their filing when they have no decision (inspections). */
function actIn(year: number): string {
	return `coalesce(decided_on, filed_on) >= DATE '${year}-01-01' AND coalesce(decided_on, filed_on) < DATE '${year + 1}-01-01'`;
}

/** The penalties a decision imposed; a fine without a listed type is still a fine. */
const EFFECTIVE_TYPES = `CASE WHEN coalesce(len(penalty_types), 0) = 0 AND coalesce(fine_amount, 0) > 0 THEN ['罚款'] ELSE coalesce(penalty_types, []) END`;

const NO_PENALTY = `(coalesce(circumstance_tier, '') = '不予处罚' OR len(${EFFECTIVE_TYPES}) = 0)`;

function heaviestSql(): string {
	const test = (c: Table1Column) =>
		c === '没收违法所得、没收非法财物'
			? `list_has_any(${EFFECTIVE_TYPES}, ['没收违法所得', '没收非法财物'])`
			: c === '其他'
				? 'true'
				: `list_contains(${EFFECTIVE_TYPES}, ${lit(c)})`;
	return `CASE ${HEAVIEST_FIRST.map((c) => `WHEN ${test(c)} THEN ${lit(c)}`).join(' ')} END`;
}

export type ReportCell =
	| { table: 'table1'; column: Table1Column | '合计' }
	| { table: 'table2'; column: Table2Column | '合计' }
	| { table: 'table3'; column: Table3Column }
	| { table: 'extra'; column: Exclude<ExtraKey, '持证人数' | '移送司法'> }
	/** Every penalty decision of the year (the overview's count): 表一's 合计 plus 不予处罚. */
	| { table: 'decided'; column: '行政处罚' };

/** The cases behind one figure of the report, as a condition on `cases`. */
export function cellCondition(cell: ReportCell, year: number, agency: string): string {
	const base = `agency = ${lit(agency)}`;
	switch (cell.table) {
		case 'table1': {
			const penalty = `${base} AND category = '行政处罚' AND ${decidedIn(year)} AND NOT ${NO_PENALTY}`;
			return cell.column === '合计' ? penalty : `${penalty} AND (${heaviestSql()}) = ${lit(cell.column)}`;
		}
		case 'table2': {
			const coercion = `${base} AND category = '行政强制' AND ${actIn(year)}`;
			if (cell.column === '合计') return `${coercion} AND len(penalty_types) > 0`;
			const kinds = cell.column === '其他执行' ? ['其他'] : cell.column === '其他措施' ? ['其他措施'] : [cell.column];
			return `${coercion} AND list_has_any(penalty_types, [${kinds.map(lit).join(', ')}])`;
		}
		case 'table3':
			return `${base} AND category = ${lit(cell.column)} AND ${actIn(year)}`;
		case 'decided':
			return `${base} AND category = '行政处罚' AND ${decidedIn(year)}`;
		case 'extra': {
			const decided = `${base} AND ${decidedIn(year)}`;
			const correcting = `[${CORRECTING_OUTCOMES.map(lit).join(', ')}]`;
			switch (cell.column) {
				case '法制审核件数':
					return `${decided} AND reviewed_on IS NOT NULL AND review_result IS NOT NULL`;
				case '不予处罚':
					return `${decided} AND category = '行政处罚' AND ${NO_PENALTY}`;
				case '减轻处罚':
					return `${decided} AND category = '行政处罚' AND circumstance_tier = '减轻'`;
				case '被复议':
					return `${decided} AND coalesce(reconsideration, '无') <> '无'`;
				case '复议纠错':
					return `${decided} AND list_contains(${correcting}, reconsideration)`;
				case '被诉':
					return `${decided} AND coalesce(litigation, '无') <> '无'`;
				case '败诉':
					return `${decided} AND list_contains(${correcting}, litigation)`;
			}
		}
	}
}

/** The agency a report is for: the one named, else the agency with the most cases. */
export async function reportAgency(db: Queryable, agency?: string): Promise<string> {
	if (agency) return agency;
	const [r] = await db.query<{ agency: string }>('SELECT agency FROM cases GROUP BY agency ORDER BY count(*) DESC, agency LIMIT 1');
	if (!r) throw new Error('数据库中还没有案件，无法生成年报');
	return r.agency;
}

/** 万元 with two decimals from exact fen, rounded half up. */
export function fenToWan(fen: number): string {
	const hundredths = Math.round(fen / 10_000);
	return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

export async function annualReport(db: Queryable, year: number, agencyName?: string): Promise<AnnualReport> {
	const agency = await reportAgency(db, agencyName);
	const count = (cond: string) => `count(*) FILTER (WHERE ${cond})`;
	// Every figure lies within this scope; saying so lets DuckDB skip the row groups of other years (zone maps)
	// instead of testing every condition on every case.
	const scope = `FROM cases WHERE agency = ${lit(agency)} AND ((decided_on >= DATE '${year}-01-01' AND decided_on < DATE '${year + 1}-01-01')
		OR (filed_on >= DATE '${year}-01-01' AND filed_on < DATE '${year + 1}-01-01'))`;
	const select = (cells: [string, string][]) => cells.map(([name, cond]) => `${count(cond)} AS ${lit(name).replaceAll("'", '"')}`).join(', ');

	const t1cells: [string, string][] = [...TABLE1_COLUMNS, '合计' as const].map((c) => [c, cellCondition({ table: 'table1', column: c }, year, agency)]);
	const [t1] = await db.query<Record<string, number>>(
		`SELECT ${select(t1cells)}, CAST(coalesce(sum(coalesce(fine_amount, 0) + coalesce(confiscated_amount, 0)) FILTER (WHERE ${cellCondition({ table: 'table1', column: '合计' }, year, agency)}), 0) * 100 AS BIGINT) AS amount_fen ${scope}`
	);
	const t2cells: [string, string][] = TABLE2_COLUMNS.map((c) => [c, cellCondition({ table: 'table2', column: c }, year, agency)]);
	const [t2] = await db.query<Record<string, number>>(`SELECT ${select(t2cells)} ${scope}`);
	const t3cells: [string, string][] = TABLE3_COLUMNS.map((c) => [c, cellCondition({ table: 'table3', column: c }, year, agency)]);
	const [t3] = await db.query<Record<string, number>>(`SELECT ${select(t3cells)} ${scope}`);
	const extraKeys = EXTRA_KEYS.filter((k): k is Exclude<ExtraKey, '持证人数' | '移送司法'> => k !== '持证人数' && k !== '移送司法');
	const extraCells: [string, string][] = extraKeys.map((k) => [k, cellCondition({ table: 'extra', column: k }, year, agency)]);
	const [ex] = await db.query<Record<string, number>>(
		`SELECT ${select([...extraCells, ['处罚决定', cellCondition({ table: 'decided', column: '行政处罚' }, year, agency)]])} ${scope}`
	);
	const [certified] = await db.query<{ n: number }>(
		`SELECT count(*) AS n FROM officers WHERE coalesce(valid_from, DATE '1900-01-01') <= DATE '${year}-12-31' AND coalesce(valid_to, DATE '2999-12-31') >= DATE '${year}-12-31'`
	);

	const table1: AnnualReport['table1'] = {
		...(Object.fromEntries([...TABLE1_COLUMNS, '合计'].map((c) => [c, t1?.[c] ?? 0])) as Record<Table1Column | '合计', number>),
		罚没金额万元: fenToWan(t1?.amount_fen ?? 0)
	};
	const table2 = Object.fromEntries(TABLE2_COLUMNS.map((c) => [c, t2?.[c] ?? 0])) as AnnualReport['table2'];
	// A case with several measures counts under each; the total counts cases.
	const [t2total] = await db.query<{ n: number }>(`SELECT count(*) AS n ${scope} AND ${cellCondition({ table: 'table2', column: '合计' }, year, agency)}`);
	table2.合计 = t2total?.n ?? 0;
	const table3 = Object.fromEntries(TABLE3_COLUMNS.map((c) => [c, t3?.[c] ?? 0])) as AnnualReport['table3'];
	const extra = {
		...(Object.fromEntries(extraKeys.map((k) => [k, ex?.[k] ?? 0])) as Record<ExtraKey, number | null>),
		持证人数: certified?.n ?? 0,
		移送司法: null
	};
	const orderedExtra = Object.fromEntries(EXTRA_KEYS.map((k) => [k, extra[k]])) as AnnualReport['extra'];
	const decisions = ex?.['处罚决定'] ?? 0;
	return {
		year,
		agency,
		table1,
		table2,
		table3,
		extra: orderedExtra,
		reconciliation: { decisions, penalised: table1.合计, noPenalty: orderedExtra.不予处罚 ?? 0 }
	};
}
