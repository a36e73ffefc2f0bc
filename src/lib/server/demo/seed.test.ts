import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { loadCatalog } from '../catalog';
import { loadCalendar } from '../calendar';
import { allCases } from '../cases/read';
import { generateDemoCases, seedDemo, type SeedResult } from './index';
import { isValidIdNumber, isValidUscc } from '../../domain/check-digits';

const dir = mkdtempSync(join(tmpdir(), 'equitas-seed-'));
const catalog = loadCatalog();
const cal = loadCalendar();
let db: Database;
let seeded: SeedResult;

beforeAll(async () => {
	db = await openMigrated(join(dir, 'seed.duckdb'));
	seeded = await seedDemo(db, catalog, cal, { dir: join(dir, 'files'), seed: 7, cases: 1500 });
});
afterAll(async () => {
	await db.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('demo data set', () => {
	it('loads every generated case, byte for byte, from both export files', async () => {
		const generated = [...generateDemoCases(catalog, cal, { seed: 7, cases: 1500 })].map((c) => c.record);
		const loaded = await allCases(db);
		expect(seeded.loads.map((l) => l.quarantined)).toEqual([0, 0]);
		expect(loaded.length).toBe(generated.length);
		const byId = new Map(loaded.map((c) => [c.case_id, c]));
		for (const g of generated) expect(byId.get(g.case_id), g.case_id ?? '').toEqual(g);
	});

	it('writes the old system GBK with alias headers, 万元 and mixed dates, and the new one UTF-8 with a BOM', () => {
		const legacy = iconv.decode(readFileSync(seeded.files.legacy), 'gbk');
		expect(legacy.split('\r\n')[1]).toMatch(/^案号,处罚机关,管理部,/);
		expect(legacy).toMatch(/罚款金额\(万元\)/);
		expect(legacy).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
		expect(legacy).toMatch(/,\d{8},/);
		const current = readFileSync(seeded.files.current);
		expect([...current.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(current.toString('utf8', 3, 60)).toMatch(/^案件编号,执法机关,承办部门/);
		expect(seeded.loads.map((l) => l.encoding)).toEqual(['GB18030', 'UTF-8']);
	});

	it('has fines that follow the tiers, a lenient branch, pending proposals and planted faults', async () => {
		const [lenient] = await db.query<{ ratio: number }>(`
			WITH m AS (SELECT department = '南湖管理部' AS lenient, median(fine_amount) AS med FROM cases
			           WHERE circumstance_tier = '一般' AND status = '已结案' GROUP BY ALL)
			SELECT (SELECT med FROM m WHERE lenient) / (SELECT med FROM m WHERE NOT lenient) AS ratio`);
		expect(lenient?.ratio).toBeLessThan(0.9);
		const tiers = await db.query<{ tier: string; lo: number; hi: number }>(`
			SELECT circumstance_tier AS tier, quantile_cont(fine_amount, 0.1) AS lo, quantile_cont(fine_amount, 0.9) AS hi
			FROM cases WHERE department <> '南湖管理部' AND fine_amount > 0 AND status = '已结案' GROUP BY 1`);
		const t = Object.fromEntries(tiers.map((x) => [x.tier, x]));
		expect(t['从轻']!.hi).toBeLessThanOrEqual(20_000);
		expect(t['从重']!.lo).toBeGreaterThanOrEqual(35_000);
		const [pending] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM cases WHERE status = '待审核' AND fine_amount > 0 AND decided_on IS NULL`);
		expect(pending!.n).toBeGreaterThan(5);
		const truth = JSON.parse(readFileSync(seeded.files.truth, 'utf8')) as { faults: { rules: string[] }[] };
		expect(truth.faults.length).toBeGreaterThan(0);
	});

	it('gives parties valid check digits except where a fault was planted', async () => {
		const truth = JSON.parse(readFileSync(seeded.files.truth, 'utf8')) as { faults: { case_id: string; rules: string[] }[] };
		const corrupted = new Set(truth.faults.filter((f) => f.rules.includes('CHECK')).map((f) => f.case_id));
		for (const c of await allCases(db)) {
			const ok = c.party_type === '自然人' ? isValidIdNumber(c.party_id ?? '') : isValidUscc(c.party_id ?? '');
			expect(ok, `${c.case_id} ${c.party_id}`).toBe(!corrupted.has(c.case_id ?? ''));
		}
	});

	it('has a roster with expired certificates', async () => {
		const [r] = await db.query<{ n: number; expired: number }>(`SELECT count(*) AS n, count(*) FILTER (valid_to < DATE '2025-12-31') AS expired FROM officers`);
		expect(r).toEqual({ n: 48, expired: 6 });
	});
});
