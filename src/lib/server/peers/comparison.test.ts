import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openMigrated } from '../db';
import { loadCatalog } from '../catalog';
import { loadCalendar } from '../calendar';
import { seedDemo } from '../demo/seed';
import { DEMO_FACTS_SHARE } from '../demo/write';
import { peerComparison, peerDecisions } from './index';

const dir = mkdtempSync(join(tmpdir(), 'equitas-peer-comparison-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('our fines beside the fines peers published', () => {
	it('on a fresh demo: both sides of an item have fines, from the four peer centres, and the rows behind the figure are as many', async () => {
		const db = await openMigrated(':memory:');
		try {
			await seedDemo(db, loadCatalog(), loadCalendar(), { dir, seed: 3, cases: 1500, circumstancesInFacts: DEMO_FACTS_SHARE });
			const c = await peerComparison(db, 'HPF-37-1');
			expect(c.own.count).toBeGreaterThan(50);
			expect(c.peers.count).toBeGreaterThan(30);
			expect(c.peers.agencies).toHaveLength(4);
			expect(c.peers.years.every((y) => y >= 2021 && y <= 2025)).toBe(true);
			// Inside the statute, in fen, and ordered as quantiles are.
			const p = c.peers;
			expect([p.min!, p.p25!, p.median!, p.p75!, p.max!].every((x, i, xs) => x >= 1_000_000 && x <= 5_000_000 && (i === 0 || x >= xs[i - 1]!))).toBe(true);
			// Our side in fen too: the demo's decided fines lie inside the statute (10,000–50,000 yuan) as well.
			expect(c.own.median!).toBeGreaterThanOrEqual(1_000_000);
			expect(c.own.median!).toBeLessThanOrEqual(5_000_000);
			const rows = await peerDecisions(db, 'HPF-37-1', 1000);
			expect(rows).toHaveLength(c.peers.count);
			expect(rows[0]!.fine_amount).toBe(p.max);
			// Every violation the peer list states is matched to its item, the account-opening ones too: the demo's own
			// facts paragraphs, much alike across items, must not drown the items' names.
			expect((await peerComparison(db, 'HPF-37-2')).peers.count).toBeGreaterThan(30);
			// An item no peer published anything for compares with nothing.
			expect((await peerComparison(db, 'HPF-38')).peers).toMatchObject({ count: 0, median: null, agencies: [] });
		} finally {
			await db.close();
		}
	});
});
