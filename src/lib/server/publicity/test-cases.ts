import type { Database } from '../db';

/** Hand-made cases for the publicity tests: a few columns each, the rest as an import leaves them (null). */
export type TestCase = Record<string, string | number | null> & { case_id: string };

export const AGENCY = '临江市住房公积金管理中心';

export async function addCase(db: Database, c: TestCase, penaltyTypes: string[] | null = ['罚款']): Promise<void> {
	const cols: Record<string, string | number | null> = {
		agency: AGENCY,
		category: '行政处罚',
		item_code: 'HPF-37-1',
		item_name: '单位不办理住房公积金缴存登记',
		status: '已结案',
		party_type: '法人及非法人组织',
		party_name: `${c.case_id}公司`,
		party_id: '91350700MA2XYZ1234',
		filed_on: '2025-01-02',
		...c
	};
	const keys = Object.keys(cols);
	const types = penaltyTypes === null ? 'NULL' : `[${penaltyTypes.map((p) => `'${p}'`).join(', ')}]`;
	await db.run(
		`INSERT INTO cases (${keys.join(', ')}, officer_ids, penalty_types) VALUES (${keys.map(() => '?').join(', ')}, ['A1', 'A2'], ${types})`,
		keys.map((k) => cols[k] ?? null)
	);
}
