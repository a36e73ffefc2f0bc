/** One benchmark measurement in a process of its own; prints one JSON line: seconds, peak memory, rows. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { openMigrated } from '../src/lib/server/db';
import { loadCatalog } from '../src/lib/server/catalog';
import { importCases, importPublications, type ImportProgress } from '../src/lib/server/import';
import { annualReport, dashboard, ensureCalendarTable, overview, overviewPage, scorecard } from '../src/lib/server/stats';
import { loadCalendar } from '../src/lib/server/calendar';
import type { Params, Queryable } from '../src/lib/server/db';
import { peakRssMb } from './bench-server';

const [kind, file] = process.argv.slice(2);
if (!file) throw new Error('usage: bench-child KIND FILE');
const dbPath = join(tmpdir(), `equitas-bench-${process.pid}.duckdb`);
rmSync(dbPath, { force: true });
const started = performance.now();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
type Recorded = { sql: string; params?: Params }[];

/** The database as a function under measurement sees it, noting every statement, to run the same SQL directly after. */
const recording = (db: Queryable, into: Recorded): Queryable => ({
	query: (sql, params) => (into.push({ sql, params }), db.query(sql, params)),
	run: (sql, params) => (into.push({ sql, params }), db.run(sql, params))
});

if (kind === 'read_csv') {
	const instance = await DuckDBInstance.create(dbPath);
	const c = await instance.connect();
	await c.run(`CREATE TABLE t AS SELECT * FROM read_csv('${file.replaceAll("'", "''")}')`);
	const rows = Number((await c.runAndReadAll('SELECT count(*) FROM t')).getRows()[0]?.[0] ?? 0);
	const seconds = (performance.now() - started) / 1000;
	c.closeSync();
	instance.closeSync();
	console.log(JSON.stringify({ seconds, rows, peakRssMb: peakRssMb() }));
} else if (kind === 'import') {
	const db = await openMigrated(dbPath);
	const stages: Record<string, number> = {};
	let stageStart = performance.now();
	let last = '';
	const r = await importCases(db, file, loadCatalog(), {
		onProgress: (p: ImportProgress) => {
			if (p.stage === last) return;
			const now = performance.now();
			if (last) stages[last] = Math.round((now - stageStart) / 100) / 10;
			last = p.stage;
			stageStart = now;
		}
	});
	const seconds = (performance.now() - started) / 1000;
	await db.close();
	console.log(
		JSON.stringify({ seconds, rows: r.rows, peakRssMb: peakRssMb(), detail: { imported: r.imported, quarantined: r.quarantined, secondsByStage: stages } })
	);
} else if (kind === 'publications') {
	// A penalty publicity list into a fresh database, its violation texts matched to the catalog as the import does.
	const db = await openMigrated(dbPath);
	const r = await importPublications(db, file, { catalog: loadCatalog() });
	const seconds = (performance.now() - started) / 1000;
	const [t] = await db.query<{ fen: number }>('SELECT coalesce(sum(fine_amount), 0)::DOUBLE AS fen FROM publications');
	await db.close();
	console.log(
		JSON.stringify({
			seconds,
			rows: r.rows,
			peakRssMb: peakRssMb(),
			detail: { imported: r.imported, quarantined: r.quarantined, finesFromText: r.fines_from_text, violations: r.violations, fineTotalFen: t?.fen ?? 0 }
		})
	);
} else if (kind === 'stats') {
	// The database of a full import, then the statistics page's server load beside the same SQL run directly.
	const db = await openMigrated(dbPath);
	const r = await importCases(db, file, loadCatalog());
	await ensureCalendarTable(db, loadCalendar());
	const catalog = loadCatalog();
	const year = 2023;
	const recorded: Recorded = [];
	await dashboard(recording(db, recorded), catalog, { year });
	const pageTimes: number[] = [];
	const rawTimes: number[] = [];
	const reportTimes: number[] = [];
	await db.withConnection(async (c) => {
		for (let i = 0; i < 5; i++) {
			let t = performance.now();
			await dashboard(db, catalog, { year });
			pageTimes.push(performance.now() - t);
			t = performance.now();
			for (const q of recorded) await c.runAndReadAll(q.sql, q.params as never);
			rawTimes.push(performance.now() - t);
			t = performance.now();
			await annualReport(db, year);
			reportTimes.push(performance.now() - t);
		}
	});
	const seconds = (performance.now() - started) / 1000;
	await db.close();
	console.log(
		JSON.stringify({
			seconds,
			rows: r.rows,
			peakRssMb: peakRssMb(),
			detail: {
				statsPageMs: Math.round(median(pageTimes)),
				sameSqlMs: Math.round(median(rawTimes)),
				annualReportMs: Math.round(median(reportTimes)),
				queries: recorded.length
			}
		})
	);
} else if (kind === 'scorecard') {
	// The database of a full import, then the scorecard (every run a first computation: the function has no cache)
	// and the overview's server load, each beside the same SQL run directly.
	const db = await openMigrated(dbPath);
	const r = await importCases(db, file, loadCatalog());
	await ensureCalendarTable(db, loadCalendar());
	const catalog = loadCatalog();
	const year = 2023;
	const scoreSql: Recorded = [];
	await scorecard(recording(db, scoreSql), catalog, year);
	const overviewSql: Recorded = [];
	await overview(recording(db, overviewSql));
	const times = { scorecard: [] as number[], scorecardSql: [] as number[], overviewFirst: 0, overview: [] as number[], overviewSql: [] as number[] };
	// The first overview after the import computes the year's scorecard; later ones find it cached until the data change.
	let t = performance.now();
	await overviewPage(db, catalog);
	times.overviewFirst = performance.now() - t;
	await db.withConnection(async (c) => {
		for (let i = 0; i < 5; i++) {
			t = performance.now();
			await scorecard(db, catalog, year);
			times.scorecard.push(performance.now() - t);
			t = performance.now();
			for (const q of scoreSql) await c.runAndReadAll(q.sql, q.params as never);
			times.scorecardSql.push(performance.now() - t);
			t = performance.now();
			await overviewPage(db, catalog);
			times.overview.push(performance.now() - t);
			t = performance.now();
			for (const q of overviewSql) await c.runAndReadAll(q.sql, q.params as never);
			times.overviewSql.push(performance.now() - t);
		}
	});
	const seconds = (performance.now() - started) / 1000;
	await db.close();
	console.log(
		JSON.stringify({
			seconds,
			rows: r.rows,
			peakRssMb: peakRssMb(),
			detail: {
				year,
				scorecardMs: Math.round(median(times.scorecard)),
				scorecardSqlMs: Math.round(median(times.scorecardSql)),
				scorecardQueries: scoreSql.length,
				overviewFirstMs: Math.round(times.overviewFirst),
				overviewMs: Math.round(median(times.overview)),
				overviewSqlMs: Math.round(median(times.overviewSql)),
				overviewQueries: overviewSql.length
			}
		})
	);
} else throw new Error(`unknown measurement ${kind}`);
rmSync(dbPath, { force: true });
rmSync(`${dbPath}.wal`, { force: true });
