import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXTRACTED_KEYS } from '../../domain/facts-circumstances';
import { openMigrated } from '../db';
import { loadCatalog } from '../catalog';
import { loadCalendar } from '../calendar';
import { allCases } from '../cases/read';
import { importCases } from '../import';
import { generateDemoCases } from './generate';
import { writeDemoFiles } from './write';

const dir = mkdtempSync(join(tmpdir(), 'equitas-demo-facts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('demo ledgers that write the circumstances only in the facts text', () => {
	it('import to the same circumstances the generator drew, each marked as read from the text', async () => {
		const catalog = loadCatalog();
		const cal = loadCalendar();
		const files = await writeDemoFiles(catalog, cal, { dir, cases: 400, seed: 31, layout: 'canonical', circumstancesInFacts: 1 });
		const db = await openMigrated(':memory:');
		try {
			await importCases(db, files.current, catalog);
			const drawn = new Map([...generateDemoCases(catalog, cal, { cases: 400, seed: 31 })].map((d) => [d.record.case_id, d.record]));
			const marked = new Map(
				(await db.query<{ case_id: string; extracted: string | null }>('SELECT case_id, extracted FROM cases')).map((r) => [
					r.case_id,
					r.extracted ? Object.keys(JSON.parse(r.extracted) as object).sort() : []
				])
			);
			let stated = 0;
			const wrong: string[] = [];
			for (const c of await allCases(db)) {
				const truth = drawn.get(c.case_id);
				const keys = EXTRACTED_KEYS.filter((k) => truth?.[k] !== null && truth?.[k] !== undefined);
				stated += keys.length;
				for (const k of keys) if (c[k] !== truth?.[k]) wrong.push(`${c.case_id} ${k}: ${String(c[k])} ≠ ${String(truth?.[k])}`);
				// Every value read is marked so, and nothing the text does not state.
				const got = marked.get(c.case_id ?? '') ?? [];
				if (got.join() !== [...keys].sort().join()) wrong.push(`${c.case_id} read ${got.join()}; stated ${[...keys].sort().join()}; ${c.facts}`);
			}
			expect(stated).toBeGreaterThan(1000);
			expect(wrong).toEqual([]);
		} finally {
			await db.close();
		}
	});
});
