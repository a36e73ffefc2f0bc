import type { AuditEntry } from '../../domain/audit-chain';
import type { CaseRecord } from '../../domain/case-schema';
import { maskId, maskName, seesPersonalData, type Viewer } from '../../domain/masking';
import type { Database, Queryable } from '../db';
import { viewerFor, type Reader } from '../viewer';
import { listAudit, verifyAudit, type AuditFilter } from './log';

type Party = Pick<CaseRecord, 'agency' | 'case_id' | 'party_name' | 'party_id' | 'party_type' | 'officer_ids' | 'status'>;

/** The case an entry is about: named in its detail (case files, batches of lists) or as its target (proposals, reviews). */
function caseOf(e: AuditEntry): { agency: string | null; caseId: string } | null {
	let detail: unknown = null;
	try {
		detail = e.detail ? JSON.parse(e.detail) : null;
	} catch {
		// A detail that is not JSON names no case; it is still masked by the target below.
	}
	if (detail && typeof detail === 'object' && 'case_id' in detail && typeof detail.case_id === 'string') {
		const agency = 'agency' in detail && typeof detail.agency === 'string' ? detail.agency : null;
		return { agency, caseId: detail.case_id };
	}
	return e.target_type === 'case' && e.target_id ? { agency: null, caseId: e.target_id } : null;
}

/**
 * Entries as this viewer may read them: a natural person's name or ID number written into an entry (a file's title,
 * say) is masked there as on the case page. The stored entry, which the hash chain covers, is untouched.
 */
export async function maskEntries(db: Queryable, viewer: Viewer, rows: readonly AuditEntry[]): Promise<AuditEntry[]> {
	const refs = rows.map(caseOf);
	const ids = [...new Set(refs.flatMap((r) => (r ? [r.caseId] : [])))];
	if (ids.length === 0) return [...rows];
	const parties = await db.query<Party>(
		`SELECT agency, case_id, party_name, party_id, party_type, officer_ids, status FROM cases
		 WHERE party_type = '自然人' AND case_id IN (SELECT unnest(string_split(?, chr(31))))`,
		[ids.join('\u001f')]
	);
	return rows.map((e, i) => {
		const ref = refs[i];
		if (!ref || !e.detail) return e;
		let detail = e.detail;
		for (const p of parties) {
			if (p.case_id !== ref.caseId || (ref.agency !== null && p.agency !== ref.agency) || seesPersonalData(viewer, p)) continue;
			if (p.party_name) detail = detail.replaceAll(p.party_name, maskName(p.party_name));
			if (p.party_id) detail = detail.replaceAll(p.party_id, maskId(p.party_id));
		}
		return detail === e.detail ? e : { ...e, detail };
	});
}

/** The administrators' audit page: one page of entries (masked for the reader), the chain's check and its head. */
export async function auditPage(db: Database, user: Reader, filter: AuditFilter) {
	const viewer = await viewerFor(db, user);
	const [list, check, head] = await Promise.all([
		listAudit(db, filter),
		verifyAudit(db),
		db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')
	]);
	// The page names who acted by their account's name as well as the username the entry holds.
	const actors = [...new Set(list.rows.map((e) => e.actor))];
	const names = actors.length
		? await db.query<{ username: string; display_name: string }>(
				`SELECT username, display_name FROM users WHERE username IN (SELECT unnest(string_split(?, chr(31))))`,
				[actors.join('\u001f')]
			)
		: [];
	return {
		list: { rows: await maskEntries(db, viewer, list.rows), total: list.total },
		check,
		head: head[0] ?? null,
		names: Object.fromEntries(names.map((u) => [u.username, u.display_name])) as Record<string, string>
	};
}
