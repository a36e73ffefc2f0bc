import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from '../../domain/catalog';
import type { WorkingCalendar } from '../../domain/calendar';
import type { Database } from '../db';
import { loadCaseFile, loadRosterFile, type LoadSummary } from '../import';
import { writeDemoFiles, type DemoFiles } from './write';
import { appendAudit } from '../audit';
import { basename } from 'node:path';

export interface SeedResult {
	files: DemoFiles;
	officers: number;
	loads: LoadSummary[];
	cases: number;
}

/**
 * Fills a database with the demo data set: writes the demo exports (unless they are already in `dir`) and loads
 * them through the importer, roster first, exactly as an analyst would.
 */
export async function seedDemo(db: Database, catalog: Catalog, cal: WorkingCalendar, options: { dir: string; seed?: number; cases?: number; log?: (line: string) => void }): Promise<SeedResult> {
	const log = options.log ?? (() => undefined);
	const files: DemoFiles = {
		legacy: join(options.dir, 'cases-legacy-gbk.csv'),
		current: join(options.dir, 'cases-current-utf8.csv'),
		roster: join(options.dir, 'roster.csv'),
		truth: join(options.dir, 'planted.json')
	};
	if (!Object.values(files).every((f) => existsSync(f))) {
		log(`生成演示数据 → ${options.dir}`);
		const written = await writeDemoFiles(catalog, cal, { dir: options.dir, seed: options.seed, cases: options.cases });
		log(`  ${written.cases} 件案件（其中 ${written.planted} 件含预置问题）`);
	}
	const roster = await loadRosterFile(db, files.roster);
	await appendAudit(db, { actor: 'system', action: 'import', targetType: 'batch', targetId: String(roster.batch), detail: { file: basename(files.roster), kind: 'roster', rows: roster.rows, loaded: roster.loaded } });
	for (const r of roster.rejected) log(`  执法人员清单第 ${r.rowNumber} 行：${r.problems.map((p) => p.reason).join("；")}`);
	log(`导入执法人员清单：${roster.loaded} 人`);
	const loads: LoadSummary[] = [];
	for (const file of [files.legacy, files.current]) {
		const s = await loadCaseFile(db, file);
		loads.push(s);
		await appendAudit(db, {
			actor: 'system',
			action: 'import',
			targetType: 'batch',
			targetId: String(s.batch),
			detail: { file: basename(file), kind: 'cases', rows: s.rows, imported: s.imported, updated: s.updated, rejected: s.rejected.length }
		});
		log(`导入 ${file}（${s.encoding}）：读取 ${s.rows} 行，新增 ${s.imported}，更新 ${s.updated}，未能读取 ${s.rejected.length}`);
		for (const r of s.rejected.slice(0, 5)) log(`  第 ${r.rowNumber} 行：${r.problems.map((p) => p.reason).join('；')}`);
	}
	const [count] = await db.query<{ n: number }>('SELECT count(*) AS n FROM cases');
	return { files, officers: roster.loaded, loads, cases: count?.n ?? 0 };
}
