import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIELDS } from '../../domain/case-schema';
import { openDatabase, type Database } from './database';
import { FIELD_STEP_BASE, FieldColumnError, planFieldColumns, type FieldColumn } from './field-columns';
import { migrate, MIGRATIONS } from './migrations';
import { openMigrated } from './index';

const dir = mkdtempSync(join(tmpdir(), 'equitas-fields-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A field a later dictionary might add: optional, so old rows simply have no value for it. */
const witnesses: FieldColumn = { key: 'witnesses', type: 'int', required: 'never' };

async function columns(db: Database, table: string): Promise<Map<string, { type: string; nullable: boolean }>> {
	const rows = await db.query<{ name: string; type: string; nullable: boolean }>(
		`SELECT column_name AS name, data_type AS type, is_nullable AS nullable FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index`,
		[table]
	);
	return new Map(rows.map((r) => [r.name, { type: r.type, nullable: r.nullable }]));
}

/** One case with only what the dictionary requires, and one replaced version of it. */
async function seedCase(db: Database): Promise<void> {
	const required = FIELDS.filter((f) => f.required === 'always');
	const values = required.map((f) => (f.type === 'date' ? `DATE '2023-01-02'` : f.type === 'list' ? `['A1', 'A2']` : `'x'`));
	await db.run(`INSERT INTO cases (${required.map((f) => f.key).join(', ')}, fine_amount) VALUES (${values.join(', ')}, 12.34)`);
	await db.run(`INSERT INTO case_versions (replaced_by_batch, case_id, agency, fine_amount) VALUES (1, 'x', 'x', 5)`);
}

describe('case columns follow the dictionary', () => {
	it('keeps every released migration below the dictionary steps', () => {
		expect(Math.max(...MIGRATIONS.map((m) => m.version))).toBeLessThan(FIELD_STEP_BASE);
	});

	it('gives a new database exactly the dictionary’s columns, with nothing left to add', async () => {
		const db = await openDatabase(':memory:');
		expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
		const cases = await columns(db, 'cases');
		for (const f of FIELDS) expect(cases.get(f.key)?.nullable, f.key).toBe(f.required !== 'always');
		expect(await planFieldColumns(db)).toEqual({ add: [], problems: [] });
		await db.close();
	});

	it('brings a database made with an older dictionary up to date, as a recorded step, keeping its rows', async () => {
		const path = join(dir, 'old.duckdb');
		const old = await openMigrated(path);
		await seedCase(old);
		// The older dictionary had no av_recorded: the database of that time lacks the column in both tables.
		await old.run('ALTER TABLE cases DROP COLUMN av_recorded');
		await old.run('ALTER TABLE case_versions DROP COLUMN av_recorded');
		await old.close();

		const db = await openDatabase(path);
		const applied = await migrate(db, [...FIELDS, witnesses]);
		expect(applied).toEqual([FIELD_STEP_BASE + 1]);
		for (const table of ['cases', 'case_versions']) {
			const cols = await columns(db, table);
			expect(cols.get('av_recorded'), table).toEqual({ type: 'BOOLEAN', nullable: true });
			expect(cols.get('witnesses'), table).toEqual({ type: 'INTEGER', nullable: true });
		}
		expect(await db.query('SELECT case_id, fine_amount, av_recorded, witnesses FROM cases')).toEqual([
			{ case_id: 'x', fine_amount: 12.34, av_recorded: null, witnesses: null }
		]);
		expect(await db.query('SELECT fine_amount, witnesses FROM case_versions')).toEqual([{ fine_amount: 5, witnesses: null }]);
		const [step] = await db.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations WHERE version > ?', [FIELD_STEP_BASE]);
		expect(step?.version).toBe(FIELD_STEP_BASE + 1);
		expect(step?.name).toContain('cases.witnesses INTEGER');
		// Once up to date, opening again changes nothing; a later field gets the next step.
		expect(await migrate(db, [...FIELDS, witnesses])).toEqual([]);
		expect(await migrate(db, [...FIELDS, witnesses, { key: 'site', type: 'text', required: 'never' }])).toEqual([FIELD_STEP_BASE + 2]);
		await db.close();
	});

	it('stops, naming the column in Chinese and English and changing nothing, when a column has another type', async () => {
		const db = await openDatabase(':memory:');
		await migrate(db);
		await seedCase(db);
		const changed = FIELDS.map((f): FieldColumn => (f.key === 'fine_amount' ? { ...f, type: 'int' } : f));
		const failure = await migrate(db, [...changed, witnesses]).catch((e: unknown) => e);
		expect(failure).toBeInstanceOf(FieldColumnError);
		const message = (failure as Error).message;
		expect(message).toContain('cases.fine_amount');
		expect(message).toContain('数据库中为 DECIMAL(18,2)，字典要求 INTEGER');
		expect(message).toContain('the column is DECIMAL(18,2), the dictionary says INTEGER');
		// The optional field that could have been added was not: the step is all or nothing.
		expect((await columns(db, 'cases')).has('witnesses')).toBe(false);
		expect(await db.query('SELECT count(*) AS n FROM cases')).toEqual([{ n: 1 }]);
		await db.close();
	});

	it('stops on a new required field, which old rows have no value for, and on a changed NOT NULL', async () => {
		const db = await openDatabase(':memory:');
		await migrate(db);
		const required: FieldColumn = { key: 'region', type: 'text', required: 'always' };
		await expect(migrate(db, [...FIELDS, required])).rejects.toThrow(/cases\.region：必填字段.*NOT NULL/);
		const relaxed = FIELDS.map((f): FieldColumn => (f.key === 'party_name' ? { ...f, required: 'never' } : f));
		await expect(migrate(db, relaxed)).rejects.toThrow(/cases\.party_name：字典允许为空，数据库要求必填/);
		// case_versions keeps no NOT NULL, so a required field could be added there; cases stops it all the same.
		expect((await columns(db, 'case_versions')).has('region')).toBe(false);
		await db.close();
	});

	it('refuses to open a database whose columns cannot follow the dictionary', async () => {
		const path = join(dir, 'typed.duckdb');
		const db = await openMigrated(path);
		await db.run('ALTER TABLE cases ALTER COLUMN months_overdue TYPE VARCHAR');
		await db.close();
		await expect(openMigrated(path)).rejects.toThrow(/cases\.months_overdue：数据库中为 VARCHAR，字典要求 INTEGER/);
	});
});
