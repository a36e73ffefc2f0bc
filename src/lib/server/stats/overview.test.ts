import { describe, expect, it } from 'vitest';
import { openMigrated } from '../db';
import { overview } from './overview';

describe('overview', () => {
	it('counts cases by filing year and category, and sums fines exactly by decision year', async () => {
		const db = await openMigrated(':memory:');
		const rows: [string, string, string, string | null, string | null, string, string | null][] = [
			['A1', '行政处罚', '2023-01-05', '2023-03-01', '0.10', '已结案', null],
			['A2', '行政处罚', '2023-12-20', '2024-02-01', '0.20', '已结案', '100.00'],
			['A3', '行政检查', '2023-05-05', null, null, '已结案', null],
			['A4', '行政处罚', '2024-10-05', null, '30000', '待审核', null],
			['A5', '行政处罚', '2024-11-05', null, null, '办理中', null]
		];
		for (const [id, cat, filed, decided, fine, status, conf] of rows) {
			await db.run(
				`INSERT INTO cases (case_id, agency, category, item_name, status, party_type, party_name, officer_ids, filed_on, decided_on, fine_amount, confiscated_amount)
				 VALUES (?, '某中心', ?, '事项', ?, '自然人', '张三', ['1','2'], CAST(? AS DATE), CAST(? AS DATE), CAST(? AS DECIMAL(18,2)), CAST(? AS DECIMAL(18,2)))`,
				[id, cat, status, filed, decided, fine, conf]
			);
		}
		const o = await overview(db);
		expect(o.totalCases).toBe(5);
		expect(o.pending).toBe(1);
		expect(o.open).toBe(1);
		expect(o.byYear).toEqual([
			{ year: 2023, counts: { 行政处罚: 2, 行政检查: 1 }, total: 3 },
			{ year: 2024, counts: { 行政处罚: 2 }, total: 2 }
		]);
		expect(o.categories).toEqual(['行政处罚', '行政检查']);
		// A proposal awaiting review is not a decision and its proposed fine is not counted.
		expect(o.decisions).toEqual([
			{ year: 2023, decisions: 1, finesFen: 10, confiscatedFen: 0 },
			{ year: 2024, decisions: 1, finesFen: 20, confiscatedFen: 10000 }
		]);
		expect(o.totals).toEqual({ decisions: 2, finesFen: 30, confiscatedFen: 10000 });
		expect(o.latestDate).toBe('2024-11-05');
		await db.close();
	});
});
