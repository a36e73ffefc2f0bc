import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { quarantineOf, reasonsText, storeQuarantine } from './quarantine';
import { cellReason, columnCount, fieldTerm } from '../../domain/import-reasons';

let db: Database;
beforeEach(async () => {
	db = await openMigrated(':memory:');
});
afterEach(async () => {
	await db.close();
});

describe('quarantined rows', () => {
	it('keep their reasons as codes with values, and the Chinese text for SQL readers', async () => {
		const date = cellReason(fieldTerm({ header: '立案日期', en: 'Filed' }), { code: 'date-unreadable', raw: '去年' });
		await db.transaction(async (tx) => {
			await storeQuarantine(tx.connection, 7, [{ line: 3, raw: 'A,去年', cells: ['A', '去年'], reasons: [date, columnCount(3, 2)] }]);
		});
		const [row] = await quarantineOf(db, 7);
		expect(row?.reasons.map((r) => r.code)).toEqual(['date-unreadable', 'columns-missing']);
		expect(reasonsText(row?.reasons ?? [], 'zh')).toBe('立案日期：无法识别的日期「去年」；列数不足：表头有 3 列，此行只有 2 列');
		expect(reasonsText(row?.reasons ?? [], 'en')).toBe(
			'Filed: “去年” is not a date that can be read; Too few cells: the header has 3 columns, this row only 2'
		);
		const [sql] = await db.query<{ reasons: string[] }>('SELECT reasons FROM quarantine WHERE batch_id = 7');
		expect(sql?.reasons).toEqual(['立案日期：无法识别的日期「去年」', '列数不足：表头有 3 列，此行只有 2 列']);
	});

	it('read rows stored before reasons had codes as they were written', async () => {
		await db.run(`INSERT INTO quarantine (batch_id, line, raw, cells, reasons) VALUES (8, 2, 'x', NULL, ['旧的原因'])`);
		const [row] = await quarantineOf(db, 8);
		expect(row?.reasons).toEqual([{ code: 'legacy', values: { text: '旧的原因' } }]);
		expect(reasonsText(row?.reasons ?? [], 'en')).toBe('旧的原因');
	});
});
