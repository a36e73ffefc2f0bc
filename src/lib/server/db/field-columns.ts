import { FIELDS, type FieldType, type Requirement } from '../../domain/case-schema';
import type { Queryable } from './database';

/** SQL type of each dictionary type; money is exact yuan with two decimals. */
export const SQL_TYPE: Record<FieldType, string> = {
	text: 'VARCHAR',
	int: 'INTEGER',
	money: 'DECIMAL(18,2)',
	date: 'DATE',
	bool: 'BOOLEAN',
	enum: 'VARCHAR',
	list: 'VARCHAR[]'
};

/** What the database needs of a field: its column name, its type and whether it may be empty. */
export interface FieldColumn {
	readonly key: string;
	readonly type: FieldType;
	readonly required: Requirement;
}

/**
 * The tables with one column per field. `cases` holds a field NOT NULL when the dictionary requires it always;
 * `case_versions` keeps whatever a replaced version had, so none of its field columns is NOT NULL.
 */
export const FIELD_TABLES: readonly { table: string; strict: boolean }[] = [
	{ table: 'cases', strict: true },
	{ table: 'case_versions', strict: false }
];

/** Schema steps that follow the dictionary are numbered from here, apart from the released migrations below it. */
export const FIELD_STEP_BASE = 10_000;

/** A column of the database that the dictionary cannot be brought to by adding columns. */
export class FieldColumnError extends Error {
	constructor(readonly problems: readonly string[]) {
		super(
			`数据库的案件表与数据字典不一致，需要编写迁移：\n${problems.map((p) => `  - ${p}`).join('\n')}\n/ the case tables of the database differ from the data dictionary; a migration must be written (see above).`
		);
		this.name = 'FieldColumnError';
	}
}

export interface ColumnAddition {
	table: string;
	column: string;
	type: string;
}

interface DbColumn {
	table: string;
	name: string;
	type: string;
	nullable: boolean;
}

const sameType = (a: string, b: string) => a.replace(/\s+/g, '').toUpperCase() === b.replace(/\s+/g, '').toUpperCase();

/**
 * Compares the field tables with the dictionary: the columns to add (fields the database lacks), and the problems
 * that adding cannot solve (another type, another NOT NULL, a required field that old rows have no value for).
 */
export async function planFieldColumns(db: Queryable, fields: readonly FieldColumn[] = FIELDS): Promise<{ add: ColumnAddition[]; problems: string[] }> {
	const rows = await db.query<DbColumn>(
		`SELECT table_name AS "table", column_name AS name, data_type AS type, is_nullable AS nullable
		 FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main'
		 AND list_contains([${FIELD_TABLES.map((t) => `'${t.table}'`).join(', ')}], table_name)`
	);
	const add: ColumnAddition[] = [];
	const problems: string[] = [];
	for (const { table, strict } of FIELD_TABLES) {
		const have = new Map(rows.filter((r) => r.table === table).map((r) => [r.name, r]));
		if (have.size === 0) {
			problems.push(`缺少表 ${table} / table ${table} is missing`);
			continue;
		}
		for (const f of fields) {
			const type = SQL_TYPE[f.type];
			const notNull = strict && f.required === 'always';
			const col = have.get(f.key);
			if (!col) {
				if (notNull)
					problems.push(`${table}.${f.key}：必填字段，已有的行没有它的值，不能直接补列 / a required (NOT NULL) field: existing rows have no value for it`);
				else add.push({ table, column: f.key, type });
			} else if (!sameType(col.type, type)) {
				problems.push(`${table}.${f.key}：数据库中为 ${col.type}，字典要求 ${type} / the column is ${col.type}, the dictionary says ${type}`);
			} else if (col.nullable === notNull) {
				problems.push(
					`${table}.${f.key}：${notNull ? '字典要求必填，数据库允许为空' : '字典允许为空，数据库要求必填'} / ${notNull ? 'required by the dictionary, nullable in the database' : 'optional in the dictionary, NOT NULL in the database'}`
				);
			}
		}
	}
	return { add, problems };
}

/**
 * Brings the field tables up to the dictionary: adds the missing columns as one step recorded in
 * schema_migrations, and returns its version (null when nothing was missing). Stops, changing nothing, on a
 * column it cannot add or that differs; run it inside a transaction so that a failure leaves no column behind.
 */
export async function alignFieldColumns(db: Queryable, fields: readonly FieldColumn[] = FIELDS): Promise<number | null> {
	const { add, problems } = await planFieldColumns(db, fields);
	if (problems.length > 0) throw new FieldColumnError(problems);
	if (add.length === 0) return null;
	for (const a of add) await db.run(`ALTER TABLE ${a.table} ADD COLUMN "${a.column}" ${a.type}`);
	const [last] = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations WHERE version >= ?', [FIELD_STEP_BASE]);
	const version = Math.max(FIELD_STEP_BASE, last?.v ?? FIELD_STEP_BASE) + 1;
	const name = `dictionary fields added: ${add.map((a) => `${a.table}.${a.column} ${a.type}`).join(', ')}`;
	await db.run('INSERT INTO schema_migrations (version, name) VALUES (?, ?)', [version, name]);
	return version;
}
