/** One benchmark measurement in a process of its own; prints one JSON line: seconds, peak memory, rows. */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { openMigrated } from '../src/lib/server/db';
import { loadCatalog } from '../src/lib/server/catalog';
import { importCases, type ImportProgress } from '../src/lib/server/import';

function peakRssMb(): number {
	const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
	return m ? Math.round(Number(m[1]) / 1024) : Math.round(process.memoryUsage().rss / 1024 ** 2);
}

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
} else throw new Error(`unknown measurement ${kind}`);
rmSync(dbPath, { force: true });
rmSync(`${dbPath}.wal`, { force: true });
