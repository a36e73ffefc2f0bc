import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from '../../domain/catalog';
import type { WorkingCalendar } from '../../domain/calendar';
import type { Database } from '../db';
import { importCases, importPublications, importRoster, type ImportDetails } from '../import';
import { writePeerList } from './peers';
import { writeDemoFiles, type DemoFiles } from './write';

export interface SeedResult {
	files: DemoFiles;
	officers: number;
	loads: ImportDetails[];
	cases: number;
}

/**
 * Fills a database with the demo data set: writes the demo exports (unless they are already in `dir`) and loads
 * them through the importer, roster first, exactly as an analyst would.
 */
export async function seedDemo(
	db: Database,
	catalog: Catalog,
	cal: WorkingCalendar,
	options: { dir: string; seed?: number; cases?: number; log?: (line: string) => void; circumstancesInFacts?: number }
): Promise<SeedResult> {
	const log = options.log ?? (() => undefined);
	const files: DemoFiles = {
		legacy: join(options.dir, 'cases-legacy-gbk.csv'),
		current: join(options.dir, 'cases-current-utf8.csv'),
		roster: join(options.dir, 'roster.csv'),
		truth: join(options.dir, 'planted.json')
	};
	if (!Object.values(files).every((f) => existsSync(f))) {
		log(`生成演示数据 → ${options.dir}`);
		const written = await writeDemoFiles(catalog, cal, {
			dir: options.dir,
			seed: options.seed,
			cases: options.cases,
			circumstancesInFacts: options.circumstancesInFacts
		});
		log(`  ${written.cases} 件案件（其中 ${written.planted} 件含预置问题）`);
	}
	const roster = await importRoster(db, files.roster);
	log(`导入执法人员清单：${roster.officers_total} 人（隔离 ${roster.quarantined} 行）`);
	const loads: ImportDetails[] = [];
	for (const file of [files.legacy, files.current]) {
		const s = await importCases(db, file, catalog);
		loads.push(s);
		log(`导入 ${file}（${s.encoding}）：读取 ${s.rows} 行，新增 ${s.imported}，更新 ${s.updated}，未变 ${s.unchanged}，隔离 ${s.quarantined}`);
	}
	// Other centres' published decisions, for the comparison with peers: reference only, apart from the cases.
	const peers = join(options.dir, 'peer-publications.csv');
	if (!existsSync(peers)) writePeerList(peers, options.seed);
	const p = await importPublications(db, peers, { catalog });
	log(`导入其他中心的处罚公示：${p.imported} 条（对应到事项的违法行为表述 ${p.violations.matched} 种）`);
	const [count] = await db.query<{ n: number }>('SELECT count(*) AS n FROM cases');
	return { files, officers: roster.officers_total, loads, cases: count?.n ?? 0 };
}
