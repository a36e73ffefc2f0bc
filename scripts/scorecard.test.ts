import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigrated } from '../src/lib/server/db';
import { loadCatalog } from '../src/lib/server/catalog';
import { loadCalendar } from '../src/lib/server/calendar';
import { seedDemo } from '../src/lib/server/demo';

const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'equitas-scorecard-cli-'));
const db = join(dir, 's.duckdb');
let year = 0;
beforeAll(async () => {
	const d = await openMigrated(db);
	await seedDemo(d, loadCatalog(), loadCalendar(), { dir: join(dir, 'demo'), cases: 2000, seed: 5 });
	const [y] = await d.query<{ y: number }>(`SELECT max(year(decided_on)) - 1 AS y FROM cases`);
	year = Number(y?.y);
	await d.close();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) =>
	spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/scorecard.ts'), '--year', String(year), '--db', db, ...args], {
		cwd: root,
		encoding: 'utf8'
	});

describe('npm run -s scorecard', () => {
	it('prints the JSON contract: the issue’s keys, money in yuan, the year before beside each figure', () => {
		const r = run('--json');
		expect(r.status, r.stderr).toBe(0);
		const out = JSON.parse(r.stdout) as Record<string, Record<string, unknown>>;
		expect(Object.keys(out)).toEqual([
			'year',
			'agency',
			'consistency',
			'publicity',
			'withdrawal',
			'record',
			'legal_review',
			'reconsideration',
			'litigation',
			'officers'
		]);
		expect(out.year).toBe(year);
		expect(Object.keys(out.consistency!)).toEqual(['spread', 'spread_previous_year', 'by_department', 'by_officer']);
		const depts = out.consistency!.by_department as Record<string, unknown>[];
		expect(Object.keys(depts[0]!)).toEqual(['department', 'cases', 'median_shift', 'spread']);
		expect(depts[0]).toMatchObject({ department: '南湖管理部' });
		expect(depts[0]!.median_shift as number).toBeLessThan(-100);
		expect(Object.keys((out.consistency!.by_officer as object[])[0]!)).toEqual(['officer_id', 'cases', 'median_shift', 'spread']);
		expect(Object.keys(out.publicity!)).toEqual(['due', 'on_time', 'rate', 'previous']);
		expect(Object.keys(out.withdrawal!)).toEqual(['due', 'on_time', 'rate', 'previous']);
		expect(Object.keys(out.record!)).toEqual(['cases', 'complete', 'rate', 'previous']);
		expect(Object.keys(out.legal_review!)).toEqual(['major', 'reviewed_before', 'rate', 'previous']);
		expect(Object.keys(out.reconsideration!)).toEqual(['cases', 'corrected', 'previous']);
		expect(Object.keys(out.litigation!)).toEqual(['cases', 'lost', 'previous']);
		expect(Object.keys(out.officers!)).toEqual(['acting', 'certified', 'rate', 'previous']);
		expect(out.publicity!.due as number).toBeGreaterThan(0);
		expect(out.publicity!.on_time as number).toBeLessThanOrEqual(out.publicity!.due as number);
	});

	it('writes the evaluation as XLSX with the same figures, and says what it wrote', async () => {
		const file = join(dir, 's.xlsx');
		const r = run('--xlsx', file);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toContain(file);
		const json = JSON.parse(run('--json').stdout) as { consistency: { spread: number }; publicity: { due: number } };
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.readFile(file);
		const cells: string[] = [];
		wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
		expect(cells[0]).toContain(`${year}年度三项制度实施情况评估`);
		expect(cells).toContain(String(json.consistency.spread));
		expect(cells.some((c) => c.includes(`应公示 ${json.publicity.due}`))).toBe(true);
		expect(cells).toContain('南湖管理部');
	});

	it('prints a readable summary by default and fails in words on a bad year', () => {
		const r = run();
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toContain('三项制度实施情况评估');
		expect(r.stdout).toContain('按期公示率');
		const bad = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/scorecard.ts'), '--year', 'abc', '--db', db], {
			cwd: root,
			encoding: 'utf8'
		});
		expect(bad.status).not.toBe(0);
		expect(bad.stderr).toContain('正整数');
	});
});
