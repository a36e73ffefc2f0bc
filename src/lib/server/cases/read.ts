import { FIELDS, type CaseRecord } from '../../domain/case-schema';
import type { Queryable } from '../db';

/** Case columns as the domain holds them: money as exact fen (BIGINT), dates as ISO text. */
export const CASE_SELECT = FIELDS.map((f) =>
	f.type === 'money' ? `CAST(round(${f.key} * 100) AS BIGINT) AS ${f.key}` : f.type === 'date' ? `strftime(${f.key}, '%Y-%m-%d') AS ${f.key}` : f.key
).join(', ');

export async function getCase(db: Queryable, agency: string, caseId: string): Promise<CaseRecord | null> {
	const [row] = await db.query(`SELECT ${CASE_SELECT} FROM cases WHERE agency = ? AND case_id = ?`, [agency, caseId]);
	return (row as CaseRecord | undefined) ?? null;
}

/** Every case, in key order: for exports and checks on small databases. */
export async function allCases(db: Queryable): Promise<CaseRecord[]> {
	return (await db.query(`SELECT ${CASE_SELECT} FROM cases ORDER BY agency, case_id`)) as CaseRecord[];
}

/**
 * The agency that holds a case number, when exactly one does: links name a case by its number alone, and two
 * agencies may use the same number, in which case the link must say which (null: none or ambiguous).
 */
export async function agencyOfCase(db: Queryable, caseId: string): Promise<string | null> {
	const found = await db.query<{ agency: string }>('SELECT agency FROM cases WHERE case_id = ? LIMIT 2', [caseId]);
	return found.length === 1 ? found[0]!.agency : null;
}

/** A case named by its number and, where given, its agency. */
export interface CaseRef {
	caseId: string;
	agency?: string | null;
}

/** The case a link names, unmasked: for server functions only, which mask before anything leaves them. */
export async function findCase(db: Queryable, ref: CaseRef): Promise<CaseRecord | null> {
	const agency = ref.agency || (await agencyOfCase(db, ref.caseId));
	return agency ? getCase(db, agency, ref.caseId) : null;
}

export interface CaseProvenance {
	extra: Record<string, string>;
	batch: number | null;
	/** The circumstances read from the facts text, each with the phrase it came from (unmasked). */
	extracted: Record<string, string>;
}

/**
 * The raw cells the import kept beside the case (columns it did not recognise), the batch that brought it, and
 * which circumstances were read from its facts text.
 */
export async function caseProvenance(db: Queryable, agency: string, caseId: string): Promise<CaseProvenance> {
	const [row] = await db.query<{ extra: string | null; batch_id: number | null; extracted: string | null }>(
		'SELECT extra, batch_id, extracted FROM cases WHERE agency = ? AND case_id = ?',
		[agency, caseId]
	);
	return {
		extra: row?.extra ? (JSON.parse(row.extra) as Record<string, string>) : {},
		batch: row?.batch_id ?? null,
		extracted: row?.extracted ? (JSON.parse(row.extracted) as Record<string, string>) : {}
	};
}
