import Papa from 'papaparse';
import { maskCase } from '../../domain/masking';
import { isRuleId, RULES, type RuleId, type Severity } from '../../domain/review-rules';
import { neutralizeFormula } from '../../domain/spreadsheet-safety';
import type { Actor } from '../audit/actor';
import { auditExport } from '../audit';
import type { Database, Param, Queryable } from '../db';
import { viewerFor, type Reader } from '../viewer';

/**
 * 执法监督: the flags of decided cases, by rule, branch, officer and year of decision. The queue is the reviewers'
 * work before a decision; this is what was decided in spite of a flag, for those who supervise.
 */

export interface SupervisionFilter {
	rule?: RuleId;
	department?: string;
	/** An officer's certificate number: the cases the officer acted on. */
	officer?: string;
	year?: number;
	/** Open flags only (the default), or resolved ones too. */
	status?: 'open' | 'all';
}

export interface SupervisionRow {
	agency: string;
	case_id: string;
	decided_on: string;
	department: string | null;
	item_name: string | null;
	party_name: string | null;
	party_type: string | null;
	officers: string;
	rule: RuleId;
	severity: Severity;
	reason: string;
	status: 'open' | 'accepted' | 'corrected';
}

export const SUPERVISION_PAGE_SIZE = 50;
/** An export holds at most this many rows; a larger selection is narrowed with the filters first. */
export const SUPERVISION_EXPORT_MAX = 100_000;

function conditions(f: SupervisionFilter): { sql: string; params: Param[] } {
	const where = ['c.decided_on IS NOT NULL', f.status === 'all' ? `f.status IN ('open', 'accepted', 'corrected')` : `f.status = 'open'`];
	const params: Param[] = [];
	if (f.rule) {
		where.push('f.rule = ?');
		params.push(f.rule);
	}
	if (f.department) {
		where.push('c.department = ?');
		params.push(f.department);
	}
	if (f.officer) {
		where.push('list_contains(c.officer_ids, ?)');
		params.push(f.officer);
	}
	if (f.year) {
		where.push('year(c.decided_on) = ?');
		params.push(f.year);
	}
	return { sql: where.join(' AND '), params };
}

const FROM = `flags f JOIN cases c ON c.agency = f.agency AND c.case_id = f.case_id`;

async function rows(db: Queryable, user: Reader, f: SupervisionFilter, limit: number, offset: number): Promise<SupervisionRow[]> {
	const { sql, params } = conditions(f);
	const found = await db.query<Omit<SupervisionRow, 'officers'> & { officer_ids: string[] | null; status_now: string | null }>(
		`SELECT f.agency, f.case_id, strftime(c.decided_on, '%Y-%m-%d') AS decided_on, c.department, c.item_name, c.party_name, c.party_type,
			c.officer_ids, c.status AS status_now, f.rule, f.severity, f.reason, f.status
		FROM ${FROM} WHERE ${sql}
		ORDER BY c.decided_on DESC, f.case_id, CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, f.rule
		LIMIT ${Math.floor(limit)} OFFSET ${Math.floor(offset)}`,
		params
	);
	// The roster is hundreds of officers: their names are joined here rather than per row in SQL.
	const names = new Map((await db.query<{ cert_no: string; name: string }>('SELECT cert_no, name FROM officers')).map((o) => [o.cert_no, o.name]));
	const viewer = await viewerFor(db, user);
	return found.map((r) => {
		const shown = maskCase({ party_type: r.party_type, party_name: r.party_name, party_id: null, officer_ids: r.officer_ids, status: r.status_now }, viewer);
		return {
			agency: r.agency,
			case_id: r.case_id,
			decided_on: r.decided_on,
			department: r.department,
			item_name: r.item_name,
			party_name: shown.party_name,
			party_type: r.party_type,
			officers: (r.officer_ids ?? []).map((id) => (names.has(id) ? `${names.get(id)}（${id}）` : id)).join('、'),
			rule: r.rule,
			severity: r.severity,
			reason: r.reason,
			status: r.status
		};
	});
}

/** One page of the supervision list, with the count by rule under the other filters and the filters' choices. */
export async function supervisionPage(db: Queryable, user: Reader, f: SupervisionFilter, page = 0) {
	const { sql, params } = conditions(f);
	const byRuleFilter = conditions({ ...f, rule: undefined });
	const [list, [{ total } = { total: 0 }], byRule, departments, officers, years] = await Promise.all([
		rows(db, user, f, SUPERVISION_PAGE_SIZE, page * SUPERVISION_PAGE_SIZE),
		db.query<{ total: number }>(`SELECT CAST(count(*) AS INTEGER) AS total FROM ${FROM} WHERE ${sql}`, params),
		db.query<{ rule: RuleId; n: number }>(
			`SELECT f.rule, CAST(count(*) AS INTEGER) AS n FROM ${FROM} WHERE ${byRuleFilter.sql} GROUP BY f.rule ORDER BY f.rule`,
			byRuleFilter.params
		),
		db.query<{ d: string }>(`SELECT DISTINCT department AS d FROM cases WHERE department IS NOT NULL AND decided_on IS NOT NULL ORDER BY d`),
		db.query<{ cert_no: string; name: string }>(`SELECT cert_no, name FROM officers ORDER BY name, cert_no`),
		db.query<{ y: number }>(`SELECT DISTINCT CAST(year(decided_on) AS INTEGER) AS y FROM cases WHERE decided_on IS NOT NULL ORDER BY y DESC`)
	]);
	return {
		rows: list,
		total,
		page,
		pageSize: SUPERVISION_PAGE_SIZE,
		byRule: byRule.map((r) => ({ ...r, title: RULES[r.rule].title, explain: RULES[r.rule].explain })),
		options: { departments: departments.map((r) => r.d), officers, years: years.map((r) => r.y) }
	};
}

const COLUMNS = ['案件编号', '决定日期', '承办部门', '执法人员', '执法事项', '当事人', '规则', '规则名称', '严重程度', '提示内容', '处理状态'] as const;
const SEVERITY_WORDS: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
const STATUS_WORDS: Record<SupervisionRow['status'], string> = { open: '待处理', accepted: '有理由接受', corrected: '已更正' };

/**
 * The list as filtered, as CSV (UTF-8 with a byte-order mark, for Excel): masked for the reader like the page, every
 * cell that a spreadsheet would run as a formula neutralised, and the export on the audit record.
 */
export async function exportSupervision(
	db: Database,
	user: Reader,
	actor: Actor,
	f: SupervisionFilter
): Promise<{ fileName: string; body: Uint8Array<ArrayBuffer> }> {
	const list = await rows(db, user, f, SUPERVISION_EXPORT_MAX, 0);
	const text = Papa.unparse(
		{
			fields: [...COLUMNS],
			data: list.map((r) =>
				[
					r.case_id,
					r.decided_on,
					r.department ?? '',
					r.officers,
					r.item_name ?? '',
					r.party_name ?? '',
					r.rule,
					RULES[r.rule].title,
					SEVERITY_WORDS[r.severity],
					r.reason,
					STATUS_WORDS[r.status]
				].map(neutralizeFormula)
			)
		},
		{ quotes: true, newline: '\r\n' }
	);
	await auditExport(db, actor, { type: 'supervision', id: f.rule ?? 'all' }, { format: 'csv', rows: list.length, filter: { ...f } });
	const name = `执法监督审查提示${f.year ? `（${f.year} 年）` : ''}${f.rule ? `_${f.rule}` : ''}.csv`;
	return { fileName: name, body: new TextEncoder().encode('\uFEFF' + text + '\r\n') };
}

/** The filter a page's query string asks for; what is not a valid value is left out, not an error. */
export function supervisionFilterOf(q: URLSearchParams): SupervisionFilter {
	const rule = q.get('rule');
	const year = Number(q.get('year'));
	return {
		rule: isRuleId(rule) ? rule : undefined,
		department: q.get('department') || undefined,
		officer: q.get('officer') || undefined,
		year: Number.isInteger(year) && year > 1900 && year < 2200 ? year : undefined,
		status: q.get('status') === 'all' ? 'all' : 'open'
	};
}

/** A page number from a query string: a whole number from 0 up, else the first page (a hand-edited link is not an error). */
export function pageParam(raw: string | null): number {
	const n = Number(raw);
	return Number.isSafeInteger(n) && n >= 0 && n <= 1_000_000 ? n : 0;
}
