import { maskCase } from '../../domain/masking';
import { publicityRow } from '../../domain/publicity';
import { groundFromCase, publicationDue, withdrawalDeadline } from '../../domain/publicity-deadlines';
import type { Role } from '../../domain/roles';
import { auditExport } from '../audit/log';
import type { Actor } from '../audit/actor';
import { getCalendar } from '../calendar';
import { caseCatalogs, getCatalog } from '../catalog';
import type { Database, Queryable } from '../db';
import { viewerFor, type Reader } from '../viewer';
import { today } from './clock';
import { allPublished, getDecision, listDue, listPublished, listToWithdraw, listWithdrawn, type PublishedFilter } from './decisions';
import { publicityCsv, publicityXlsx } from './export';
import { agencyName } from './public-info';
import { toPublicityCase } from './scope';
import { getPublicitySettings } from './settings';
import { publicitySummary } from './summary';

/** The staff publicity pages (执法公示) as the reader may see them; parties are masked like every case read. */

/** What the staff pages may do besides reading: the same rule as the role matrix's POST line for /publicity. */
export function mayActOnPublicity(user: { roles: readonly Role[] } | null): boolean {
	return (user?.roles ?? []).some((r) => r === 'reviewer' || r === 'admin');
}

/** The desk: the summary, the decisions due for publication (a page of them) and those to withdraw. */
export async function publicityDesk(db: Queryable, user: Reader, page: number, pageSize: number) {
	const [cal, catalog, day] = [getCalendar(), getCatalog(), today()];
	const [summary, due, toWithdraw, viewer, judge] = await Promise.all([
		publicitySummary(db, cal, catalog, day),
		listDue(db, day, pageSize, page * pageSize),
		listToWithdraw(db, day, 100),
		viewerFor(db, user),
		caseCatalogs(db, catalog)
	]);
	return {
		today: day,
		summary,
		page,
		pages: Math.max(1, Math.ceil(due.total / pageSize)),
		due: due.rows.map((r) => ({ ...maskCase(r, viewer), extra: null, due: publicationDue(cal, judge(r), r, day) })),
		toWithdraw: toWithdraw.rows.map((r) => ({ ...maskCase(r, viewer), extra: null, ground: groundFromCase(r) }))
	};
}

/** The decisions in publicity, as the 双公示 record shows them (its own masking of identifiers, RULES.md §5). */
export async function publishedPage(db: Queryable, filter: PublishedFilter, page: number, pageSize: number) {
	const catalog = getCatalog();
	const day = today();
	const [list, settings] = await Promise.all([listPublished(db, day, filter, pageSize, page * pageSize), getPublicitySettings(db)]);
	return {
		today: day,
		total: list.total,
		page,
		pages: Math.max(1, Math.ceil(list.total / pageSize)),
		missingCode: settings.agencyCode === '',
		rows: list.rows.map((r) => ({
			agency: r.agency,
			case_id: r.case_id,
			published_on: r.published_on,
			ended: (r.end_date ?? '') < day,
			record: publicityRow(toPublicityCase(r, catalog), settings)
		}))
	};
}

/** The withdrawn decisions with the reason and whether R09's three days were kept. */
export async function withdrawnPage(db: Queryable, page: number, pageSize: number) {
	const list = await listWithdrawn(db, pageSize, page * pageSize);
	return {
		total: list.total,
		page,
		pages: Math.max(1, Math.ceil(list.total / pageSize)),
		rows: list.rows.map((r) => ({
			key: `${r.agency}|${r.case_id}`,
			case_id: r.case_id,
			decision_no: r.decision_no,
			decided_on: r.decided_on,
			published_on: r.published_on,
			withdrawn_on: r.withdrawn_on,
			// Withdrawals the case-management export reported carry no reason of ours: the ruling says why.
			ground: r.withdraw_ground ?? groundFromCase(r) ?? (r.status === '已撤销' ? '案件已撤销' : null),
			reason: r.withdraw_reason,
			ruling_on: r.ruling_on,
			by: r.withdrawn_by,
			r09: withdrawalDeadline(r.ruling_on, r.withdrawn_on)
		}))
	};
}

/** The decision to withdraw, as the reader may see it; null when it is not a decision in publicity. */
export async function withdrawalTarget(db: Queryable, user: Reader, agency: string, caseId: string) {
	const d = await getDecision(db, agency, caseId);
	if (!d) return null;
	const masked = maskCase(d, await viewerFor(db, user));
	return {
		suggested: groundFromCase(d),
		decision: {
			agency: d.agency,
			case_id: d.case_id,
			decision_no: d.decision_no,
			party_name: masked.party_name,
			item_name: d.item_name,
			decided_on: d.decided_on,
			published_on: d.published_on,
			withdrawn_on: d.withdrawn_on,
			status: d.status,
			reconsideration: d.reconsideration,
			litigation: d.litigation
		}
	};
}

export interface PublicityExport {
	body: Uint8Array<ArrayBuffer>;
	fileName: string;
	contentType: string;
}

/** The 双公示 export of the published list as filtered on the page, CSV (UTF-8 with BOM) or XLSX, audited as `actor`'s. */
export async function exportPublished(db: Database, actor: Actor, filter: PublishedFilter, format: 'csv' | 'xlsx'): Promise<PublicityExport> {
	const catalog = getCatalog();
	const day = today();
	const [decisions, settings, agency] = await Promise.all([allPublished(db, day, filter), getPublicitySettings(db), agencyName(db)]);
	const rows = decisions.map((r) => publicityRow(toPublicityCase(r, catalog), settings));
	const name = `${agency}行政处罚决定公示（双公示）${day}`;
	const body = format === 'xlsx' ? await publicityXlsx(rows, name) : publicityCsv(rows);
	await auditExport(db, actor, { type: 'publicity', id: day }, { format, rows: rows.length, filter: { ...filter } });
	return {
		body,
		fileName: `${name}.${format}`,
		contentType: format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8'
	};
}
