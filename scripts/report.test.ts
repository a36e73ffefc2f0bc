import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigrated } from '../src/lib/server/db';
import { loadCatalog } from '../src/lib/server/catalog';
import { loadCalendar } from '../src/lib/server/calendar';
import { seedDemo } from '../src/lib/server/demo';

const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'equitas-report-'));
const db = join(dir, 'r.duckdb');
beforeAll(async () => {
	const d = await openMigrated(db);
	await seedDemo(d, loadCatalog(), loadCalendar(), { dir: join(dir, 'demo'), cases: 1500, seed: 3 });
	await d.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run -s report', () => {
	it('prints the JSON contract with the template labels as keys', () => {
		const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/report.ts'), '--year', '2023', '--db', db, '--json'], {
			cwd: root,
			encoding: 'utf8'
		});
		expect(r.status, r.stderr).toBe(0);
		const out = JSON.parse(r.stdout) as Record<string, Record<string, unknown>>;
		expect(Object.keys(out)).toEqual(['year', 'agency', 'table1', 'table2', 'table3', 'extra', 'reconciliation']);
		expect(Object.keys(out.table1!)).toEqual([
			'警告',
			'通报批评',
			'罚款',
			'没收违法所得、没收非法财物',
			'暂扣许可证件',
			'降低资质等级',
			'吊销许可证件',
			'限制开展生产经营活动',
			'责令停产停业',
			'责令关闭',
			'限制从业',
			'行政拘留',
			'其他',
			'合计',
			'罚没金额万元'
		]);
		expect(Object.keys(out.table2!)).toEqual([
			'查封',
			'扣押',
			'冻结存款汇款',
			'其他措施',
			'加处罚款或滞纳金',
			'划拨存款汇款',
			'拍卖或依法处理',
			'排除妨碍、恢复原状',
			'代履行',
			'申请人民法院强制执行',
			'其他执行',
			'合计'
		]);
		expect(Object.keys(out.table3!)).toEqual(['行政许可', '行政征收', '行政给付', '行政检查', '行政确认', '行政奖励', '行政裁决', '其他']);
		expect(Object.keys(out.extra!)).toEqual(['持证人数', '法制审核件数', '不予处罚', '减轻处罚', '被复议', '复议纠错', '被诉', '败诉', '移送司法']);
		expect(out.table1!.罚没金额万元).toMatch(/^\d+\.\d{2}$/);
		expect(Number(out.table1!.罚款)).toBeGreaterThan(0);
	});
});
