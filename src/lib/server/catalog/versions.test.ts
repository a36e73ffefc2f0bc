import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { catalogData, CatalogError, type CatalogData } from '../../domain/catalog';
import type { CaseRecord } from '../../domain/case-schema';
import { addDays } from '../../domain/dates';
import { ruleFlags } from '../../domain/review-rules';
import { loadCalendar } from '../calendar';
import { casePage } from '../cases';
import { CASE_SELECT } from '../cases/read';
import { openMigrated, type Database } from '../db';
import { seedDemo } from '../demo';
import { updateFlags } from '../review/freshness';
import { listFlags } from '../review/flags';
import { listAudit } from '../audit';
import { catalogBook, catalogVersions, CatalogVersionError, ensureShippedVersion, getCatalog, loadCatalog, publishCatalog } from './index';

const dir = mkdtempSync(join(tmpdir(), 'equitas-catalog-'));
const shipped = loadCatalog();
const cal = loadCalendar();
const reader = { roles: ['reviewer' as const] };
let db: Database;
/** Two decided cases of HPF-37-1 inside their v1 tier and without R02: one decided before `revisedOn`, one on it or after. */
let before: CaseRecord;
let after: CaseRecord;
let revisedOn: string;

const ITEM = 'HPF-37-1';

/** A revision that moves every fine tier of ITEM to the statutory maximum: the fines of `before` and `after` leave it. */
function revision(): CatalogData {
	const data = structuredClone(catalogData(shipped));
	data.version = '2026.2';
	const item = data.items.find((i) => i.code === ITEM)!;
	for (const t of item.tiers) {
		if (t.tier === '减轻' || t.tier === '不予处罚') continue;
		t.min = item.fine!.max;
		t.max = item.fine!.max;
		t.text = `修订：${t.text}`;
	}
	return data;
}

const r02Of = async (c: CaseRecord) => (await listFlags(db, { caseId: c.case_id!, agency: c.agency!, status: 'open', rule: 'R02' })).length;
const recompute = async () => updateFlags(db, getCatalog(), cal, null);

beforeAll(async () => {
	db = await openMigrated(join(dir, 'c.duckdb'));
	await seedDemo(db, shipped, cal, { dir: join(dir, 'files'), seed: 5, cases: 1200 });
	await ensureShippedVersion(db);
	const ctx = { catalog: shipped, cal, roster: new Map() };
	const cases = (
		(await db.query(
			`SELECT ${CASE_SELECT} FROM cases WHERE item_code = ? AND decided_on IS NOT NULL AND status <> '待审核' AND fine_amount > 0 AND fine_amount < ? ORDER BY decided_on, case_id`,
			[ITEM, shipped.byCode.get(ITEM)!.fine!.max * 100]
		)) as CaseRecord[]
	).filter((c) => c.circumstance_tier !== '减轻' && c.circumstance_tier !== '不予处罚' && !ruleFlags(c, ctx).some((f) => f.rule === 'R01' || f.rule === 'R02'));
	expect(cases.length).toBeGreaterThan(10);
	before = cases[Math.floor(cases.length / 4)]!;
	after = cases[Math.floor((cases.length * 3) / 4)]!;
	revisedOn = addDays(before.decided_on!, 1);
	expect(after.decided_on! >= revisedOn).toBe(true);
}, 120_000);

afterEach(() => {
	delete process.env.EQUITAS_TODAY;
});

afterAll(async () => {
	await db?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('catalog versions with effective dates', () => {
	it('makes the shipped file version 1, audited, once', async () => {
		await ensureShippedVersion(db);
		const versions = await catalogVersions(db);
		expect(versions.map((v) => [v.version, v.label, v.items])).toEqual([[1, shipped.version, shipped.items.length]]);
		expect((await listAudit(db, { action: 'catalog-published' })).total).toBe(1);
	});

	it('refuses a broken file whole, naming the entry and the problem, and changes nothing', async () => {
		const broken = revision();
		broken.items[1]!.fine = { min: 9, max: 1 };
		const err = await publishCatalog(db, { json: broken, source: 'broken.json', effective: revisedOn, note: 'x', actor: { username: 't' } }).catch(
			(e: unknown) => e
		);
		expect(err).toBeInstanceOf(CatalogError);
		expect((err as CatalogError).problems.join('\n')).toContain(`事项 ${broken.items[1]!.code} › fine.max：法定罚款下限大于上限`);
		expect((await catalogVersions(db)).length).toBe(1);
	});

	it('changes nothing with a version whose date has not come (EQUITAS_TODAY), then judges from that date on', async () => {
		process.env.EQUITAS_TODAY = addDays(revisedOn, -1);
		await recompute();
		expect([await r02Of(before), await r02Of(after)]).toEqual([0, 0]);

		const v2 = await publishCatalog(db, {
			json: revision(),
			source: 'rev.json',
			effective: revisedOn,
			note: '省局修订裁量基准',
			actor: { username: 'analyst' }
		});
		expect([v2.version, v2.effective_from, v2.note]).toEqual([2, revisedOn, '省局修订裁量基准']);
		expect((await catalogBook(db))?.upcoming().map((v) => v.version)).toEqual([2]);
		await recompute();
		expect([await r02Of(before), await r02Of(after)]).toEqual([0, 0]);
		expect((await casePage(db, reader, { caseId: after.case_id!, agency: after.agency }))?.benchmark.version?.version).toBe(1);

		// The day arrives: the cases decided from it are judged by version 2, the earlier ones stay with version 1.
		process.env.EQUITAS_TODAY = revisedOn;
		expect((await recompute())?.opened).toBeGreaterThan(0);
		expect([await r02Of(before), await r02Of(after)]).toEqual([0, 1]);
		const max = shipped.byCode.get(ITEM)!.fine!.max;
		const pageAfter = await casePage(db, reader, { caseId: after.case_id!, agency: after.agency });
		expect(pageAfter?.benchmark.version).toMatchObject({ version: 2, effective_from: revisedOn });
		expect(pageAfter?.benchmark.tier).toMatchObject({ min: max, max });
		expect(pageAfter?.benchmark.tier?.text).toMatch(/^修订：/);
		expect(pageAfter?.flags.map((f) => f.rule)).toContain('R02');
		const pageBefore = await casePage(db, reader, { caseId: before.case_id!, agency: before.agency });
		expect(pageBefore?.benchmark.version?.version).toBe(1);
		expect(pageBefore?.benchmark.tier?.text).not.toMatch(/^修订：/);
		expect(pageBefore?.flags.map((f) => f.rule)).not.toContain('R02');
		expect(getCatalog().version).toBe('2026.2');
	});

	it('refuses a second version with the same effective date', async () => {
		const err = await publishCatalog(db, { json: revision(), source: 'again.json', effective: revisedOn, note: 'again', actor: { username: 't' } }).catch(
			(e: unknown) => e
		);
		expect(err).toBeInstanceOf(CatalogVersionError);
		expect((err as Error).message).toContain(`${revisedOn} 已有生效的版本 2`);
		expect((await catalogVersions(db)).length).toBe(2);
		expect((await listAudit(db, { action: 'catalog-published' })).total).toBe(2);
	});

	it('refuses an effective date that is not a date', async () => {
		await expect(publishCatalog(db, { json: revision(), source: 'd.json', effective: '2026-02-30', note: '', actor: { username: 't' } })).rejects.toThrow(
			/生效日期「2026-02-30」不是有效日期/
		);
	});
});
