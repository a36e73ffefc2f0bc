/**
 * `npm run -s restore -- DIR [--db PATH] [--force] [--files DIR] [--json]`: restores a backup made by
 * `npm run backup`. The server must be stopped. An existing database is replaced only with --force, and is then
 * kept beside the restored one as `<name>.before-restore-<time>`.
 */
import { Command } from 'commander';
import { databasePath } from '../src/lib/server/db';
import { restoreDatabase } from '../src/lib/server/backup';

const program = new Command('restore')
	.description('从备份恢复数据库 / restore the database from a backup')
	.argument('<dir>', '备份目录 / the backup folder')
	.option('--db <path>', '恢复到的数据库文件 / the database file to restore into')
	.option('--force', '替换已有的数据库（原文件改名保留）/ replace an existing database (the old file is kept)')
	.option('--files <dir>', '案卷文件存储目录（默认 EQUITAS_FILES 或 data/files）/ the case-file store')
	.option('--json', 'JSON 输出 / JSON output')
	.showHelpAfterError()
	.action(async (dir: string, o: { db?: string; force?: boolean; files?: string; json?: boolean }) => {
		const started = Date.now();
		const r = await restoreDatabase(dir, databasePath(o.db), { force: o.force, filesDir: o.files });
		const out = {
			db: r.path,
			from: r.manifest.createdAt,
			tables: r.manifest.tables.length,
			rows: r.rows,
			files: r.filesCopied,
			replaced: r.replaced,
			ms: Date.now() - started
		};
		if (o.json) console.log(JSON.stringify(out));
		else {
			console.log(`恢复完成：${r.path}（${out.tables} 张表，${out.rows} 行，备份于 ${r.manifest.createdAt}；复制案卷文件 ${out.files} 个）`);
			if (r.replaced) console.log(`原数据库已改名保留：${r.replaced}`);
			console.log(`/ restored ${out.tables} tables and ${out.rows} rows${r.replaced ? `; the previous database is kept as ${r.replaced}` : ''}`);
		}
	});

program.parseAsync().catch((e: unknown) => {
	console.error(e instanceof Error ? e.message : String(e));
	process.exit(1);
});
