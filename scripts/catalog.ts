/**
 * The catalog's versions (事项清单及裁量基准):
 * `npm run -s catalog -- list [--db PATH] [--json]`, `show VERSION [--db PATH] [--json]`,
 * `import FILE --effective YYYY-MM-DD [--note TEXT] [--db PATH] [--json]` (prints {"version","effective_from","items"}),
 * `export [--version V] [--db PATH] FILE`. A file with an error is refused whole and nothing changes.
 */
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Command } from 'commander';
import { positiveInt, withCliDb } from './cli-options';
import { catalogData, CatalogError } from '../src/lib/domain/catalog';
import { catalogBook, catalogVersion, ensureShippedVersion, readCatalogFile } from '../src/lib/server/catalog';
import { publishVersion } from '../src/lib/server/catalog/publish';
import type { CatalogVersion } from '../src/lib/domain/catalog-versions';
import type { Database } from '../src/lib/server/db';

const program = new Command('catalog').description('事项清单版本 / catalog versions');

type State = 'in-force' | 'upcoming' | 'superseded';
const STATE_WORDS: Record<State, string> = { 'in-force': '现行', upcoming: '待生效', superseded: '已被替代' };

function stateOf(v: CatalogVersion, inForce: number, today: string): State {
	return v.version === inForce ? 'in-force' : v.effective_from > today ? 'upcoming' : 'superseded';
}

async function book(db: Database) {
	await ensureShippedVersion(db);
	const b = await catalogBook(db);
	if (!b) throw new Error('数据库中没有事项清单版本 / no catalog version');
	return b;
}

async function versionOrFail(db: Database, n: number): Promise<CatalogVersion> {
	await ensureShippedVersion(db);
	const v = await catalogVersion(db, n);
	if (!v) throw new Error(`没有版本 ${n} / no version ${n}`);
	return v;
}

const info = ({ catalog: _catalog, ...rest }: CatalogVersion) => rest;

program
	.command('list')
	.description('列出版本 / list the versions')
	.option('--db <path>', '数据库文件 / database file')
	.option('--json', '输出 JSON / print JSON')
	.action((o: { db?: string; json?: boolean }) =>
		withCliDb(o.db, async (db) => {
			const b = await book(db);
			const inForce = b.inForce().version;
			const rows = [...b.versions].sort((x, y) => x.version - y.version).map((v) => ({ ...info(v), state: stateOf(v, inForce, b.today) }));
			if (o.json) return console.log(JSON.stringify(rows));
			for (const v of [...b.versions].sort((x, y) => x.version - y.version))
				console.log(
					`${v.version}\t${v.effective_from} 起\t${v.label}\t${v.items} 项\t${STATE_WORDS[stateOf(v, inForce, b.today)]}\t${v.published_by}\t${v.note}`
				);
		})
	);

program
	.command('show')
	.description('显示一个版本 / show one version')
	.argument('<version>', '版本号 / version number', positiveInt)
	.option('--db <path>', '数据库文件 / database file')
	.option('--json', '输出 JSON / print JSON')
	.action((n: number, o: { db?: string; json?: boolean }) =>
		withCliDb(o.db, async (db) => {
			const v = await versionOrFail(db, n);
			if (o.json) return console.log(JSON.stringify({ ...info(v), catalog: catalogData(v.catalog) }));
			console.log(`版本 ${v.version}（${v.label}），${v.effective_from} 起生效，${v.published_by} 于 ${v.published_at} 发布：${v.note}`);
			for (const item of v.catalog.items) {
				const fine = item.fine ? `${item.fine.min}–${item.fine.max} 元` : '无罚款';
				console.log(`  ${item.code} ${item.name}（${fine}）${item.tiers.map((t) => `${t.tier} ${t.min}–${t.max}`).join('；')}`);
			}
		})
	);

program
	.command('import')
	.description('导入一个版本 / import a version')
	.argument('<file>', '事项清单 JSON 文件 / catalog JSON file')
	.requiredOption('--effective <date>', '生效日期 YYYY-MM-DD / effective date')
	.option('--note <text>', '说明 / note', '')
	.option('--db <path>', '数据库文件 / database file')
	.option('--json', '输出 JSON / print JSON')
	.action((file: string, o: { effective: string; note: string; db?: string; json?: boolean }) =>
		withCliDb(o.db, async (db) => {
			const json = readCatalogFile(file);
			const { version: v, flags } = await publishVersion(db, {
				json,
				source: file,
				effective: o.effective,
				note: o.note,
				actor: { username: `cli:${userInfo().username}` }
			});
			if (flags) process.stderr.write(`已重新计算审查提示：新增 ${flags.opened}，消除 ${flags.cleared}\n`);
			if (o.json) return console.log(JSON.stringify({ version: v.version, effective_from: v.effective_from, items: v.items }));
			console.log(`已导入版本 ${v.version}：${v.items} 个事项，${v.effective_from} 起生效`);
		})
	);

program
	.command('export')
	.description('导出一个版本为 JSON / export a version as JSON')
	.argument('<file>', '写出的文件 / file to write')
	.option('--version <n>', '版本号（默认为现行版本）/ version (default: in force today)', positiveInt)
	.option('--db <path>', '数据库文件 / database file')
	.action((file: string, o: { version?: number; db?: string }) =>
		withCliDb(o.db, async (db) => {
			const v = o.version === undefined ? (await book(db)).inForce() : await versionOrFail(db, o.version);
			writeFileSync(file, `${JSON.stringify(catalogData(v.catalog), null, '\t')}\n`);
			console.log(`已写出版本 ${v.version} 到 ${file}`);
		})
	);

try {
	await program.parseAsync();
} catch (e) {
	const text = e instanceof CatalogError ? e.message : e instanceof Error ? e.message : String(e);
	console.error(`事项清单操作失败 / catalog command failed: ${text}`);
	process.exit(1);
}
