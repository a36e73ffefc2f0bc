import { FIELDS, type CaseRecord } from '../../domain/case-schema';
import { maskCase, maskFacts, maskName, type Viewer } from '../../domain/masking';
import type { Catalog } from '../../domain/catalog';
import type { Publication } from '../../domain/publication-schema';
import { streamRows, type Database, type Param } from '../db';
import { caseWhere, SORTS, type CaseFilter, type SortKey } from '../cases/list';

/**
 * The records the exports write, a chunk at a time: cases as the viewer may see them, and other agencies' published
 * decisions. Money is in yuan here (the JSON contract), not in fen as the domain keeps it.
 */

/** A case with every data-dictionary key (money in yuan, dates YYYY-MM-DD) and the keys read from its facts text. */
export type CaseExportRecord = CaseRecord & { extracted: string[] };

/**
 * A published decision as stored (Publication), with `fine_amount` and each target's `amount` in yuan rather than
 * fen, and its catalog match.
 */
export type PublicationExportRecord = Publication & {
	/** The catalog item the violation text was matched to; null when unmatched. */
	item_code: string | null;
	/** How well the text matched (0–1; 1 when an analyst confirmed or overrode the match). */
	item_match: number;
};

/** The operator of the server, who holds the database file itself, asking for the personal data in full. */
export const UNMASKED: Viewer = { roles: ['admin'], adminSeesPersonalData: true };
/** A reader with no need for any case's personal data. */
export const NO_NEED: Viewer = { roles: [] };

const MONEY_KEYS = FIELDS.filter((f) => f.type === 'money').map((f) => f.key);

const CASE_EXPORT_SELECT = [
	...FIELDS.map((f) =>
		f.type === 'money' ? `CAST(round(${f.key} * 100) AS BIGINT) AS ${f.key}` : f.type === 'date' ? `strftime(${f.key}, '%Y-%m-%d') AS ${f.key}` : f.key
	),
	'extracted'
].join(', ');

/** Fen to yuan: an exact integer divided once, which prints as the decimal it is (1234.5, not 1234.4999…). */
const yuan = (fen: number | null): number | null => (fen === null ? null : fen / 100);

export interface CaseExportRequest {
	filter: CaseFilter;
	viewer: Viewer;
	sort?: SortKey;
	descending?: boolean;
	catalog?: Catalog;
}

/** How many cases an export of this filter holds (the count the list page shows for it). */
export async function countCaseExport(db: Database, r: CaseExportRequest): Promise<number> {
	const w = await caseWhere(db, { ...r.filter, viewer: r.viewer }, r.catalog);
	const [c] = await db.query<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM cases ${w.sql}`, w.params);
	return c?.n ?? 0;
}

/** The filtered cases, masked for the viewer, in the list's order, a chunk at a time. */
export async function* caseExportRecords(db: Database, r: CaseExportRequest): AsyncGenerator<CaseExportRecord[]> {
	const w = await caseWhere(db, { ...r.filter, viewer: r.viewer }, r.catalog);
	const order = r.sort ? `${SORTS[r.sort]} ${r.descending ? 'DESC' : 'ASC'} NULLS LAST, case_id, agency` : 'agency, case_id';
	const sql = `SELECT ${CASE_EXPORT_SELECT} FROM cases ${w.sql} ORDER BY ${order}`;
	for await (const chunk of streamRows<CaseRecord & { extracted: string | null }>(db, sql, w.params)) {
		yield chunk.map(({ extracted, ...c }) => {
			const shown: CaseRecord = maskCase(c, r.viewer);
			const out = { ...shown, extracted: extracted ? Object.keys(JSON.parse(extracted) as Record<string, unknown>).sort() : [] };
			for (const k of MONEY_KEYS) out[k] = yuan(out[k]);
			return out;
		});
	}
}

export interface PublicationExportRequest {
	/** Decisions of this year (by decision date). */
	year?: number;
	/** False: natural persons' names, and ID and mobile numbers in the texts, masked, as the peers pages show them. */
	unmasked?: boolean;
}

function publicationWhere(r: PublicationExportRequest): { sql: string; params: Param[] } {
	const where = ['b.undone_at IS NULL'];
	const params: Param[] = [];
	if (r.year !== undefined) {
		where.push('year(p.decided_on) = ?');
		params.push(r.year);
	}
	return {
		sql: `FROM publications p JOIN batches b ON b.id = p.batch_id LEFT JOIN publication_matches m ON m.text = p.violation WHERE ${where.join(' AND ')}`,
		params
	};
}

export async function countPublicationExport(db: Database, r: PublicationExportRequest): Promise<number> {
	const w = publicationWhere(r);
	const [c] = await db.query<{ n: number }>(`SELECT count(*)::BIGINT AS n ${w.sql}`, w.params);
	return c?.n ?? 0;
}

interface PublicationRow extends Omit<PublicationExportRecord, 'fines' | 'item_match'> {
	fines: string | null;
	item_match: number | null;
}

/** Published decisions of the batches not undone, in batch and source-line order, with their catalog match. */
export async function* publicationExportRecords(db: Database, r: PublicationExportRequest): AsyncGenerator<PublicationExportRecord[]> {
	const w = publicationWhere(r);
	const sql = `SELECT p.source_line, p.agency, p.decision_no, p.party_name, p.party_type, p.violation, p.legal_basis, p.content, p.penalty_types,
	                    p.fine_amount, p.fines, strftime(p.decided_on, '%Y-%m-%d') AS decided_on, strftime(p.published_on, '%Y-%m-%d') AS published_on,
	                    p.region, p.source_url, m.item_code, m.score AS item_match
	             ${w.sql} ORDER BY p.batch_id, p.source_line`;
	for await (const chunk of streamRows<PublicationRow>(db, sql, w.params)) {
		yield chunk.map((p) => {
			const person = p.party_type === '自然人' && !r.unmasked ? p.party_name : null;
			const fines = (p.fines ? (JSON.parse(p.fines) as { target: string | null; amount: number }[]) : []).map((f) => ({
				target: f.target !== null && person !== null ? maskFacts(f.target, person) : f.target,
				amount: f.amount / 100
			}));
			return {
				...p,
				party_name: person !== null ? maskName(person) : p.party_name,
				violation: p.violation === null || r.unmasked ? p.violation : maskFacts(p.violation, person),
				content: p.content === null || r.unmasked ? p.content : maskFacts(p.content, person),
				fine_amount: yuan(p.fine_amount),
				fines,
				item_match: p.item_match ?? 0
			};
		});
	}
}
