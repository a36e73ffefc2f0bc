import type { CaseDocument } from '../../domain/case-file';
import { instantSql, type Queryable } from '../db';

/** Reading the case-file records; writing is in upload.ts and document-list.ts, and there is no update or delete. */

export const DOCUMENT_SELECT = `id, agency, case_id, stage, doc_type, title, strftime(doc_date, '%Y-%m-%d') AS doc_date, media_type, size_bytes, sha256,
	source, supersedes, note, uploaded_by, ${instantSql('uploaded_at')} AS uploaded_at`;

/** Every record of a case, versions included, oldest first. */
export async function documentsOf(db: Queryable, agency: string, caseId: string): Promise<CaseDocument[]> {
	return db.query<CaseDocument>(`SELECT ${DOCUMENT_SELECT} FROM case_files WHERE agency = ? AND case_id = ? ORDER BY id`, [agency, caseId]);
}

export async function getDocument(db: Queryable, id: number): Promise<CaseDocument | null> {
	if (!Number.isSafeInteger(id) || id <= 0) return null;
	const [row] = await db.query<CaseDocument>(`SELECT ${DOCUMENT_SELECT} FROM case_files WHERE id = ?`, [id]);
	return row ?? null;
}

export const caseKey = (agency: string, caseId: string) => `${agency}\u0000${caseId}`;

/** Every record by case (agency and case number): for the flags and the evaluation of many cases at once. */
export async function documentsByCase(db: Queryable): Promise<Map<string, CaseDocument[]>> {
	const rows = await db.query<CaseDocument>(`SELECT ${DOCUMENT_SELECT} FROM case_files ORDER BY agency, case_id, id`);
	const out = new Map<string, CaseDocument[]>();
	for (const r of rows) {
		const k = caseKey(r.agency, r.case_id);
		const list = out.get(k);
		if (list) list.push(r);
		else out.set(k, [r]);
	}
	return out;
}

/** Changes whenever a record is added: what is derived from the case files (the R14 flags) is recomputed then. */
export async function filesVersion(db: Queryable): Promise<string> {
	const [row] = await db.query<{ n: number; last: number | null }>('SELECT count(*) AS n, max(id) AS last FROM case_files');
	return `files:${row?.n ?? 0}:${row?.last ?? 0}`;
}
