import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { FIELDS } from '../../domain/case-schema';
import { mapHeaders, type MappedColumn } from '../../domain/headers';
import { isSummaryRow, readCaseRow } from '../../domain/case-row';
import type { WarningCounts } from '../../domain/import-warnings';
import type { Catalog } from '../../domain/catalog';
import { configuredMemoryLimit, lit, SQL_TYPE, transactionOn, type Database, type Queryable } from '../db';
import type { DuckDBConnection } from '@duckdb/node-api';
import { encodingLabel, prepareFile, UnreadableFileError, type PreparedFile } from './prepare';
import { NoHeaderError, readHead, readRowsSql, sampleHead, type SheetHead } from './head';
import type { RecordIndex } from './records';
import { typedRowsSql } from './typed-rows';
import { stageRawWithJs } from './raw-js';
import { appendStaged, castFromStaging, createCaseStaging, type StagedRow } from './staging';
import { FACTS_WORK_TABLES, fillFromFacts } from './facts-fill';
import { EXTRACTED_KEYS } from '../../domain/facts-circumstances';
import { CORRECTION_WORK_TABLES, stagedWithCorrections } from './corrections';
import { rawLine, storeQuarantine, type QuarantinedRow } from './quarantine';
import { columnCount, countReasons, type QuarantineReason, type ReasonCounts } from '../../domain/import-reasons';
import {
	applyProfile,
	findProfile,
	headersKey,
	profileForHeaders,
	profileKind,
	saveProfile,
	type Profile,
	type ProfileMapping,
	type ProfileRules
} from './profiles';
import { FIELD_BY_KEY, type CaseKey } from '../../domain/case-schema';
import { appendAudit } from '../audit';
import { countWarnings } from './warnings';
import { msg } from '../../i18n/message';

/** What every import reports: rows = imported + updated + unchanged + quarantined + skipped. */
export interface BatchCounts {
	batch: number;
	file: string;
	encoding: string;
	rows: number;
	imported: number;
	updated: number;
	unchanged: number;
	quarantined: number;
	/** Rows that are not cases and not errors either: a ledger's 合计 / 总计 rows. */
	skipped: number;
	/** Rows taken that deserve a word, by code (domain/import-warnings.ts). */
	warnings: WarningCounts;
	/** Quarantined rows by the reasons they gave (domain/import-reasons.ts); a row with two reasons counts under both. */
	quarantine_reasons: ReasonCounts;
}

/** The command line's JSON contract for cases. */
export interface ImportSummary extends BatchCounts {
	cases_total: number;
}

export interface ImportDetails extends ImportSummary {
	/** The lines (or sheet rows) of the rows skipped as totals. */
	skippedLines: (number | null)[];
	columns: MappedColumn[];
	profile: string | null;
	titleRows: string[][];
	header: string[];
	seconds: number;
}

export type ImportStage = 'decode' | 'scan' | 'read' | 'normalize' | 'check' | 'write' | 'done';
export interface ImportProgress {
	stage: ImportStage;
	bytes?: number;
	totalBytes?: number;
	/** Rows read so far, every record whether it will be taken or quarantined (while scanning, the header's too). */
	rows?: number;
}

export interface ImportOptions {
	user?: string;
	/** Column choices the analyst made on the page: header → key (null: keep the column raw). */
	mapping?: ProfileMapping;
	/** Header row, constants and recodes the analyst chose on the page (on top of a profile's). */
	rules?: Partial<ProfileRules>;
	/** Save the resulting mapping under this name, to be applied when the same headers come again. */
	saveProfileAs?: string;
	/** The name to record for the file (an upload's original name). */
	fileName?: string;
	profile?: string;
	encoding?: string;
	sheet?: string;
	onProgress?: (p: ImportProgress) => void;
	/** Files of at least this many bytes of text import under IMPORT_MEMORY_CAP (default IMPORT_CAP_FROM_BYTES). */
	memoryCapFromBytes?: number;
}

const KEYS = FIELDS.map((f) => f.key);

/** DuckDB's reasons for refusing a line, as the importer's codes. */
function rejectReason(type: string, message: string, expected: number): QuarantineReason {
	const found = /Found: (\d+)/.exec(message)?.[1];
	const count = found === undefined ? null : Number(found);
	if (type === 'MISSING COLUMNS') return columnCount(expected, count);
	if (type === 'TOO MANY COLUMNS') return columnCount(expected, count, true);
	if (type === 'UNQUOTED VALUE') return { code: 'quote-unpaired', values: {} };
	if (type === 'INVALID ENCODING' || type === 'INVALID UNICODE') return { code: 'encoding', values: {} };
	if (type === 'LINE SIZE OVER MAXIMUM') return { code: 'line-too-long', values: {} };
	return { code: 'line-unreadable', values: { type } };
}

/** Maps DuckDB's row order (rn) to the file's own line numbers, or to sheet rows for XLSX. */
class LineMap {
	constructor(private readonly lines: Int32Array | null) {}
	/**
	 * DuckDB's rows are the non-empty records after the header, less the refused ones, in order. If the index and
	 * DuckDB disagree on how many there are, no line is reported rather than a wrong one.
	 */
	static build(index: RecordIndex, headerLines: number, rejectedRecords: ReadonlySet<number>, rawRows: number, sheetRows: number[] | null): LineMap {
		const out = new Int32Array(rawRows);
		let k = 0;
		for (let i = 0; i < index.starts.length; i++) {
			const line = index.starts[i] ?? 0;
			if (line <= headerLines || index.empty[i] || rejectedRecords.has(i + 1)) continue;
			if (k >= rawRows) return new LineMap(null);
			out[k++] = sheetRows ? (sheetRows[i] ?? 0) : line;
		}
		return new LineMap(k === rawRows ? out : null);
	}
	line(rn: number): number | null {
		return this.lines ? (this.lines[rn - 1] ?? null) : null;
	}
}

/** The line a refused record starts on (DuckDB numbers records, empty ones included). */
function rejectedLine(index: RecordIndex, sheetRows: number[] | null, record: number): number {
	return sheetRows ? (sheetRows[record - 1] ?? record) : (index.starts[record - 1] ?? record);
}

async function all<T extends object>(c: DuckDBConnection, sql: string): Promise<T[]> {
	const r = await c.runAndReadAll(sql);
	return r.getRowObjectsJS() as T[];
}

/** Everything the load needs from the steps before it. */
interface LoadJob {
	path: string;
	prepared: PreparedFile;
	head: SheetHead;
	columns: MappedColumn[];
	rules: ProfileRules;
	records: RecordIndex;
	itemNames: ReadonlyMap<string, string>;
	catalog: Catalog;
	digest: string;
	totalBytes: number;
	profileName: string | null;
	options: ImportOptions;
	progress: (p: ImportProgress) => void;
}

/** The import's temporary tables; they belong to the connection that made them. */
const WORK_TABLES = [
	'imp_raw',
	'imp_js',
	'imp_dups',
	'imp_dup_hashes',
	'imp_class',
	'imp_rows',
	'imp_loaded',
	'imp_rejects',
	'imp_rejects_scans',
	'imp_rejects_count',
	'imp_rejects_count_scans',
	'imp_rejects_again',
	'imp_rejects_again_scans',
	...FACTS_WORK_TABLES,
	...CORRECTION_WORK_TABLES
];

const col = (i: number) => `c${i}`;

/** A case row's fields as `cases` stores them, from `cases` itself or cast from the typed rows. */
const fieldsOf = (t: string, typed: boolean) => FIELDS.map((f) => (typed ? `CAST(${t}.${f.key} AS ${SQL_TYPE[f.type]})` : `${t}.${f.key}`));

/**
 * A 64-bit hash of every column of a case row in `cases` (NULLs included): for telling an unchanged row from a
 * changed one.
 */
const rowHashOf = (t: string) => `hash(${[...fieldsOf(t, false), `${t}.extra`, `${t}.extracted`].join(', ')})`;

/**
 * The hash of a case row as the file gave it, before any circumstance is read from its text: for telling the
 * copies of a case repeated in one file apart, on the rows read again in order and on those already in `cases`.
 */
const loadedHashOf = (t: string, typed: boolean) => `hash(${[...fieldsOf(t, typed), `${t}.extra`].join(', ')})`;

/**
 * The hashes of the keys (agency, case_id) that come more than once in `source`. Grouping ten million rows by the
 * 64-bit hash takes a fifth of the memory that grouping by the two strings did (that took the import past 2 GB);
 * callers then compare the few rows with such a hash by the key itself, so a collision costs a look, nothing more.
 */
const repeatedKeyHashes = (source: string) => `SELECT hash(agency, case_id) AS key_hash FROM ${source} GROUP BY key_hash HAVING count(*) > 1`;

/**
 * DuckDB's CSV buffer. By default it is 16 times max_line_size (64 MB here), and reading a million rows in order
 * held about 750 MB of such buffers; at 16 MB the import's read stage peaks near 600 MB of the process, for two
 * million rows as for one, at the same speed. (A lower memory_limit also held memory down, but made the ordered
 * insert wait on one thread.)
 */
const CSV_BUFFER_BYTES = 16_000_000;

/**
 * DuckDB keeps the blocks an import writes in its buffer pool for as long as its memory limit allows, so without
 * a limit the process grows with the file, past 1 GB at a million rows (1.24 GB for the demo-shaped 460 MB). Files past
 * IMPORT_CAP_FROM_BYTES of text import under IMPORT_MEMORY_CAP. Now that the first reading does not keep the
 * file's order the cap costs little time: that million-row file imported in 22.0 s at 400 MB and at 500 MB, with
 * peaks of 866 and 961 MB (a limit once slowed the ordered insert twofold). The limit is the instance's: other
 * queries share it for the import's duration, and it is put back afterwards.
 */
const IMPORT_CAP_FROM_BYTES = 200_000_000;
const IMPORT_MEMORY_CAP = process.env.EQUITAS_IMPORT_MEMORY ?? '400MB';

async function capMemoryFor(c: DuckDBConnection, textBytes: number, from = IMPORT_CAP_FROM_BYTES): Promise<() => Promise<void>> {
	if (textBytes < from) return async () => undefined;
	await c.run(`SET memory_limit = ${lit(IMPORT_MEMORY_CAP)}`);
	// Back to the limit the database was opened with (openDatabase), exactly: the setting reads back rounded.
	const configured = configuredMemoryLimit();
	return async () => {
		// Checkpointed under the limit: done later (at close, say) without it, writing the batch's blocks into the
		// file took the process back past 1 GB. Another write in progress makes DuckDB refuse; it checkpoints later.
		await c.run('CHECKPOINT').catch(() => undefined);
		await c.run(configured ? `SET memory_limit = ${lit(configured)}` : 'RESET memory_limit').catch(() => undefined);
	};
}

/**
 * The columns as the import reads them once a profile's rules apply: each constant is one more column (c{n}, …)
 * holding its value on every row, and takes its field from any column of the file; a recoded column's cells are
 * looked up in the recode first (trimmed, as written), and kept as they are when not there.
 */
function columnsWithRules(
	columns: readonly MappedColumn[],
	rules: ProfileRules,
	n: number
): { columns: MappedColumn[]; width: number; source: (s: string, withRowNumber?: boolean) => string } {
	const constants = Object.entries(rules.constants) as [CaseKey, string][];
	const recodes = rules.recodes;
	if (constants.length === 0 && Object.keys(recodes).length === 0) return { columns: [...columns], width: n, source: (s) => s };
	const fixed = new Set(constants.map(([k]) => k));
	const own = columns.map((c) => (c.key !== null && fixed.has(c.key) ? { ...c, key: null } : c));
	const cellsOf = own.map((c) => {
		const map = c.key ? recodes[c.key] : undefined;
		const x = col(c.index);
		if (!map || Object.keys(map).length === 0) return `${x} AS ${x}`;
		return `coalesce(map_extract_value(MAP {${Object.entries(map)
			.map(([from, to]) => `${lit(from)}: ${lit(to)}`)
			.join(', ')}}, trim(${x})), ${x}) AS ${x}`;
	});
	const extra = constants.map(([key, value], j) => ({
		cell: `${lit(value)} AS ${col(n + j)}`,
		column: { index: n + j, header: `（常量）${FIELD_BY_KEY.get(key)?.header ?? key}`, key } as MappedColumn
	}));
	return {
		columns: [...own, ...extra.map((e) => e.column)],
		width: n + extra.length,
		source: (s, withRowNumber = false) => `(SELECT ${[...(withRowNumber ? ['rn'] : []), ...cellsOf, ...extra.map((e) => e.cell)].join(', ')} FROM ${s})`
	};
}

/**
 * Loads the batch in one transaction. The rows SQL settles go straight into `cases` in one statement that reads,
 * normalises and writes on every core without keeping the file's order: a million rows with paragraphs of facts
 * text took 16 s in order under the import's memory cap, 7 s without (order costs DuckDB a buffer of the rows
 * ahead of the slowest thread). The file's order matters only for the rows that are not cases as they stand (a
 * line number to report) and for a case repeated in the file (the last row stands), so a second, ordered reading
 * keeps just those rows and the keys, and runs only when the first left rows out or wrote a case twice. The
 * batch's rows are then completed in place: the circumstances read from the facts text, an analyst's corrections,
 * the repeated copies removed, and each case that was there before either kept (unchanged: the new copy goes) or
 * replaced (its old version to case_versions).
 */
async function loadBatch(c: DuckDBConnection, job: LoadJob) {
	const { path, prepared, head, records, itemNames, catalog, digest, totalBytes, profileName, options, progress } = job;
	const n = head.header.length;
	// Constants become columns after the file's own, recodes rewrite a column's cells, before any value is read.
	const { columns, width, source: withRules } = columnsWithRules(job.columns, job.rules, n);
	const readCsv = (rejects: string) =>
		readRowsSql(
			prepared.csvPath,
			head,
			`null_padding = ${prepared.padShortRows}, store_rejects = true, rejects_table = '${rejects}', rejects_scan = '${rejects}_scans', buffer_size = ${CSV_BUFFER_BYTES}`
		);
	const namesByCode = new Map(catalog.items.map((i) => [i.code, i.name]));
	const typedSql = (source: string, withRowNumber = false) =>
		typedRowsSql({ source: withRules(source, withRowNumber), columns, width, itemCodes: itemNames, itemNamesByCode: namesByCode, withRowNumber });

	progress({ stage: 'read' });
	// How many rows DuckDB's reader gives, every cell read as the load reads it (1.6 s for a gigabyte): a count of
	// rows alone (0.5 s) does not check the cells, and takes rows the load refuses for their encoding or their
	// number of cells. A reader that gives up here leaves the file to Papa Parse (imp_raw), before the transaction.
	// Its refusals are the load's.
	let viaJs: Awaited<ReturnType<typeof stageRawWithJs>> | null = null;
	let rawRowsCount: number;
	try {
		await c.run('DROP TABLE IF EXISTS imp_rejects_count; DROP TABLE IF EXISTS imp_rejects_count_scans');
		const [{ rows: counted } = { rows: 0n }] = await all<{ rows: bigint }>(
			c,
			`SELECT count(*) AS rows, count(COLUMNS(*)) FROM (SELECT ${Array.from({ length: n }, (_, i) => col(i)).join(', ')} FROM ${readCsv('imp_rejects_count')})`
		);
		rawRowsCount = Number(counted);
	} catch {
		viaJs = await stageRawWithJs(c, prepared.csvPath, head.delimiter, head.headerLines, n, prepared.padShortRows);
		rawRowsCount = viaJs.rawRows;
	}
	// The file's rows, numbered in order (rn), for the second reading and for a repeated case's cells.
	const numbered = viaJs ? 'imp_raw' : `(SELECT row_number() OVER () AS rn, * FROM ${readCsv('imp_rejects_again')})`;

	// Whatever stops the import from here on, even kill -9, leaves the database as it was.
	return transactionOn(c, async (tx) => {
		const quarantined: QuarantinedRow[] = [];
		const skippedLines: (number | null)[] = [];
		const [b] = await tx.query<{ id: number }>(
			`INSERT INTO batches (kind, file_name, sha256, size_bytes, encoding, user_name, mapping, profile) VALUES ('cases', ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			[options.fileName ?? basename(path), digest, totalBytes, prepared.encoding, options.user ?? 'system', JSON.stringify(columns), profileName]
		);
		const batch = b?.id;
		if (batch === undefined) throw new Error('could not create a batch');
		const keyList = KEYS.join(', ');
		const ofBatch = `batch_id = ${batch}`;

		// The first reading: every row SQL settles, into cases.
		await c.run('SET SESSION preserve_insertion_order = false');
		try {
			await c.run('DROP TABLE IF EXISTS imp_rejects; DROP TABLE IF EXISTS imp_rejects_scans');
			await c.run(
				`INSERT INTO cases (${keyList}, extra, batch_id) SELECT ${keyList}, extra, ${batch} FROM (${typedSql(viaJs ? '(SELECT * EXCLUDE (rn) FROM imp_raw)' : readCsv('imp_rejects'))}) WHERE ok`
			);
		} finally {
			await c.run('RESET SESSION preserve_insertion_order');
		}
		const count = async (sql: string) => Number((await all<{ n: bigint }>(c, `SELECT count(*) AS n FROM ${sql}`))[0]?.n ?? 0n);
		const settled = await count(`cases WHERE ${ofBatch}`);

		let lineMap: LineMap;
		if (viaJs) {
			lineMap = new LineMap(prepared.sheetRows ? null : viaJs.lines);
			quarantined.push(...viaJs.refused);
		} else {
			// A reader that read no row may leave no table of refusals.
			const made = await count(`duckdb_tables() WHERE temporary AND table_name = 'imp_rejects_count'`);
			const rejects =
				made > 0
					? await all<{ line: bigint; csv_line: string; error_type: string; error_message: string }>(
							c,
							`SELECT line, any_value(csv_line) AS csv_line, any_value(CAST(error_type AS VARCHAR)) AS error_type, any_value(error_message) AS error_message FROM imp_rejects_count GROUP BY line ORDER BY line`
						)
					: [];
			lineMap = LineMap.build(records, head.headerLines, new Set(rejects.map((r) => Number(r.line))), rawRowsCount, prepared.sheetRows);
			for (const r of rejects) {
				quarantined.push({
					line: rejectedLine(records, prepared.sheetRows, Number(r.line)),
					raw: r.csv_line.replace(/^[\r\n]+/, ''),
					cells: null,
					reasons: [rejectReason(r.error_type, r.error_message, n)]
				});
			}
		}
		const refusedCount = quarantined.length;
		progress({ stage: 'normalize', rows: rawRowsCount + refusedCount });

		// Rows left out of the first reading (not a case as it stands, blank, a total): read again in the file's
		// order, keeping only those, for the readers to decide with a line number. Typing every row again is the
		// cost (a file of a million rows with one bad row: some 5 s more); most files skip it.
		progress({ stage: 'check' });
		let blankRows = 0;
		let identicalCopies = 0;
		await createCaseStaging(c, 'imp_js');
		const fromJs = FIELDS.map((f) => `${castFromStaging(f)} AS ${f.key}`).join(', ');
		if (settled < rawRowsCount) {
			await c.run(`CREATE OR REPLACE TEMP TABLE imp_rows AS SELECT rn, blank, raw FROM (${typedSql(numbered, true)}) WHERE NOT ok`);
			blankRows = await count('imp_rows WHERE blank');
			// Rows SQL could not settle: the readers decide, and say why.
			const itemCodeFor = (name: string) => itemNames.get(name) ?? null;
			const itemNameFor = (code: string) => namesByCode.get(code) ?? null;
			for (let after = 0; ;) {
				const bad = await all<{ rn: bigint; raw: (string | null)[] }>(
					c,
					`SELECT rn, raw FROM imp_rows WHERE raw IS NOT NULL AND rn > ${after} ORDER BY rn LIMIT 10000`
				);
				if (bad.length === 0) break;
				const accepted: StagedRow[] = [];
				for (const row of bad) {
					const rn = Number(row.rn);
					const cellValues = Array.from({ length: width }, (_, i) => row.raw[i] ?? '');
					if (isSummaryRow(cellValues.slice(0, n))) {
						skippedLines.push(lineMap.line(rn));
						continue;
					}
					const r = readCaseRow(cellValues, columns, { itemCodeFor, itemNameFor });
					if (r.problems.length)
						quarantined.push({
							line: lineMap.line(rn),
							raw: rawLine(cellValues.slice(0, n), head.delimiter),
							cells: cellValues.slice(0, n),
							reasons: r.problems.map((p) => p.reason)
						});
					else accepted.push({ record: r.record, extra: r.extra, rowNumber: rn });
				}
				await appendStaged(c, 'imp_js', accepted);
				after = Number(bad.at(-1)!.rn);
			}
			await c.run(`INSERT INTO cases (${keyList}, extra, batch_id) SELECT ${keyList}, extra, ${batch} FROM (SELECT ${fromJs}, extra FROM imp_js)`);
		}

		// A case repeated in one file: the last row stands. An earlier copy that says the same (an export that wrote
		// the row twice) is counted unchanged; one that differs goes to quarantine naming both lines. Found by the
		// key's hash first, then by the key (repeatedKeyHashes); the copies' order and content come from one more
		// reading in the file's order, of those keys only.
		await c.run(`CREATE OR REPLACE TEMP TABLE imp_dup_hashes AS ${repeatedKeyHashes(`(SELECT agency, case_id FROM cases WHERE ${ofBatch})`)}`);
		if ((await count('imp_dup_hashes')) > 0) {
			const repeated = `hash(agency, case_id) IN (SELECT key_hash FROM imp_dup_hashes)`;
			await c.run(`CREATE OR REPLACE TEMP TABLE imp_loaded AS SELECT rn, agency, case_id, ${loadedHashOf('t', true)} AS h
				FROM (${typedSql(numbered, true)}) t WHERE ok AND ${repeated}
				UNION ALL SELECT row_number AS rn, agency, case_id, ${loadedHashOf('j', true)} AS h FROM (SELECT row_number, ${fromJs}, extra FROM imp_js) j WHERE ${repeated}`);
			await c.run(`CREATE OR REPLACE TEMP TABLE imp_dups AS SELECT rn, last_rn, agency, case_id, last_h, h = last_h AS same FROM
				(SELECT rn, agency, case_id, h, max(rn) OVER w AS last_rn, arg_max(h, rn) OVER w AS last_h FROM imp_loaded
				 WINDOW w AS (PARTITION BY agency, case_id)) WHERE rn < last_rn`);
			const dups = await all<Record<string, string | null> & { rn: bigint; last_rn: bigint; dup_case: string }>(
				c,
				`SELECT r.*, d.last_rn, d.case_id AS dup_case FROM imp_dups d JOIN ${numbered} r USING (rn) WHERE NOT d.same ORDER BY r.rn`
			);
			identicalCopies = await count('imp_dups WHERE same');
			for (const d of dups) {
				const cellValues = Array.from({ length: n }, (_, i) => d[col(i)] ?? '');
				const line = lineMap.line(Number(d.rn));
				const last = lineMap.line(Number(d.last_rn));
				quarantined.push({
					line,
					raw: rawLine(cellValues, head.delimiter),
					cells: cellValues,
					reasons: [
						last !== null && line !== null
							? { code: 'duplicate-conflict', values: { caseId: String(d.dup_case), line, last } }
							: { code: 'duplicate-conflict-unplaced', values: { caseId: String(d.dup_case) } }
					]
				});
			}
			// Of each repeated case's copies in cases, one like the last row stays.
			await c.run(`DELETE FROM cases WHERE rowid IN (SELECT id FROM
				(SELECT id, agency, case_id, h, row_number() OVER (PARTITION BY agency, case_id, h) AS k FROM
					(SELECT rowid AS id, agency, case_id, ${loadedHashOf('cases', false)} AS h
					 FROM cases SEMI JOIN (SELECT DISTINCT agency, case_id FROM imp_dups) d USING (agency, case_id) WHERE ${ofBatch})) x
				JOIN (SELECT DISTINCT agency, case_id, last_h FROM imp_dups) l USING (agency, case_id) WHERE x.h <> l.last_h OR x.k > 1)`);
		}

		// Circumstances the row left blank, read from its facts text where it has one (extracted says which); then
		// an analyst's corrections over what was read, so that a re-import does not undo them.
		if (columns.some((m) => m.key === 'facts')) await fillFromFacts(c, batch, catalog);
		const corrected = await stagedWithCorrections(c, `SELECT rowid AS rn, ${keyList}, extra, extracted FROM cases WHERE ${ofBatch}`);
		if (corrected.changed) {
			const changedKeys = [...EXTRACTED_KEYS, 'extracted'];
			await c.run(`UPDATE cases SET ${changedKeys.map((k) => `${k} = t.${k}`).join(', ')} FROM (${corrected.sql}) t
				WHERE cases.rowid = t.rn AND (${changedKeys.map((k) => `t.${k} IS DISTINCT FROM cases.${k}`).join(' OR ')})`);
		}

		progress({ stage: 'write' });
		// A case already there is compared by a 64-bit hash of every column (NULLs included), so that the join carries
		// two keys and a number instead of two whole rows. The chance that a changed row hashes like its old version
		// is about 2^-64 a row, some 10^-13 for a million.
		await c.run(`CREATE OR REPLACE TEMP TABLE imp_class AS SELECT n.id AS new_id, o.id AS old_id, n.h = o.h AS same
			FROM (SELECT rowid AS id, agency, case_id, ${rowHashOf('cases')} AS h FROM cases WHERE ${ofBatch}) n
			JOIN (SELECT rowid AS id, agency, case_id, ${rowHashOf('cases')} AS h FROM cases WHERE batch_id IS DISTINCT FROM ${batch}) o USING (agency, case_id)`);
		const [counts] = await all<{ staged: bigint; updated: bigint; unchanged: bigint }>(
			c,
			`SELECT (SELECT count(*) FROM cases WHERE ${ofBatch}) AS staged, count(*) FILTER (NOT same) AS updated, count(*) FILTER (same) AS unchanged FROM imp_class`
		);
		const updated = Number(counts?.updated ?? 0);
		const unchanged = Number(counts?.unchanged ?? 0);
		if (updated > 0) {
			await c.run(`INSERT INTO case_versions (replaced_by_batch, ${keyList}, extra, extracted, batch_id, loaded_at)
				SELECT ${batch}, ${keyList}, extra, extracted, batch_id, loaded_at FROM cases WHERE rowid IN (SELECT old_id FROM imp_class WHERE NOT same)`);
			await c.run(`DELETE FROM cases WHERE rowid IN (SELECT old_id FROM imp_class WHERE NOT same)`);
		}
		// An unchanged case keeps the row it had (its batch and time of loading); the file's copy goes.
		if (unchanged > 0) await c.run(`DELETE FROM cases WHERE rowid IN (SELECT new_id FROM imp_class WHERE same)`);
		// `cases` has no key index (migration 8): the import keeps (agency, case_id) unique, and proves it before it
		// commits (~0.2 s at a million cases), so a fault here fails the batch instead of doubling a case. By the
		// key's hash first, then by the key (repeatedKeyHashes).
		const [{ doubled } = { doubled: 0n }] = await all<{ doubled: bigint }>(
			c,
			`SELECT count(*) AS doubled FROM (SELECT 1 FROM cases
			 WHERE hash(agency, case_id) IN (${repeatedKeyHashes('cases')})
			 GROUP BY agency, case_id HAVING count(*) > 1)`
		);
		if (Number(doubled) > 0) throw new Error(`import would leave ${doubled} case numbers twice in cases; nothing was written`);
		await storeQuarantine(c, batch, quarantined);

		const [{ total } = { total: 0n }] = await all<{ total: bigint }>(c, 'SELECT count(*) AS total FROM cases');
		const summary = {
			imported: Number(counts?.staged ?? 0) - updated - unchanged,
			updated,
			unchanged: unchanged + identicalCopies,
			quarantined: quarantined.length,
			skipped: skippedLines.length
		};
		const warnings = await countWarnings(tx, batch, catalog);
		const reasons = countReasons(quarantined);
		const rows = rawRowsCount - blankRows + refusedCount;
		await tx.run(
			`UPDATE batches SET finished_at = current_timestamp, rows_read = ?, imported = ?, updated = ?, unchanged = ?, quarantined = ?, skipped = ?, warnings = ?, reason_counts = ? WHERE id = ?`,
			[
				rows,
				summary.imported,
				summary.updated,
				summary.unchanged,
				summary.quarantined,
				summary.skipped,
				JSON.stringify(warnings),
				JSON.stringify(reasons),
				batch
			]
		);
		return { batch, rows, ...summary, warnings, quarantine_reasons: reasons, skippedLines, cases_total: Number(total) };
	});
}

/**
 * The header, and the profile that goes with it: a profile named (or the page's header row) says where the header
 * is; else the header is recognised by its names and a profile saved for it applies; when no header is recognised,
 * a profile saved for one of the first records (the file's header signature) says that record is the header.
 */
export async function findHead(
	db: Database,
	csvPath: string,
	named: Profile | null,
	headerRow: number | null
): Promise<{ head: SheetHead; profile: Profile | null }> {
	const row = headerRow ?? named?.headerRow ?? null;
	if (row !== null) {
		const head = readHead(csvPath, { headerRow: row });
		return { head, profile: named ?? (await profileForHeaders(db, head.header)) };
	}
	try {
		const head = readHead(csvPath);
		return { head, profile: named ?? (await profileForHeaders(db, head.header)) };
	} catch (e) {
		if (!(e instanceof NoHeaderError)) throw e;
		const { records } = sampleHead(csvPath);
		for (const [i, cells] of records.entries()) {
			const p = named ?? (await profileForHeaders(db, cells));
			if (p && (named === null || p.headersKey === headersKey(cells))) return { head: readHead(csvPath, { headerRow: i + 1 }), profile: p };
		}
		throw e;
	}
}

/**
 * Imports a case export as one batch, in one transaction: DuckDB reads the (UTF-8) file and normalises it in SQL;
 * only the rows SQL cannot settle pass through the JavaScript readers, which quarantine what is not a case with
 * every reason. A case already present is updated and its earlier version kept; an identical row is unchanged.
 */
export async function importCases(db: Database, path: string, catalog: Catalog, options: ImportOptions = {}): Promise<ImportDetails> {
	const started = Date.now();
	const progress = options.onProgress ?? (() => undefined);
	const totalBytes = statSync(path).size;
	let read = 0;
	const prepared: PreparedFile = await prepareFile(path, {
		encoding: options.encoding,
		sheet: options.sheet,
		scan: true,
		onBytes: (n, stage, records) => progress({ stage, bytes: (read += n), totalBytes, rows: records })
	});
	try {
		const named = options.profile ? await findProfile(db, options.profile) : null;
		if (options.profile && !named)
			throw new UnreadableFileError(
				msg((await profileKind(db, options.profile)) === 'publications' ? 'err.profile.notCases' : 'err.import.noProfile', { profile: options.profile })
			);
		const { head, profile } = await findHead(db, prepared.csvPath, named, options.rules?.headerRow ?? null);
		let columns = mapHeaders(head.header);
		let profileName: string | null = profile?.name ?? null;
		if (profile) columns = applyProfile(columns, profile.mapping);
		if (options.mapping) columns = applyProfile(columns, options.mapping);
		const rules: ProfileRules = {
			headerRow: options.rules?.headerRow ?? profile?.headerRow ?? null,
			constants: { ...(profile?.constants ?? {}), ...(options.rules?.constants ?? {}) },
			recodes: { ...(profile?.recodes ?? {}), ...(options.rules?.recodes ?? {}) }
		};
		if (options.saveProfileAs?.trim()) {
			const name = options.saveProfileAs.trim();
			await saveProfile(db, name, head.header, Object.fromEntries(columns.map((m) => [m.header, m.key])), options.user ?? 'system', rules);
			profileName = name;
		}
		if (!prepared.scan) throw new Error('the file was not scanned');
		const { records, sha256: digest } = prepared.scan;
		const itemNames = new Map(catalog.items.map((i) => [i.name, i.code]));

		const job: LoadJob = { path, prepared, head, columns, rules, records, itemNames, catalog, digest, totalBytes, profileName, options, progress };
		const details = await db.withConnection(async (c) => {
			const restoreMemory = await capMemoryFor(c, statSync(prepared.csvPath).size, options.memoryCapFromBytes);
			try {
				return await loadBatch(c, job);
			} finally {
				for (const t of WORK_TABLES) await c.run(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
				await restoreMemory();
			}
		});
		progress({ stage: 'done' });
		const { batch, ...counts } = details;
		await appendAudit(db, {
			actor: options.user ?? 'system',
			action: 'import',
			targetType: 'batch',
			targetId: String(batch),
			detail: { file: options.fileName ?? basename(path), kind: 'cases', ...counts }
		});
		return {
			...details,
			file: options.fileName ?? basename(path),
			encoding: encodingLabel(prepared.encoding),
			columns,
			profile: profileName,
			titleRows: head.titleRows,
			header: head.header,
			seconds: (Date.now() - started) / 1000
		};
	} finally {
		prepared.cleanup();
	}
}

export type { Queryable };
