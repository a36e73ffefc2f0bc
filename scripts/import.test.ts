import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openMigrated } from '../src/lib/server/db';
import { loadCatalog } from '../src/lib/server/catalog';
import { loadCalendar } from '../src/lib/server/calendar';
import { writeDemoFiles } from '../src/lib/server/demo';
import { saveProfile, savePublicationProfile } from '../src/lib/server/import';

const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'equitas-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// tsx as a loader in this very process, so that a kill reaches the import itself (the tsx command forks a child).
const tsx = ['--import', 'tsx'];

function cli(args: string[]) {
	const r = spawnSync(process.execPath, [...tsx, join(root, 'scripts/import.ts'), ...args], { cwd: root, encoding: 'utf8' });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run -s import', () => {
	const db = join(dir, 'cli.duckdb');

	it('prints the JSON contract, lists batches and undoes one', () => {
		const r = cli([join(root, 'data/samples/cases-legacy-gbk.csv'), '--db', db, '--json']);
		expect(r.code, r.stderr).toBe(0);
		const out = JSON.parse(r.stdout) as Record<string, unknown>;
		expect(Object.keys(out)).toEqual([
			'batch',
			'file',
			'encoding',
			'rows',
			'imported',
			'updated',
			'unchanged',
			'quarantined',
			'skipped',
			'warnings',
			'quarantine_reasons',
			'cases_total'
		]);
		expect(out).toMatchObject({ batch: 1, file: 'cases-legacy-gbk.csv', encoding: 'GB18030', quarantined: 0, skipped: 0 });
		expect(out.rows).toBe(Number(out.imported) + Number(out.updated) + Number(out.unchanged) + Number(out.quarantined) + Number(out.skipped));
		expect(typeof out.warnings).toBe('object');

		const roster = cli([join(root, 'data/samples/roster.csv'), '--kind', 'roster', '--db', db, '--json']);
		expect(JSON.parse(roster.stdout)).toMatchObject({ batch: 2, rows: 48, imported: 48, officers_total: 48 });

		const list = cli(['batches', '--db', db, '--json']);
		expect((JSON.parse(list.stdout) as { id: number }[]).map((b) => b.id)).toEqual([2, 1]);
		const undo = cli(['undo', '1', '--db', db]);
		expect(undo.code, undo.stderr).toBe(0);
		expect(undo.stdout).toMatch(/已撤销第 1 批次/);
	});

	it('says why rows were quarantined, by stable code, in Chinese and English, in the text and the JSON', () => {
		const file = join(dir, 'bad-rows.csv');
		const header = '案件编号,执法机关,执法类别,执法事项,案件状态,当事人类型,当事人名称,执法证号,立案日期,罚款金额';
		const good = (id: string, filed: string, fine: string) => `${id},临江市住房公积金管理中心,行政检查,检查,办理中,单位,某公司,Z1、Z2,${filed},${fine}`;
		writeFileSync(
			file,
			[header, good('Q1', '2024-01-05', ''), good('Q2', '2024-02-30', ''), good('Q3', '2024-01-05', '-5'), good('Q4', '不详', '1.234'), ''].join('\n')
		);
		const json = cli([file, '--db', join(dir, 'reasons.duckdb'), '--json']);
		expect(json.code, json.stderr).toBe(0);
		const out = JSON.parse(json.stdout) as { quarantined: number; quarantine_reasons: Record<string, number> };
		expect(out.quarantined).toBe(3);
		expect(out.quarantine_reasons).toEqual({ 'date-invalid': 1, 'money-negative': 1, 'date-unreadable': 1, 'money-sub-fen': 1 });
		const text = cli([file, '--db', join(dir, 'reasons-text.duckdb')]);
		expect(text.code, text.stderr).toBe(0);
		expect(text.stdout).toMatch(/隔离原因 \/ quarantined for \[date-invalid\]: 日期不存在 \/ a date that does not exist: 1/);
		expect(text.stdout).toMatch(/\[money-sub-fen\]: 金额精确到分以下 \/ an amount finer than one fen: 1/);
	});

	it('imports a penalty publicity list as its own kind, with the fines read from the text, and undoes it', () => {
		const pubDb = join(dir, 'publications.duckdb');
		const list = resolve(root, '../shared/real/cn_mee_2017q1_emission_penalties_chinamainsite0004.xlsx');
		const r = cli([list, '--kind', 'publications', '--db', pubDb, '--json']);
		expect(r.code, r.stderr).toBe(0);
		const out = JSON.parse(r.stdout) as Record<string, unknown>;
		expect(out).toMatchObject({ batch: 1, rows: 171, imported: 171, quarantined: 0, skipped: 0, publications_total: 171 });
		expect(out.fines_from_text).toBeGreaterThan(100);
		expect(out.rows).toBe(Number(out.imported) + Number(out.updated) + Number(out.unchanged) + Number(out.quarantined) + Number(out.skipped));
		const undo = cli(['undo', '1', '--db', pubDb]);
		expect(undo.code, undo.stderr).toBe(0);
		expect(undo.stdout).toMatch(/已撤销第 1 批次：移除新增的 171 条/);
	});

	it('imports a publicity list whose headers it does not know with a saved profile (--profile), and refuses a case profile', async () => {
		const pubDb = join(dir, 'publication-profile.duckdb');
		const header = ['主体', '文书', '处罚结果', '日期'];
		const file = join(dir, 'district-list.csv');
		writeFileSync(
			file,
			['某区处罚公示', header.join(','), '甲公司,某罚〔2024〕1号,罚款5000元,2024-03-01', '乙公司,某罚〔2024〕2号,警告,2024-03-02'].join('\n')
		);
		const setup = await openMigrated(pubDb);
		await savePublicationProfile(setup, '某区公示', header, { 主体: 'party_name', 文书: 'decision_no', 处罚结果: 'content', 日期: 'decided_on' }, 'fenxi', 2);
		await saveProfile(setup, '本中心台账', ['案件编号'], { 案件编号: 'case_id' }, 'fenxi');
		// Found by name only: the signature would find it too, and the name is what is tested here.
		await setup.run(`UPDATE import_profiles SET headers_key = 'other'`);
		await setup.close();

		const r = cli([file, '--kind', 'publications', '--db', pubDb, '--profile', '某区公示', '--json']);
		expect(r.code, r.stderr).toBe(0);
		const out = JSON.parse(r.stdout) as Record<string, unknown>;
		expect(out).toMatchObject({ batch: 1, rows: 2, imported: 2, quarantined: 0, publications_total: 2, fines_from_text: 1, profile: '某区公示' });
		const none = cli([file, '--kind', 'publications', '--db', pubDb, '--json']);
		expect(none.code).not.toBe(0);
		expect(none.stderr).toMatch(/没有找到表头/);
		const wrong = cli([file, '--kind', 'publications', '--db', pubDb, '--profile', '本中心台账', '--json']);
		expect(wrong.code).not.toBe(0);
		expect(wrong.stderr).toMatch(/「本中心台账」是案件台账的方案，不能用于处罚公示/);
		expect(wrong.stderr).toMatch(/Import failed: Mapping profile "本中心台账" is a case ledger profile/);
		const missing = cli([file, '--kind', 'publications', '--db', pubDb, '--profile', '没有的方案']);
		expect(missing.code).not.toBe(0);
		expect(missing.stderr).toMatch(/没有名为「没有的方案」的映射方案/);
	});

	it('fails with a clear message when the file cannot be read at all', () => {
		const missing = cli([join(dir, 'nope.csv'), '--db', db]);
		expect(missing.code).not.toBe(0);
		expect(missing.stderr).toMatch(/找不到文件/);
		const noHeader = cli([join(root, 'package.json'), '--db', db]);
		expect(noHeader.code).not.toBe(0);
		expect(noHeader.stderr).toMatch(/没有找到表头/);
		expect(noHeader.stderr).toMatch(/Import failed: No header row/);
		// An encrypted or non-workbook OLE file: said what it is and how to save it, in both languages.
		const ole = join(dir, 'letter.xls');
		writeFileSync(ole, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]));
		const legacy = cli([ole, '--db', db]);
		expect(legacy.code).not.toBe(0);
		expect(legacy.stderr).toMatch(/\.xlsx/);
		expect(legacy.stderr).toMatch(/Import failed: .*\.xlsx/);
	});

	it('leaves the database exactly as before when the import is killed midway', async () => {
		const killDb = join(dir, 'kill.duckdb');
		copyFileSync(join(root, 'data/samples/cases-current-utf8.csv'), join(dir, 'base.csv'));
		expect(cli([join(dir, 'base.csv'), '--db', killDb, '--json']).code).toBe(0);
		const catalog = loadCatalog();
		const files = await writeDemoFiles(catalog, loadCalendar(), { dir: join(dir, 'big'), cases: 60_000, seed: 5, layout: 'messy' });

		const child = spawn(process.execPath, [...tsx, join(root, 'scripts/import.ts'), files.legacy, '--db', killDb, '--json'], { cwd: root });
		let stderr = '';
		const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
		// Kill it once it is inside its transaction, normalising rows.
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`the import never reached its transaction:\n${stderr}`)), 60_000);
			child.stderr.on('data', (d: Buffer) => {
				stderr += d.toString();
				if (stderr.includes('规范化')) {
					clearTimeout(timer);
					resolve();
				}
			});
		});
		expect(child.exitCode).toBeNull();
		child.kill('SIGKILL');
		await exited;

		const after = await openMigrated(killDb);
		const [c] = await after.query<{ cases: number; batches: number; quarantined: number }>(
			`SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM batches) AS batches, (SELECT count(*) FROM quarantine) AS quarantined`
		);
		await after.close();
		expect(c).toEqual({ cases: 329, batches: 1, quarantined: 0 });
	}, 180_000);
});
