import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogData, type CatalogData } from '../src/lib/domain/catalog';
import { loadCatalog } from '../src/lib/server/catalog';

const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'equitas-catalog-cli-'));
const db = join(dir, 'c.duckdb');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
	return spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/catalog.ts'), ...args, '--db', db], {
		cwd: root,
		encoding: 'utf8',
		env: { ...process.env, EQUITAS_TODAY: '2026-06-01' }
	});
}

const json = <T>(r: ReturnType<typeof run>): T => {
	expect(r.status, r.stderr).toBe(0);
	return JSON.parse(r.stdout) as T;
};

describe('npm run -s catalog', () => {
	it('lists the shipped catalog as version 1 of a new database', () => {
		const rows = json<{ version: number; effective_from: string; state: string; items: number }[]>(run('list', '--json'));
		expect(rows.map((r) => [r.version, r.state, r.items])).toEqual([[1, 'in-force', loadCatalog().items.length]]);
	});

	it('exports, imports a revision with its date and note, and shows it', () => {
		const file = join(dir, 'v1.json');
		expect(run('export', file).status).toBe(0);
		const data = JSON.parse(readFileSync(file, 'utf8')) as CatalogData;
		expect(data).toEqual(JSON.parse(JSON.stringify(catalogData(loadCatalog()))));
		const tier = data.items[0]!.tiers.find((t) => t.tier === '从重')!;
		tier.text = '修订后的从重阶次';
		data.version = '2026.2';
		writeFileSync(join(dir, 'v2.json'), JSON.stringify(data));
		const out = json<Record<string, unknown>>(run('import', join(dir, 'v2.json'), '--effective', '2026-09-01', '--note', '省局修订', '--json'));
		expect(out).toEqual({ version: 2, effective_from: '2026-09-01', items: data.items.length });

		const rows = json<{ version: number; state: string; note: string }[]>(run('list', '--json'));
		expect(rows.map((r) => [r.version, r.state, r.note])).toEqual([
			[1, 'in-force', expect.any(String)],
			[2, 'upcoming', '省局修订']
		]);
		const shown = json<{ label: string; catalog: CatalogData }>(run('show', '2', '--json'));
		expect(shown.label).toBe('2026.2');
		expect(shown.catalog.items[0]!.tiers.find((t) => t.tier === '从重')?.text).toBe('修订后的从重阶次');
		expect(run('show', '2').stdout).toContain('2026-09-01 起生效');

		// The export of a chosen version is the file as imported.
		expect(run('export', '--version', '2', join(dir, 'back.json')).status).toBe(0);
		expect(JSON.parse(readFileSync(join(dir, 'back.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(shown.catalog)));
	});

	it('refuses a broken file whole, naming the entry and the problem', () => {
		const data = JSON.parse(readFileSync(join(dir, 'v1.json'), 'utf8')) as CatalogData;
		data.items[2]!.fine = { min: 500, max: 10 };
		writeFileSync(join(dir, 'bad.json'), JSON.stringify(data));
		const r = run('import', join(dir, 'bad.json'), '--effective', '2026-10-01', '--json');
		expect(r.status).toBe(1);
		expect(r.stderr).toContain(`事项 ${data.items[2]!.code} › fine.max：法定罚款下限大于上限`);
		expect(json<unknown[]>(run('list', '--json'))).toHaveLength(2);
	});

	it('refuses a second version on the same date', () => {
		const r = run('import', join(dir, 'v2.json'), '--effective', '2026-09-01');
		expect(r.status).toBe(1);
		expect(r.stderr).toContain('2026-09-01 已有生效的版本 2');
		expect(run('show', '3').stderr).toContain('没有版本 3');
	});
});
