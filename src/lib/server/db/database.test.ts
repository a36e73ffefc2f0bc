import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { decimalToFen, migrate, MIGRATIONS, openDatabase, openMigrated } from './index';
import { FIELDS } from '../../domain/case-schema';

const dir = mkdtempSync(join(tmpdir(), 'equitas-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('database layer', () => {
	it('converts BIGINT, DECIMAL, DATE and lists explicitly', async () => {
		const db = await openDatabase(':memory:');
		const [row] = await db.query(`SELECT 42::BIGINT AS n, 12345.67::DECIMAL(18,2) AS m, DATE '2024-02-29' AS d, ['a','b'] AS l, NULL AS z`);
		expect(row).toEqual({ n: 42, m: 12345.67, d: '2024-02-29', l: ['a', 'b'], z: null });
		await expect(db.query('SELECT 9007199254740993::BIGINT AS big')).rejects.toThrow(/exactly/);
		await db.close();
	});

	it('reads money as exact fen', async () => {
		const instance = await DuckDBInstance.create(':memory:');
		const c = await instance.connect();
		const r = await c.runAndReadAll(`SELECT 0.29::DECIMAL(18,2) AS a, SUM(x) AS s FROM (VALUES (0.10::DECIMAL(18,2)), (0.20::DECIMAL(18,2))) t(x)`);
		const [a, s] = r.getRows()[0]!;
		expect(decimalToFen(a!)).toBe(29);
		expect(decimalToFen(s!)).toBe(30);
		c.closeSync();
		instance.closeSync();
	});

	it('binds parameters instead of splicing them into SQL', async () => {
		const db = await openDatabase(':memory:');
		await db.run('CREATE TABLE t (s VARCHAR)');
		const evil = "x'); DROP TABLE t; --";
		await db.run('INSERT INTO t VALUES (?)', [evil]);
		expect(await db.query('SELECT s FROM t WHERE s = $v', { v: evil })).toEqual([{ s: evil }]);
		await db.close();
	});

	it('rolls a failed transaction back whole', async () => {
		const db = await openDatabase(':memory:');
		await db.run('CREATE TABLE t (n INTEGER)');
		await expect(
			db.transaction(async (tx) => {
				await tx.run('INSERT INTO t VALUES (1)');
				throw new Error('boom');
			})
		).rejects.toThrow('boom');
		expect(await db.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 0 }]);
		await db.close();
	});

	it('never interleaves two callers on one connection', async () => {
		const db = await openDatabase(':memory:', { connections: 1 });
		await db.run('CREATE TABLE t (n INTEGER)');
		// Two transactions at once on a pool of one: the second waits for the first instead of nesting BEGINs.
		await Promise.all([1, 2].map((n) => db.transaction(async (tx) => tx.run('INSERT INTO t VALUES (?)', [n]))));
		expect(await db.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 2 }]);
		await db.close();
	});

	it('migrates a file once, derives the case columns from the dictionary, and survives a reopen', async () => {
		const path = join(dir, 'm.duckdb');
		const db = await openMigrated(path);
		const cols = await db.query<{ column_name: string; data_type: string }>(
			`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'cases' ORDER BY ordinal_position`
		);
		for (const f of FIELDS) expect(cols.map((c) => c.column_name)).toContain(f.key);
		expect(cols.find((c) => c.column_name === 'fine_amount')?.data_type).toBe('DECIMAL(18,2)');
		expect(await migrate(db)).toEqual([]);
		await db.close();
		const again = await openMigrated(path);
		expect(await again.query('SELECT max(version) AS v FROM schema_migrations')).toEqual([{ v: MIGRATIONS.at(-1)!.version }]);
		await again.close();
	});
	it('rebuilds cases without the key index (migration 8), keeping rows, NOT NULL and defaults', async () => {
		const db = await openDatabase(':memory:');
		await db.run(
			'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)'
		);
		for (const m of MIGRATIONS.filter((x) => x.version < 8)) {
			await m.up(db);
			await db.run('INSERT INTO schema_migrations (version, name) VALUES (?, ?)', [m.version, m.name]);
		}
		const required = FIELDS.filter((f) => f.required === 'always');
		const values = required.map((f) => (f.type === 'date' ? `DATE '2023-01-02'` : f.type === 'list' ? `['a']` : `'x'`));
		await db.run(`INSERT INTO cases (${required.map((f) => f.key).join(', ')}, fine_amount) VALUES (${values.join(', ')}, 12.34)`);
		expect(await migrate(db)).toEqual(MIGRATIONS.filter((x) => x.version >= 8).map((x) => x.version));
		const [row] = await db.query<{ fine_amount: number; loaded: boolean }>('SELECT fine_amount, loaded_at IS NOT NULL AS loaded FROM cases');
		expect(row).toEqual({ fine_amount: 12.34, loaded: true });
		expect(
			await db.query(`SELECT constraint_type FROM duckdb_constraints() WHERE table_name = 'cases' AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')`)
		).toEqual([]);
		const notNull = await db.query<{ c: string }>(
			`SELECT column_name AS c FROM duckdb_columns() WHERE table_name = 'cases' AND NOT is_nullable ORDER BY column_index`
		);
		expect(notNull.map((r) => r.c)).toEqual([...required.map((f) => f.key), 'loaded_at']);
		await expect(db.run(`INSERT INTO cases (agency) VALUES ('x')`)).rejects.toThrow(/NOT NULL/);
		await db.close();
	});
});
