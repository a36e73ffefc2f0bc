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
