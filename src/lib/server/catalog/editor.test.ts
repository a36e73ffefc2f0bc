import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogData, type CatalogData } from '../../domain/catalog';
import { loadCalendar } from '../calendar';
import { openMigrated, type Database } from '../db';
import { seedDemo } from '../demo';
import { checkDraft } from './editor';
import { ensureShippedVersion, loadCatalog } from './index';

const dir = mkdtempSync(join(tmpdir(), 'equitas-catalog-editor-'));
const shipped = loadCatalog();
let db: Database;

/** Every fine tier of the first item at the statutory maximum: fines below it leave their tier (R02). */
function narrowed(): CatalogData {
	const d = structuredClone(catalogData(shipped));
	const item = d.items[0]!;
	for (const t of item.tiers) if (t.tier !== '减轻' && t.tier !== '不予处罚') [t.min, t.max] = [item.fine!.max, item.fine!.max];
	return d;
}

beforeAll(async () => {
	db = await openMigrated(join(dir, 'e.duckdb'));
	await seedDemo(db, shipped, loadCalendar(), { dir: join(dir, 'files'), seed: 9, cases: 800 });
	await ensureShippedVersion(db);
}, 120_000);
afterAll(async () => {
	await db?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('the editor check before publishing', () => {
	it('shows the changes and counts the past and pending cases whose tier or flags move', async () => {
		const r = await checkDraft(db, narrowed(), '2000-01-02');
		if (!r.ok) throw new Error(JSON.stringify(r.problems));
		expect(r.against).toEqual({ version: 1, label: shipped.version });
		expect(r.changes.length).toBeGreaterThan(0);
		expect(r.changes.every((c) => c.where.startsWith(`事项「${shipped.items[0]!.name}」`) && /(下限|上限)$/.test(c.where))).toBe(true);
		const [{ n } = { n: 0 }] = await db.query<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM cases WHERE item_code = ? AND fine_amount > 0 AND fine_amount < ? AND coalesce(circumstance_tier, '') NOT IN ('减轻', '不予处罚')`,
			[shipped.items[0]!.code, shipped.items[0]!.fine!.max * 100]
		);
		expect(n).toBeGreaterThan(0);
		// Each of those cases gains R02 (or changes its expected tier), so each moves; nothing else changed.
		expect(r.impact.past + r.impact.pending).toBeGreaterThanOrEqual(n * 0.9);
		expect(r.impact.past).toBeGreaterThan(0);
		expect(r.impact.pending).toBeGreaterThan(0);
	});

	it('moves no case when nothing changed, and judges none with a date after every case', async () => {
		const same = await checkDraft(db, catalogData(shipped), '2000-01-02');
		expect(same.ok && [same.changes.length, same.impact.past, same.impact.pending]).toEqual([0, 0, 0]);
		const later = await checkDraft(db, narrowed(), '2199-01-01');
		expect(later.ok && later.impact).toEqual({ past: 0, pending: 0, judged: 0 });
	});

	it('names the item and the field in Chinese when the draft is wrong', async () => {
		const d = narrowed();
		d.items[0]!.tiers[0]!.text = '';
		const r = await checkDraft(db, d, '2000-01-02');
		expect(r.ok).toBe(false);
		expect(!r.ok && r.problems).toContainEqual({ where: `事项「${d.items[0]!.name}」（${d.items[0]!.code}） › 第 1 个阶次 › 适用情形`, message: '不能为空' });
	});
});
