import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCount } from '../../domain/chinese-numbers';
import { openMigrated } from '../db';
import { loadCatalog } from '../catalog';
import { importPublications } from '../import';
import { chineseAmount, writePublicityList } from './publicity-list';

const dir = mkdtempSync(join(tmpdir(), 'equitas-publicity-list-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the large publicity list of the benchmark', () => {
	it('writes amounts in Chinese numerals that read back as the same number', () => {
		expect(chineseAmount(20_500)).toBe('二万零五百');
		expect(chineseAmount(23_400, true)).toBe('贰万叁仟肆佰');
		for (const n of [100, 1_000, 1_005, 10_000, 10_050, 15_000, 20_000, 99_900, 250_000]) {
			expect(readCount(chineseAmount(n)), String(n)).toBe(n);
			expect(readCount(chineseAmount(n, true)), `${n} financial`).toBe(n);
		}
	});

	it('imports whole: every row a decision, every fine read, from the text where the column is blank', async () => {
		const list = writePublicityList(join(dir, 'list.csv'), 600, 5);
		const db = await openMigrated(':memory:');
		try {
			const r = await importPublications(db, list.path, { catalog: loadCatalog() });
			expect({ imported: r.imported, quarantined: r.quarantined, fromText: r.fines_from_text }).toEqual({
				imported: 600,
				quarantined: 0,
				fromText: list.finesInTextOnly
			});
			const [t] = await db.query<{ fen: number }>('SELECT sum(fine_amount)::DOUBLE AS fen FROM publications');
			expect(t?.fen).toBe(list.fineTotalFen);
		} finally {
			await db.close();
		}
	});
});
