import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { openMigrated } from '../src/lib/server/db';
import { FIELDS } from '../src/lib/domain/case-schema';

const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'equitas-export-cli-'));
const db = join(dir, 'cli.duckdb');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]) {
	const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/export.ts'), ...args], { cwd: root, encoding: 'utf8' });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
	const d = await openMigrated(db);
	for (const [id, type, name, decided, fine] of [
		['C1', '自然人', '欧阳娜娜', '2024-05-06', '1500.50'],
		['C2', '法人及非法人组织', '临江某公司', '2023-02-03', null]
	] as const)
		await d.run(
			`INSERT INTO cases (agency, case_id, category, item_name, status, party_type, party_name, officer_ids, filed_on, decided_on, fine_amount)
			 VALUES ('临江市住房公积金管理中心', ?, '行政处罚', '单位不办理住房公积金缴存登记', '已结案', ?, ?, ['A1', 'A2'], DATE '2023-01-10', ?::DATE, ?::DECIMAL(18,2))`,
			[id, type, name, decided, fine]
		);
	await d.close();
});

describe('npm run -s export', () => {
	it('prints JSONL by default and one JSON array with --json, masked, filtered by year', () => {
		const r = cli(['cases', '--db', db]);
		expect(r.code, r.stderr).toBe(0);
		const rows = r.stdout
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l) as Record<string, unknown>);
		expect(rows.map((x) => [x.case_id, x.party_name, x.fine_amount])).toEqual([
			['C1', '欧***', 1500.5],
			['C2', '临江某公司', null]
		]);
		expect(Object.keys(rows[0]!)).toEqual([...FIELDS.map((f) => f.key), 'extracted']);
		const json = cli(['cases', '--db', db, '--year', '2023', '--json']);
		expect((JSON.parse(json.stdout) as { case_id: string }[]).map((x) => x.case_id)).toEqual(['C2']);
		expect(JSON.parse(cli(['publications', '--db', db, '--json']).stdout)).toEqual([]);
	});

	it('writes CSV and XLSX files, in full only with --unmasked, and records each export', async () => {
		const csv = join(dir, 'cases.csv');
		const r = cli(['cases', '--db', db, '--csv', csv, '--unmasked']);
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).toMatch(/已写出 2 行/);
		const text = readFileSync(csv, 'utf8');
		expect(text.startsWith('\uFEFF"案件编号","执法机关"')).toBe(true);
		expect(text).toContain('"欧阳娜娜"');
		expect(text).toContain('"1500.50"');

		const xlsx = join(dir, 'cases.xlsx');
		expect(cli(['cases', '--db', db, '--xlsx', xlsx]).code).toBe(0);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
		expect(wb.worksheets[0]?.rowCount).toBe(3);

		const d = await openMigrated(db);
		const audit = await d.query<{ actor: string; detail: string }>(`SELECT actor, detail FROM audit_log WHERE action = 'export' ORDER BY seq`);
		await d.close();
		expect(audit.every((a) => a.actor.startsWith('cli:'))).toBe(true);
		expect(audit.map((a) => JSON.parse(a.detail) as { format: string; masked: boolean }).map((a) => [a.format, a.masked])).toEqual([
			['jsonl', true],
			['json', true],
			['json', true],
			['csv', false],
			['xlsx', true]
		]);
	});

	it('refuses an unknown kind, a bad year, two formats and an unwritable file in one line of both languages, with exit code 2', () => {
		for (const [args, words] of [
			[['orders', '--db', db], /未知的导出类型.*unknown kind/],
			[['cases', '--db', db, '--year', '24'], /年份无效.*bad year/],
			[['cases', '--db', db, '--json', '--jsonl'], /只能选一个.*choose one/],
			[['cases', '--db', db, '--csv', join(dir, 'no/such/folder/x.csv')], /无法写入文件.*cannot write/],
			[['cases', '--db', db, '--pdf', 'x'], /命令有误.*bad command/]
		] as const) {
			const r = cli([...args]);
			expect(r.code, args.join(' ')).toBe(2);
			expect(r.stderr.trim().split('\n')).toHaveLength(1);
			expect(r.stderr).toMatch(words);
		}
		expect(existsSync(join(dir, 'no'))).toBe(false);
	});
});
