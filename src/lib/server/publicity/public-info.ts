import type { Queryable } from '../db';
import type { IsoDate } from '../../domain/dates';

/** What the public pages say about the agency itself: its name and the officers who may enforce today. */

/** The agency that holds most of the cases: the one these pages speak for. */
export async function agencyName(db: Queryable): Promise<string> {
	const [r] = await db.query<{ agency: string }>('SELECT agency FROM cases GROUP BY agency ORDER BY count(*) DESC, agency LIMIT 1');
	return r?.agency ?? '本机关';
}

export interface PublicOfficer {
	name: string;
	cert_no: string;
	department: string | null;
	valid_from: string | null;
	valid_to: string | null;
}

/** Statuses of a roster entry that mean the person may not enforce, whatever the certificate's dates say. */
const NOT_ACTIVE = ['调离', '已过期', '注销', '吊销', '暂扣', '离职', '退休', '停用'];

/**
 * 人员清单: officers whose certificate is valid today, with the four facts the public may know (name, certificate
 * number, department, validity) and nothing else.
 */
export async function publicOfficers(db: Queryable, today: IsoDate): Promise<PublicOfficer[]> {
	return db.query<PublicOfficer>(
		`SELECT name, cert_no, department, strftime(valid_from, '%Y-%m-%d') AS valid_from, strftime(valid_to, '%Y-%m-%d') AS valid_to
		 FROM officers
		 WHERE (valid_from IS NULL OR valid_from <= CAST($today AS DATE)) AND (valid_to IS NULL OR valid_to >= CAST($today AS DATE))
		   AND NOT list_contains(string_split($inactive, ','), coalesce(status, ''))
		 ORDER BY department NULLS LAST, cert_no`,
		{ today, inactive: NOT_ACTIVE.join(',') }
	);
}
