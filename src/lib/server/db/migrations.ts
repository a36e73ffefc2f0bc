import { FIELDS } from '../../domain/case-schema';
import type { Database, Queryable } from './database';
import { alignFieldColumns, type FieldColumn } from './field-columns';

export { SQL_TYPE } from './field-columns';

/**
 * The case columns as migration 1 created them, written out so that a later change of the dictionary never
 * changes a released migration; the dictionary's later fields reach every database through alignFieldColumns.
 */
const CASE_COLUMNS_V1 = `\tcase_id VARCHAR NOT NULL,
\tagency VARCHAR NOT NULL,
\tdepartment VARCHAR,
\tcategory VARCHAR NOT NULL,
\titem_code VARCHAR,
\titem_name VARCHAR NOT NULL,
\tlegal_basis VARCHAR,
\tprocedure VARCHAR,
\tstatus VARCHAR NOT NULL,
\tparty_type VARCHAR NOT NULL,
\tparty_name VARCHAR NOT NULL,
\tparty_id VARCHAR,
\tofficer_ids VARCHAR[] NOT NULL,
\tfiled_on DATE NOT NULL,
\tinvestigated_on DATE,
\tnotified_on DATE,
\thearing_on DATE,
\treviewed_on DATE,
\treview_result VARCHAR,
\tmajor_decision BOOLEAN,
\tdecided_on DATE,
\tdecision_no VARCHAR,
\tserved_on DATE,
\tclosed_on DATE,
\tpublished_on DATE,
\twithdrawn_on DATE,
\tav_recorded BOOLEAN,
\temployees_affected INTEGER,
\tmonths_overdue INTEGER,
\tamount_involved DECIMAL(18,2),
\tprior_violations INTEGER,
\trectified BOOLEAN,
\tcooperated BOOLEAN,
\tharm VARCHAR,
\tcircumstance_tier VARCHAR,
\tpenalty_types VARCHAR[],
\tfine_amount DECIMAL(18,2),
\tconfiscated_amount DECIMAL(18,2),
\treconsideration VARCHAR,
\tlitigation VARCHAR`;

export interface Migration {
	version: number;
	name: string;
	up(db: Queryable): Promise<void>;
}

/** Versioned, append-only: a released migration is never edited, a change is a new one. */
export const MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		name: 'cases, officer roster and import batches',
		async up(db) {
			await db.run(`CREATE SEQUENCE batch_id_seq START 1`);
			await db.run(`CREATE TABLE batches (
	id INTEGER PRIMARY KEY DEFAULT nextval('batch_id_seq'),
	kind VARCHAR NOT NULL,
	file_name VARCHAR NOT NULL,
	sha256 VARCHAR,
	size_bytes BIGINT,
	encoding VARCHAR,
	user_name VARCHAR,
	started_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	finished_at TIMESTAMP,
	rows_read INTEGER NOT NULL DEFAULT 0,
	imported INTEGER NOT NULL DEFAULT 0,
	updated INTEGER NOT NULL DEFAULT 0,
	unchanged INTEGER NOT NULL DEFAULT 0,
	quarantined INTEGER NOT NULL DEFAULT 0,
	mapping VARCHAR
)`);
			await db.run(`CREATE TABLE cases (
${CASE_COLUMNS_V1},
	extra VARCHAR,
	batch_id INTEGER,
	loaded_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	PRIMARY KEY (agency, case_id)
)`);
			await db.run(`CREATE TABLE officers (
	cert_no VARCHAR PRIMARY KEY,
	name VARCHAR NOT NULL,
	department VARCHAR,
	valid_from DATE,
	valid_to DATE,
	status VARCHAR,
	batch_id INTEGER
)`);
		}
	},
	{
		version: 2,
		name: 'accounts, sessions, API tokens, settings and the hash-chained audit log',
		async up(db) {
			await db.run(`CREATE SEQUENCE user_id_seq START 1`);
			// Times that decide access (expiry, lockout) are epoch milliseconds, compared in one clock: the server's.
			await db.run(`CREATE TABLE users (
	id INTEGER PRIMARY KEY DEFAULT nextval('user_id_seq'),
	username VARCHAR NOT NULL UNIQUE,
	display_name VARCHAR NOT NULL,
	password_hash VARCHAR NOT NULL,
	roles VARCHAR[] NOT NULL,
	cert_no VARCHAR,
	department VARCHAR,
	disabled BOOLEAN NOT NULL DEFAULT false,
	must_change_password BOOLEAN NOT NULL DEFAULT false,
	failed_attempts INTEGER NOT NULL DEFAULT 0,
	locked_until_ms BIGINT,
	created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	password_changed_ms BIGINT
)`);
			await db.run(`CREATE TABLE sessions (
	id_hash VARCHAR PRIMARY KEY,
	user_id INTEGER NOT NULL,
	created_ms BIGINT NOT NULL,
	last_seen_ms BIGINT NOT NULL,
	expires_ms BIGINT NOT NULL,
	ip VARCHAR,
	user_agent VARCHAR,
	revoked_ms BIGINT
)`);
			await db.run(`CREATE SEQUENCE token_id_seq START 1`);
			await db.run(`CREATE TABLE api_tokens (
	id INTEGER PRIMARY KEY DEFAULT nextval('token_id_seq'),
	name VARCHAR NOT NULL,
	token_hash VARCHAR NOT NULL UNIQUE,
	scopes VARCHAR[] NOT NULL,
	created_by VARCHAR NOT NULL,
	created_ms BIGINT NOT NULL,
	revoked_ms BIGINT,
	last_used_ms BIGINT
)`);
			await db.run(`CREATE TABLE settings (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`);
			// No UPDATE or DELETE path exists in the code; the hash chain reveals one made behind its back.
			await db.run(`CREATE TABLE audit_log (
	seq BIGINT PRIMARY KEY,
	"at" VARCHAR NOT NULL,
	actor VARCHAR NOT NULL,
	action VARCHAR NOT NULL,
	target_type VARCHAR,
	target_id VARCHAR,
	detail VARCHAR,
	ip VARCHAR,
	prev_hash VARCHAR NOT NULL,
	hash VARCHAR NOT NULL
)`);
		}
	},
	{
		version: 3,
		name: 'import batches with versions, quarantine, undo and mapping profiles',
		async up(db) {
			await db.run(`ALTER TABLE batches ADD COLUMN profile VARCHAR`);
			await db.run(`ALTER TABLE batches ADD COLUMN undone_at TIMESTAMP`);
			await db.run(`ALTER TABLE batches ADD COLUMN undone_by VARCHAR`);
			// The version of a case that a batch replaced: undoing the batch puts it back.
			await db.run(`CREATE TABLE case_versions (
	replaced_by_batch INTEGER NOT NULL,
${CASE_COLUMNS_V1.replaceAll(' NOT NULL', '')},
	extra VARCHAR,
	batch_id INTEGER,
	loaded_at TIMESTAMP
)`);
			await db.run(`CREATE TABLE quarantine (
	batch_id INTEGER NOT NULL,
	line INTEGER,
	raw VARCHAR,
	cells VARCHAR,
	reasons VARCHAR[] NOT NULL
)`);
			await db.run(`CREATE TABLE import_profiles (
	name VARCHAR PRIMARY KEY,
	headers_key VARCHAR NOT NULL,
	mapping VARCHAR NOT NULL,
	created_by VARCHAR,
	created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
)`);
		}
	},
	{
		version: 4,
		name: 'fine proposals saved with the suggestion the officer saw',
		async up(db) {
			await db.run(`CREATE SEQUENCE proposal_id_seq`);
			// Append-only: a new proposal for the same case is a new row, so review sees every one and in what order.
			await db.run(`CREATE TABLE proposals (
	id INTEGER PRIMARY KEY DEFAULT nextval('proposal_id_seq'),
	agency VARCHAR,
	case_id VARCHAR NOT NULL,
	user_name VARCHAR NOT NULL,
	saved_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	input VARCHAR NOT NULL,
	proposed_fine DECIMAL(18, 2),
	low DECIMAL(18, 2),
	high DECIMAL(18, 2),
	median DECIMAL(18, 2),
	level DOUBLE NOT NULL,
	coverage DOUBLE,
	p_value DOUBLE,
	kind VARCHAR NOT NULL,
	note VARCHAR NOT NULL,
	model_version VARCHAR NOT NULL
)`);
		}
	},
	{
		version: 5,
		name: 'review flags with their resolutions, legal reviews',
		async up(db) {
			await db.run(`CREATE SEQUENCE flag_id_seq`);
			// One row per case and rule, kept for ever: a flag that no longer fires is 'cleared', never deleted, and a
			// reviewer's resolution (accepted with a reason, or corrected) stays with it.
			await db.run(`CREATE TABLE flags (
	id INTEGER PRIMARY KEY DEFAULT nextval('flag_id_seq'),
	agency VARCHAR NOT NULL,
	case_id VARCHAR NOT NULL,
	rule VARCHAR NOT NULL,
	severity VARCHAR NOT NULL,
	reason VARCHAR NOT NULL,
	value VARCHAR,
	expected VARCHAR,
	p_value DOUBLE,
	model_version VARCHAR,
	rule_version VARCHAR NOT NULL,
	first_seen TIMESTAMP NOT NULL DEFAULT current_timestamp,
	computed_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	status VARCHAR NOT NULL DEFAULT 'open',
	resolved_by VARCHAR,
	resolved_at TIMESTAMP,
	resolution VARCHAR
)`);
			await db.run(`CREATE SEQUENCE review_id_seq`);
			await db.run(`CREATE TABLE reviews (
	id INTEGER PRIMARY KEY DEFAULT nextval('review_id_seq'),
	agency VARCHAR NOT NULL,
	case_id VARCHAR NOT NULL,
	reviewer VARCHAR NOT NULL,
	"at" TIMESTAMP NOT NULL DEFAULT current_timestamp,
	checklist VARCHAR NOT NULL,
	result VARCHAR NOT NULL,
	opinion VARCHAR NOT NULL,
	disagreement BOOLEAN NOT NULL DEFAULT false,
	proposal_id INTEGER
)`);
			// What the stored flags were computed from (cases, model, rules), so that a change recomputes them.
			await db.run(`CREATE TABLE flag_state (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`);
		}
	},
	{
		version: 6,
		name: 'publicity: publication and withdrawal, the change feed for the city platform, push deliveries',
		async up(db) {
			// The agency's own publicity acts, apart from `cases` so that a re-import of the case never erases them.
			await db.run(`CREATE TABLE publicity_acts (
	agency VARCHAR NOT NULL,
	case_id VARCHAR NOT NULL,
	published_on DATE,
	published_by VARCHAR,
	withdrawn_on DATE,
	withdrawn_by VARCHAR,
	withdraw_ground VARCHAR,
	withdraw_reason VARCHAR,
	ruling_on DATE,
	PRIMARY KEY (agency, case_id)
)`);
			await db.run(`CREATE SEQUENCE publicity_seq START 1`);
			// One row per decision ever published: its last change's number is the cursor the platform pulls from.
			await db.run(`CREATE TABLE publicity_feed (
	agency VARCHAR NOT NULL,
	case_id VARCHAR NOT NULL,
	seq BIGINT NOT NULL,
	change VARCHAR NOT NULL,
	state VARCHAR NOT NULL,
	decision_no VARCHAR,
	hash VARCHAR NOT NULL,
	changed_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	PRIMARY KEY (agency, case_id)
)`);
			await db.run(`CREATE SEQUENCE publicity_delivery_seq START 1`);
			await db.run(`CREATE TABLE publicity_deliveries (
	id BIGINT PRIMARY KEY DEFAULT nextval('publicity_delivery_seq'),
	"at" TIMESTAMP NOT NULL DEFAULT current_timestamp,
	url VARCHAR NOT NULL,
	from_seq BIGINT NOT NULL,
	to_seq BIGINT NOT NULL,
	decisions INTEGER NOT NULL,
	attempt INTEGER NOT NULL,
	status INTEGER,
	error VARCHAR,
	ok BOOLEAN NOT NULL,
	ms INTEGER
)`);
		}
	},
	{
		version: 7,
		name: 'electronic case file: documents and audio-visual records by case and stage, content-addressed',
		async up(db) {
			await db.run(`CREATE SEQUENCE case_file_seq START 1`);
			// Rows are only ever inserted: a correction is a new row naming the one it supersedes. The content is in
			// the file store under sha256; the audit log records each row, so a changed row or file shows on verify.
			await db.run(`CREATE TABLE case_files (
	id BIGINT PRIMARY KEY DEFAULT nextval('case_file_seq'),
	agency VARCHAR NOT NULL,
	case_id VARCHAR NOT NULL,
	stage VARCHAR NOT NULL,
	doc_type VARCHAR NOT NULL,
	title VARCHAR NOT NULL,
	doc_date DATE,
	media_type VARCHAR NOT NULL,
	size_bytes BIGINT,
	sha256 VARCHAR NOT NULL,
	source VARCHAR NOT NULL,
	supersedes BIGINT,
	note VARCHAR,
	list_batch VARCHAR,
	uploaded_by VARCHAR NOT NULL,
	uploaded_at TIMESTAMP NOT NULL DEFAULT current_timestamp
)`);
			await db.run(`CREATE INDEX case_files_case ON case_files (agency, case_id)`);
		}
	},
	{
		version: 8,
		name: 'cases without the primary-key index: the import keeps (agency, case_id) unique',
		async up(db) {
			// Measured at a million cases: keeping the key's ART index up to date was a third of the import's write
			// stage, and DuckDB answered a lookup by agency and case number no faster with it (zone maps, ~5 ms). The
			// import is the one writer of `cases`; it quarantines a case repeated in a file, updates one already there,
			// and checks the key before it commits (importCases), so the constraint was only paid for, never used.
			const cols = await db.query<{ name: string; type: string; nullable: boolean; dflt: string | null }>(
				`SELECT column_name AS name, data_type AS type, is_nullable AS nullable, column_default AS dflt
				 FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = 'cases'
				 ORDER BY column_index`
			);
			const ddl = cols.map((c) => `\t"${c.name}" ${c.type}${c.nullable ? '' : ' NOT NULL'}${c.dflt !== null ? ` DEFAULT ${c.dflt}` : ''}`).join(',\n');
			await db.run(`CREATE TABLE cases_v8 (\n${ddl}\n)`);
			await db.run(`INSERT INTO cases_v8 SELECT * FROM cases`);
			await db.run(`DROP TABLE cases`);
			await db.run(`ALTER TABLE cases_v8 RENAME TO cases`);
		}
	},
	{
		version: 9,
		name: 'password history: the hashes of earlier passwords, so that recent ones are not chosen again',
		async up(db) {
			await db.run(`CREATE TABLE password_history (
	user_id INTEGER NOT NULL,
	password_hash VARCHAR NOT NULL,
	replaced_ms BIGINT NOT NULL
)`);
		}
	},
	{
		version: 10,
		name: 'import batches count the rows skipped (total rows) and the warnings of the rows taken',
		async up(db) {
			await db.run(`ALTER TABLE batches ADD COLUMN skipped INTEGER DEFAULT 0`);
			// {"code": count, …} of domain/import-warnings.ts
			await db.run(`ALTER TABLE batches ADD COLUMN warnings VARCHAR`);
		}
	},
	{
		version: 11,
		name: 'cases keep the facts text (违法事实) and the measures that are not penalties (责令改正 …)',
		async up(db) {
			for (const table of ['cases', 'case_versions']) {
				await db.run(`ALTER TABLE ${table} ADD COLUMN facts VARCHAR`);
				await db.run(`ALTER TABLE ${table} ADD COLUMN measures VARCHAR[]`);
			}
		}
	},
	{
		version: 12,
		name: 'mapping profiles with a header row, constants and value recodes per field',
		async up(db) {
			await db.run(`ALTER TABLE import_profiles ADD COLUMN header_row INTEGER`);
			// {"field": "value"}: a value for the whole file (执法机关, 执法类别 …)
			await db.run(`ALTER TABLE import_profiles ADD COLUMN constants VARCHAR`);
			// {"field": {"as written": "as meant"}}: 机构 → 法人及非法人组织 …
			await db.run(`ALTER TABLE import_profiles ADD COLUMN recodes VARCHAR`);
		}
	},
	{
		version: 20,
		name: 'catalog versions: the catalog as published, with the date each version takes effect',
		async up(db) {
			// One version per effective date (two in force from the same day would leave a case's judge undecided) is
			// checked by publishCatalog in the transaction that adds a version, the table's one writer; no index is
			// kept for a table of a few rows (each index costs the file blocks of its own).
			await db.run(`CREATE TABLE catalog_versions (
	version INTEGER NOT NULL,
	effective_from DATE NOT NULL,
	label VARCHAR NOT NULL,
	note VARCHAR NOT NULL,
	published_by VARCHAR NOT NULL,
	published_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	body VARCHAR NOT NULL
)`);
		}
	},
	{
		version: 30,
		name: 'quarantined rows keep their reasons as stable codes with the values their texts need',
		async up(db) {
			// [{"code": …, "values": {…}}, …] of domain/import-reasons.ts; `reasons` keeps the Chinese text as before.
			await db.run(`ALTER TABLE quarantine ADD COLUMN reason_data VARCHAR`);
			// {"code": rows, …}: how many quarantined rows of the batch gave each reason.
			await db.run(`ALTER TABLE batches ADD COLUMN reason_counts VARCHAR`);
		}
	},
	{
		version: 31,
		name: 'penalty publicity lists of other agencies: published decisions, by batch, never mixed into the cases',
		async up(db) {
			// Money in fen as the cases keep it; fines: [{"target": …, "amount": fen}] when one decision fines several.
			await db.run(`CREATE TABLE publications (
	batch_id INTEGER NOT NULL,
	source_line INTEGER,
	agency VARCHAR,
	decision_no VARCHAR,
	party_name VARCHAR,
	party_type VARCHAR,
	violation VARCHAR,
	legal_basis VARCHAR,
	content VARCHAR,
	penalty_types VARCHAR[],
	fine_amount BIGINT,
	fines VARCHAR,
	decided_on DATE,
	published_on DATE,
	region VARCHAR,
	source_url VARCHAR,
	extra VARCHAR,
	row_hash UBIGINT NOT NULL
)`);
		}
	},
	{
		version: 32,
		name: 'publicity lists: each distinct violation text matched to a catalog item, confirmed or overridden by an analyst',
		async up(db) {
			// One row a text: the automatic match and its score until an analyst confirms or overrides it (confirmed_by).
			await db.run(`CREATE TABLE publication_matches (
	text VARCHAR PRIMARY KEY,
	item_code VARCHAR,
	score DOUBLE,
	confirmed_by VARCHAR,
	confirmed_at TIMESTAMP
)`);
		}
	},
	{
		version: 33,
		name: 'cases keep which circumstances were read from the facts text, with the phrase each came from',
		async up(db) {
			// {"months_overdue": "逾期8个月", …}: the keys whose value the importer read from 违法事实 because the
			// structured column was missing or blank; NULL when none. A key an analyst corrects leaves this map.
			for (const table of ['cases', 'case_versions']) {
				await db.run(`ALTER TABLE ${table} ADD COLUMN extracted VARCHAR`);
			}
		}
	},
	{
		version: 34,
		name: 'mapping profiles have a kind: a case ledger profile or a penalty publicity list profile',
		async up(db) {
			// Every profile saved so far maps case ledgers; a publicity list's profile maps to the publication fields.
			// DuckDB adds no column with a constraint, nor sets one on a keyed table: the table is rebuilt instead.
			await db.run(`CREATE TABLE import_profiles_v34 (
	name VARCHAR PRIMARY KEY,
	headers_key VARCHAR NOT NULL,
	mapping VARCHAR NOT NULL,
	created_by VARCHAR,
	created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	header_row INTEGER,
	constants VARCHAR,
	recodes VARCHAR,
	kind VARCHAR NOT NULL DEFAULT 'cases'
)`);
			await db.run(`INSERT INTO import_profiles_v34 (name, headers_key, mapping, created_by, created_at, header_row, constants, recodes)
	SELECT name, headers_key, mapping, created_by, created_at, header_row, constants, recodes FROM import_profiles`);
			await db.run(`DROP TABLE import_profiles`);
			await db.run(`ALTER TABLE import_profiles_v34 RENAME TO import_profiles`);
		}
	},
	{
		version: 35,
		name: "an analyst's correction of a circumstance, kept apart from the case so that a re-import applies it again",
		async up(db) {
			// One row a corrected circumstance: value is the JSON of the typed value (an amount in fen, true/false, a
			// count, an enum's word; null: the analyst said it is unknown). An import puts it back over what it reads
			// from the facts text whenever the file leaves the column blank. Few rows, so the key's index costs little.
			await db.run(`CREATE TABLE circumstance_corrections (
	agency VARCHAR NOT NULL,
	case_id VARCHAR NOT NULL,
	key VARCHAR NOT NULL,
	value VARCHAR,
	corrected_by VARCHAR NOT NULL,
	corrected_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	PRIMARY KEY (agency, case_id, key)
)`);
		}
	}
];

/**
 * Applies the migrations the database has not seen, each in its own transaction, in order; then adds the columns
 * of fields the dictionary gained since, or stops naming a column that differs. `fields` is a parameter for tests.
 */
export async function migrate(db: Database, fields: readonly FieldColumn[] = FIELDS): Promise<number[]> {
	await db.run(
		`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)`
	);
	const done = new Set((await db.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
	const applied: number[] = [];
	for (const m of MIGRATIONS) {
		if (done.has(m.version)) continue;
		await db.transaction(async (tx) => {
			await m.up(tx);
			await tx.run('INSERT INTO schema_migrations (version, name) VALUES (?, ?)', [m.version, m.name]);
		});
		applied.push(m.version);
	}
	const step = await db.transaction((tx) => alignFieldColumns(tx, fields));
	if (step !== null) applied.push(step);
	return applied;
}
