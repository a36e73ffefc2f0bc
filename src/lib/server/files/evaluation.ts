import type { CaseRecord } from '../../domain/case-schema';
import type { Catalog } from '../../domain/catalog';
import { checkCaseFile, type CaseFileCheck } from '../../domain/case-file-check';
import type { CaseDocument } from '../../domain/case-file';
import { CASE_SELECT } from '../cases/read';
import type { Queryable } from '../db';
import { caseKey, documentsByCase } from './documents';
import { caseCatalogs } from '../catalog';

/** Case-file evaluation (案卷评查) across cases: scores by branch and the list of incomplete case files. */

export interface BranchRow {
	department: string;
	/** Cases with an electronic file (at least one document on record). */
	withFile: number;
	/** Cases without any document on record: their file is not kept electronically. */
	withoutFile: number;
	complete: number;
	incomplete: number;
	averageScore: number | null;
	missingDocuments: number;
}

export interface IncompleteRow {
	agency: string;
	case_id: string;
	department: string;
	item_name: string | null;
	status: string | null;
	score: number;
	missing: string[];
	outOfOrder: string[];
	documents: number;
}

export interface EvaluationFilter {
	department?: string;
	/** Year of the decision, or of filing for a case not yet decided. */
	year?: number;
}

export interface Evaluation {
	branches: BranchRow[];
	incomplete: IncompleteRow[];
	totals: { withFile: number; withoutFile: number; complete: number; incomplete: number; averageScore: number | null };
}

const NO_DEPARTMENT = '（未填部门）';

/** Code-point order, as the database sorts the other lists (第一管理部 before 第二管理部). */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function where(f: EvaluationFilter): { sql: string; params: (string | number)[] } {
	const parts: string[] = [];
	const params: (string | number)[] = [];
	if (f.department) {
		parts.push('coalesce(department, ?) = ?');
		params.push(NO_DEPARTMENT, f.department);
	}
	if (f.year) {
		parts.push('year(coalesce(decided_on, filed_on)) = ?');
		params.push(f.year);
	}
	return { sql: parts.length ? `AND ${parts.join(' AND ')}` : '', params };
}

export async function evaluateCaseFiles(db: Queryable, catalog: Catalog, f: EvaluationFilter = {}): Promise<Evaluation> {
	const w = where(f);
	const hasFile = 'EXISTS (SELECT 1 FROM case_files x WHERE x.agency = cases.agency AND x.case_id = cases.case_id)';
	const cases = (await db.query(`SELECT ${CASE_SELECT} FROM cases WHERE ${hasFile} ${w.sql} ORDER BY agency, case_id`, w.params)) as CaseRecord[];
	const without = await db.query<{ department: string; n: number }>(
		`SELECT coalesce(department, ?) AS department, count(*) AS n FROM cases WHERE NOT ${hasFile} ${w.sql} GROUP BY ALL`,
		[NO_DEPARTMENT, ...w.params]
	);
	const docs = await documentsByCase(db);
	// Each case's documents are those its own catalog version required.
	const judge = await caseCatalogs(db, catalog);

	const branches = new Map<string, BranchRow & { scoreSum: number }>();
	const branch = (d: string) => {
		let b = branches.get(d);
		if (!b)
			branches.set(d, (b = { department: d, withFile: 0, withoutFile: 0, complete: 0, incomplete: 0, averageScore: null, missingDocuments: 0, scoreSum: 0 }));
		return b;
	};
	const incomplete: IncompleteRow[] = [];
	for (const c of cases) {
		const check = checkCaseFile(c, judge(c), docs.get(caseKey(c.agency ?? '', c.case_id ?? '')) ?? []);
		const b = branch(c.department ?? NO_DEPARTMENT);
		b.withFile++;
		b.scoreSum += check.score;
		b.missingDocuments += check.missing;
		if (check.complete) b.complete++;
		else {
			b.incomplete++;
			incomplete.push(incompleteRow(c, check));
		}
	}
	for (const r of without) branch(r.department).withoutFile += r.n;
	const rows = [...branches.values()]
		.map(({ scoreSum, ...b }) => ({ ...b, averageScore: b.withFile ? Math.round((10 * scoreSum) / b.withFile) / 10 : null }))
		.sort((a, b) => byText(a.department, b.department));
	incomplete.sort((a, b) => a.score - b.score || byText(a.department, b.department) || byText(a.case_id, b.case_id));
	const sum = (k: 'withFile' | 'withoutFile' | 'complete' | 'incomplete') => rows.reduce((s, r) => s + r[k], 0);
	const scored = rows.filter((r) => r.averageScore !== null);
	return {
		branches: rows,
		incomplete,
		totals: {
			withFile: sum('withFile'),
			withoutFile: sum('withoutFile'),
			complete: sum('complete'),
			incomplete: sum('incomplete'),
			averageScore: sum('withFile') ? Math.round((10 * scored.reduce((s, r) => s + (r.averageScore ?? 0) * r.withFile, 0)) / sum('withFile')) / 10 : null
		}
	};
}

function incompleteRow(c: CaseRecord, check: CaseFileCheck): IncompleteRow {
	return {
		agency: c.agency ?? '',
		case_id: c.case_id ?? '',
		department: c.department ?? NO_DEPARTMENT,
		item_name: c.item_name,
		status: c.status,
		score: check.score,
		missing: check.results.filter((r) => r.status === 'missing').map((r) => r.type),
		outOfOrder: check.results.filter((r) => r.status === 'out-of-order').map((r) => r.type),
		documents: check.documents
	};
}

/** One case's file and its evaluation, for the case page. */
export function caseFileCheck(c: CaseRecord, catalog: Catalog, docs: readonly CaseDocument[]): CaseFileCheck {
	return checkCaseFile(c, catalog, docs);
}
