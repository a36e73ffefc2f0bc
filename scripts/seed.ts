/** Creates a database with the demo data: `npm run -s seed -- [--db PATH] [--dir DIR] [--rows N] [--seed S]`. */
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { positiveInt } from './cli-options';
import { closeOnSignals, databasePath, openMigrated } from '../src/lib/server/db';
import { loadCatalog } from '../src/lib/server/catalog';
import { loadCalendar } from '../src/lib/server/calendar';
import { DEFAULT_DEMO_CASES, DEMO_FACTS_SHARE, seedDemo } from '../src/lib/server/demo';

const opts = new Command('seed')
	.description('创建数据库并导入演示数据 / create a database with the demo data')
	.option('--db <path>', '数据库文件 / database file (default: EQUITAS_DB or data/equitas.duckdb)')
	.option('--dir <dir>', '演示文件目录（缺失时生成）/ demo files folder (written when missing)', 'data/demo')
	.option('--rows <n>', '案件数（约）/ number of cases (about)', positiveInt, DEFAULT_DEMO_CASES)
	.option('--seed <n>', '随机种子 / random seed', positiveInt, 1)
	.parse()
	.opts<{ db?: string; dir: string; rows: number; seed: number }>();

const path = databasePath(opts.db);
if (existsSync(path)) {
	console.error(`数据库已存在，未做任何改动：${path}\n/ the database already exists; nothing was changed. Remove it first to start again.`);
	process.exit(1);
}
const db = await openMigrated(path);
closeOnSignals(db);
const r = await seedDemo(db, loadCatalog(), loadCalendar(), {
	dir: opts.dir,
	cases: opts.rows,
	seed: opts.seed,
	circumstancesInFacts: DEMO_FACTS_SHARE,
	log: (l) => console.error(l)
});
await db.close();
console.log(JSON.stringify({ db: path, cases: r.cases, officers: r.officers }));
