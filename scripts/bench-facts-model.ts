/**
 * The discretion model with the circumstances only in the facts text, in a process of its own (run by `npm run
 * bench -- --only facts-model`; prints one JSON line): the same demo cases written twice, once with the structured
 * circumstance columns and once with those columns blank and the circumstances stated only in 违法事实, each imported
 * into its own database and trained; the stated and measured coverage of the interval side by side.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openMigrated } from '../src/lib/server/db';
import { loadCatalog } from '../src/lib/server/catalog';
import { loadCalendar } from '../src/lib/server/calendar';
import { importCases } from '../src/lib/server/import';
import { writeDemoFiles } from '../src/lib/server/demo';
import { trainDiscretion } from '../src/lib/server/model';

const [rowsArg, outArg] = process.argv.slice(2);
const rows = Number(rowsArg);
if (!Number.isInteger(rows) || rows <= 0 || !outArg) throw new Error('usage: bench-facts-model ROWS OUT_DIR');
const outDir: string = outArg;

const catalog = loadCatalog();
const cal = loadCalendar();

export interface Variant {
	variant: 'structured' | 'facts-only';
	cases: number;
	/** Cases with at least one circumstance read from the text. */
	extracted_cases: number;
	import_seconds: number;
	train_seconds: number;
	/** The interval's stated coverage (its level). */
	level: number;
	/** The coverage the model card reports at that level. */
	card: number | null;
	/** Coverage on the held-out cases of the evaluation. */
	measured: number;
	test_cases: number;
	by_source: { source: string; n: number; coverage: number }[];
}

async function run(variant: Variant['variant']): Promise<Variant> {
	const dir = join(outDir, `facts-model-${variant}`);
	const file = join(dir, 'cases-current-utf8.csv');
	if (!existsSync(file))
		await writeDemoFiles(catalog, cal, { dir, cases: rows, seed: 42, layout: 'canonical', circumstancesInFacts: variant === 'facts-only' ? 1 : 0 });
	const dbPath = join(dir, 'bench.duckdb');
	rmSync(dbPath, { force: true });
	rmSync(`${dbPath}.wal`, { force: true });
	const db = await openMigrated(dbPath);
	try {
		let t = Date.now();
		await importCases(db, file, catalog);
		const importSeconds = (Date.now() - t) / 1000;
		const [counts] = await db.query<{ n: number; x: number }>('SELECT CAST(count(*) AS INTEGER) AS n, CAST(count(extracted) AS INTEGER) AS x FROM cases');
		t = Date.now();
		const { model, evaluation } = await trainDiscretion(db, catalog, { baselines: true, now: new Date('2026-01-01T00:00:00Z') });
		const trainSeconds = (Date.now() - t) / 1000;
		if (!evaluation) throw new Error('no evaluation');
		const level = evaluation.level;
		const own = evaluation.methods.find((m) => m.method === 'model');
		return {
			variant,
			cases: counts?.n ?? 0,
			extracted_cases: counts?.x ?? 0,
			import_seconds: importSeconds,
			train_seconds: trainSeconds,
			level,
			card: model.meta.coverage[String(Math.round(level * 100))] ?? null,
			measured: own?.coverage ?? NaN,
			test_cases: own?.n ?? 0,
			by_source: evaluation.by_source ?? []
		};
	} finally {
		await db.close();
	}
}

const variants = [await run('structured'), await run('facts-only')];
console.log(JSON.stringify({ seconds: 0, peakRssMb: 0, rows, detail: { variants } }));
