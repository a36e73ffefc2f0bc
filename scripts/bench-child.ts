/** One benchmark measurement in a process of its own; prints one JSON line: seconds, peak memory, rows. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { openMigrated } from '../src/lib/server/db';
import { loadCatalog } from '../src/lib/server/catalog';
import { importCases, type ImportProgress } from '../src/lib/server/import';
import { annualReport, dashboard, ensureCalendarTable } from '../src/lib/server/stats';
import { loadCalendar } from '../src/lib/server/calendar';
import type { Params, Queryable } from '../src/lib/server/db';
import { peakRssMb } from './bench-server';

const [kind, file] = process.argv.slice(2);
if (!file) throw new Error('usage: bench-child KIND FILE');
const dbPath = join(tmpdir(), `equitas-bench-${process.pid}.duckdb`);
rmSync(dbPath, { force: true });
const started = performance.now();

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
} else if (kind === 'stats') {
	// The database of a full import, then the statistics page's server load beside the same SQL run directly.
	const db = await openMigrated(dbPath);
	const r = await importCases(db, file, loadCatalog());
	await ensureCalendarTable(db, loadCalendar());
	const catalog = loadCatalog();
	const year = 2023;
	const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
	const recorded: { sql: string; params?: Params }[] = [];
	const recorder: Queryable = {
		query: (sql, params) => (recorded.push({ sql, params }), db.query(sql, params)),
		run: (sql, params) => (recorded.push({ sql, params }), db.run(sql, params))
	};
	await dashboard(recorder, catalog, { year });
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
} else throw new Error(`unknown measurement ${kind}`);
rmSync(dbPath, { force: true });
rmSync(`${dbPath}.wal`, { force: true });
