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
import { attachScratch, type Scratch } from './scratch';
import { stageRawWithJs } from './raw-js';
import { appendStaged, castFromStaging, createCaseStaging, type StagedRow } from './staging';
import { FACTS_WORK_TABLES, stagedWithFacts } from './facts-fill';
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
	'imp_rejects',
	'imp_rejects_scans',
	'imp_rejects_again',
	'imp_rejects_again_scans',
	...FACTS_WORK_TABLES,
	...CORRECTION_WORK_TABLES
];

const col = (i: number) => `c${i}`;

/**
 * A 64-bit hash of every column of a case row (NULLs included), typed as `cases` stores them: for telling an
 * unchanged row from a changed one, and an identical copy of a row from a conflicting one.
 */
const rowHashOf = (t: string, typed: boolean) =>
	`hash(${[...FIELDS.map((f) => (typed ? `CAST(${t}.${f.key} AS ${SQL_TYPE[f.type]})` : `${t}.${f.key}`)), `${t}.extra`, `${t}.extracted`].join(', ')})`;

/**
 * The hashes of the keys (agency, case_id) that come more than once in `source`. Grouping ten million rows by the
 * 64-bit hash takes a fifth of the memory that grouping by the two strings did (that took the import past 2 GB);
 * callers then compare the few rows with such a hash by the key itself, so a collision costs a look, nothing more.
 */
const repeatedKeyHashes = (source: string) => `SELECT hash(agency, case_id) AS h FROM ${source} GROUP BY h HAVING count(*) > 1`;

/**
 * DuckDB's CSV buffer. By default it is 16 times max_line_size (64 MB here), and reading a million rows in order
 * held about 750 MB of such buffers; at 16 MB the import's read stage peaks near 600 MB of the process, for two
 * million rows as for one, at the same speed. (A lower memory_limit also held memory down, but made the ordered
 * insert wait on one thread.)
 */
const CSV_BUFFER_BYTES = 16_000_000;

/**
 * DuckDB keeps the blocks an import writes (scratch and cases) in its buffer pool for as long as its memory limit
 * allows, so without a limit the process grows with the file: 0.7-0.9 GB at a million rows, 2.1 GB at ten million.
 * A limit below about 800 MB slows the ordered insert of the read stage (at a million rows 6 s became 12 s), so
 * only files past IMPORT_CAP_FROM_BYTES of text, which would otherwise pass 1 GB, import under IMPORT_MEMORY_CAP
 * (ten million rows in `npm run bench`: 2.1 GB -> 0.94 GB, 118 s -> 190 s). The limit is the instance's: other queries share it for
 * the import's duration, and it is put back afterwards.
 */
const IMPORT_CAP_FROM_BYTES = 1_000_000_000;
const IMPORT_MEMORY_CAP = process.env.EQUITAS_IMPORT_MEMORY ?? '500MB';

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
): { columns: MappedColumn[]; width: number; source: (s: string) => string } {
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
		source: (s) => `(SELECT ${[...cellsOf, ...extra.map((e) => e.cell)].join(', ')} FROM ${s})`
	};
}

/**
 * Reads and types the rows in one statement (DuckDB reads and normalises at once, so the 'read' stage is both),
 * lets the readers decide the rest, then writes the batch in one transaction. The working tables are in the
 * scratch database or temporary, outside the transaction: a reader that gives up cannot spoil it.
 */
async function loadBatch(c: DuckDBConnection, job: LoadJob, scratch: Scratch) {
	const { path, prepared, head, records, itemNames, catalog, digest, totalBytes, profileName, options, progress } = job;
	const n = head.header.length;
	// Constants become columns after the file's own, recodes rewrite a column's cells, before any value is read.
	const { columns, width, source: withRules } = columnsWithRules(job.columns, job.rules, n);
	progress({ stage: 'read' });
	const readCsv = (rejects: string) =>
		readRowsSql(
			prepared.csvPath,
			head,
			`null_padding = ${prepared.padShortRows}, store_rejects = true, rejects_table = '${rejects}', rejects_scan = '${rejects}_scans', buffer_size = ${CSV_BUFFER_BYTES}`
		);
	const typedTable = `${scratch.name}.typed`;
	const namesByCode = new Map(catalog.items.map((i) => [i.code, i.name]));
	const typed = (source: string) =>
		c.run(
			`CREATE OR REPLACE TABLE ${typedTable} AS ${typedRowsSql({ source: withRules(source), columns, width, itemCodes: itemNames, itemNamesByCode: namesByCode })}`
		);
	// Set when DuckDB's reader gave up and Papa Parse read the file instead (into imp_raw).
	let viaJs: Awaited<ReturnType<typeof stageRawWithJs>> | null = null;
	try {
		await c.run('DROP TABLE IF EXISTS imp_rejects; DROP TABLE IF EXISTS imp_rejects_scans');
		await typed(readCsv('imp_rejects'));
	} catch {
		viaJs = await stageRawWithJs(c, prepared.csvPath, head.delimiter, head.headerLines, n, prepared.padShortRows);
		await typed('(SELECT * EXCLUDE (rn) FROM imp_raw ORDER BY rn)');
	}

	// From here on inside the batch's transaction (the scratch table is written before it: a DuckDB transaction
	// writes to one attached database only). Whatever stops the import now, even kill -9, leaves the database as it was.
	return transactionOn(c, async (tx) => {
		let rawRowsCount: number;
		let lineMap: LineMap;
		const quarantined: QuarantinedRow[] = [];
		const skippedLines: (number | null)[] = [];
		// Where the raw cells of any row can be found again (the typed table keeps only those of the rows SQL did not settle).
		let rawRows: string;
		if (viaJs) {
			rawRows = 'imp_raw';
			rawRowsCount = viaJs.rawRows;
			lineMap = new LineMap(prepared.sheetRows ? null : viaJs.lines);
			quarantined.push(...viaJs.refused);
		} else {
			rawRows = `(SELECT row_number() OVER () AS rn, * FROM ${readCsv('imp_rejects_again')})`;
			const rejects = await all<{ line: bigint; csv_line: string; error_type: string; error_message: string }>(
				c,
				`SELECT line, any_value(csv_line) AS csv_line, any_value(CAST(error_type AS VARCHAR)) AS error_type, any_value(error_message) AS error_message FROM imp_rejects GROUP BY line ORDER BY line`
			);
			const [{ raw_rows } = { raw_rows: 0n }] = await all<{ raw_rows: bigint }>(c, `SELECT count(*) AS raw_rows FROM ${typedTable}`);
			rawRowsCount = Number(raw_rows);
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
		const [b] = await tx.query<{ id: number }>(
			`INSERT INTO batches (kind, file_name, sha256, size_bytes, encoding, user_name, mapping, profile) VALUES ('cases', ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			[options.fileName ?? basename(path), digest, totalBytes, prepared.encoding, options.user ?? 'system', JSON.stringify(columns), profileName]
		);
		const batch = b?.id;
		if (batch === undefined) throw new Error('could not create a batch');

		// Rows SQL could not settle: the readers decide, and say why.
		progress({ stage: 'check' });
		await createCaseStaging(c, 'imp_js');
		const itemCodeFor = (name: string) => itemNames.get(name) ?? null;
		const itemNameFor = (code: string) => namesByCode.get(code) ?? null;
		for (let after = 0; ;) {
			const bad = await all<{ rn: bigint; raw: (string | null)[] }>(
				c,
				`SELECT rowid + 1 AS rn, raw FROM ${typedTable} WHERE raw IS NOT NULL AND rowid >= ${after} ORDER BY rowid LIMIT 10000`
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

		// The rows to load, without copying them: SQL's rows where they are, and the readers' beside them.
		const keyList = KEYS.join(', ');
		const read = `SELECT rowid + 1 AS rn, ${keyList}, extra FROM ${typedTable} WHERE ok
			UNION ALL SELECT row_number AS rn, ${FIELDS.map((f) => `${castFromStaging(f)} AS ${f.key}`).join(', ')}, extra FROM imp_js`;
		// Circumstances the row left blank, read from its facts text where it has one (extracted says which); then
		// an analyst's corrections over what was read, so that a re-import does not undo them.
		const staged = await stagedWithCorrections(
			c,
			await stagedWithFacts(
				c,
				read,
				columns.some((m) => m.key === 'facts'),
				catalog
			)
		);
		// A case repeated in one file: the last row stands. An earlier copy that says the same (an export that wrote
		// the row twice) is counted unchanged; one that differs goes to quarantine naming both lines (still there to
		// see). Found by the key's hash first, then by the key (repeatedKeyHashes); copies compared by a row hash.
		let identicalCopies = 0;
		await c.run(`CREATE OR REPLACE TEMP TABLE imp_dup_hashes AS ${repeatedKeyHashes(`(${staged})`)}`);
		const [{ repeated } = { repeated: 0n }] = await all<{ repeated: bigint }>(c, `SELECT count(*) AS repeated FROM imp_dup_hashes`);
		if (Number(repeated) > 0) {
			await c.run(`CREATE OR REPLACE TEMP TABLE imp_dups AS SELECT rn, last_rn, case_id, h = last_h AS same FROM
				(SELECT rn, case_id, h, max(rn) OVER w AS last_rn, arg_max(h, rn) OVER w AS last_h FROM
					(SELECT rn, agency, case_id, ${rowHashOf('s', true)} AS h FROM (${staged}) s WHERE hash(agency, case_id) IN (SELECT h FROM imp_dup_hashes))
				 WINDOW w AS (PARTITION BY agency, case_id)) WHERE rn < last_rn`);
			const dups = await all<Record<string, string | null> & { rn: bigint; last_rn: bigint; dup_case: string }>(
				c,
				`SELECT r.*, d.last_rn, d.case_id AS dup_case FROM imp_dups d JOIN ${rawRows} r USING (rn) WHERE NOT d.same ORDER BY r.rn`
			);
			const [{ same } = { same: 0n }] = await all<{ same: bigint }>(c, `SELECT count(*) FILTER (same) AS same FROM imp_dups`);
			identicalCopies = Number(same);
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
			await c.run(`CREATE OR REPLACE TEMP VIEW imp_staged AS SELECT * FROM (${staged}) s ANTI JOIN imp_dups d USING (rn)`);
		} else await c.run(`CREATE OR REPLACE TEMP VIEW imp_staged AS ${staged}`);

		progress({ stage: 'write' });
		// Only the rows whose case is already there are compared; the rest are new. They are compared by a 64-bit
		// hash of every column (NULLs included), so that the join carries two keys and a number instead of two
		// whole rows: re-importing a million unchanged cases took 4.1 s and over 1 GB that way, 0.8 s this way. The
		// chance that a changed row hashes like its old version is about 2^-64 a row, some 10^-13 for a million.
		const rowHash = rowHashOf;
		await c.run(`CREATE OR REPLACE TEMP TABLE imp_class AS
			SELECT s.rn, s.h = c.h AS same
			FROM (SELECT rn, agency, case_id, ${rowHash('imp_staged', true)} AS h FROM imp_staged) s
			JOIN (SELECT agency, case_id, ${rowHash('cases', false)} AS h FROM cases) c ON c.agency = s.agency AND c.case_id = s.case_id`);
		const [counts] = await all<{ staged: bigint; updated: bigint; unchanged: bigint }>(
			c,
			`SELECT (SELECT count(*) FROM imp_staged) AS staged, count(*) FILTER (NOT same) AS updated, count(*) FILTER (same) AS unchanged FROM imp_class`
		);
		const updated = Number(counts?.updated ?? 0);
		const unchanged = Number(counts?.unchanged ?? 0);
		if (updated > 0) {
			await c.run(`INSERT INTO case_versions (replaced_by_batch, ${keyList}, extra, extracted, batch_id, loaded_at)
				SELECT ${batch}, ${KEYS.map((k) => `c.${k}`).join(', ')}, c.extra, c.extracted, c.batch_id, c.loaded_at
				FROM cases c JOIN imp_staged s ON c.agency = s.agency AND c.case_id = s.case_id JOIN imp_class k ON k.rn = s.rn WHERE NOT k.same`);
			await c.run(`UPDATE cases SET ${[...KEYS.filter((k) => k !== 'agency' && k !== 'case_id'), 'extra', 'extracted'].map((k) => `${k} = s.${k}`).join(', ')}, batch_id = ${batch}, loaded_at = current_timestamp
				FROM (SELECT s.* FROM imp_staged s JOIN imp_class k ON k.rn = s.rn WHERE NOT k.same) s
				WHERE cases.agency = s.agency AND cases.case_id = s.case_id`);
		}
		await c.run(`INSERT INTO cases (${keyList}, extra, extracted, batch_id) SELECT ${KEYS.map((k) => `s.${k}`).join(', ')}, s.extra, s.extracted, ${batch}
			FROM imp_staged s ${updated + unchanged > 0 ? 'ANTI JOIN imp_class k ON k.rn = s.rn' : ''}`);
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

		const [{ blank_rows } = { blank_rows: 0n }] = await all<{ blank_rows: bigint }>(c, `SELECT count(*) AS blank_rows FROM ${typedTable} WHERE blank`);
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
		const rows = rawRowsCount - Number(blank_rows) + refusedCount;
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
			const scratch = await attachScratch(c);
			try {
				return await loadBatch(c, job, scratch);
			} finally {
				await c.run('DROP VIEW IF EXISTS imp_staged').catch(() => undefined);
				for (const t of WORK_TABLES) await c.run(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
				await scratch.close();
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
