import type { Queryable } from '../db';

export interface OfficerRow {
	cert_no: string;
	name: string;
	department: string | null;
	valid_from: string | null;
	valid_to: string | null;
	status: string | null;
}

export async function listOfficers(db: Queryable): Promise<OfficerRow[]> {
	return db.query<OfficerRow>(
		`SELECT cert_no, name, department, strftime(valid_from, '%Y-%m-%d') AS valid_from, strftime(valid_to, '%Y-%m-%d') AS valid_to, status
		 FROM officers ORDER BY department, cert_no`
	);
}
