/**
 * `npm run -s audit -- verify [--db PATH] [--files DIR]`: checks the audit log's hash chain, re-hashes every file
 * of the electronic case file and compares each case-file record with its audit entry; exit 0 intact, 2 broken.
 */
import { Command } from 'commander';
import { databasePath, openForCli } from '../src/lib/server/db';
import { verifyAudit } from '../src/lib/server/audit';
import { filesDir, verifyFiles } from '../src/lib/server/files';

const program = new Command('audit').description('审计日志 / audit log').showHelpAfterError();
program
	.command('verify')
	.description('校验哈希链并重新计算案卷文件的哈希，指出被删改的记录和文件 / verify the hash chain and re-hash the case files')
	.option('--db <path>', '数据库文件 / database file')
	.option('--files <dir>', '案卷文件存储目录（默认 EQUITAS_FILES 或 data/files）/ the case-file store')
	.option('--json', 'JSON 输出 / JSON output')
	.action(async (o: { db?: string; files?: string; json?: boolean }) => {
		const db = await openForCli(databasePath(o.db));
		try {
			const r = await verifyAudit(db);
			const progress = !o.json && process.stderr.isTTY;
			const files = await verifyFiles(db, o.files ?? filesDir(), (done, total) => {
				if (progress) process.stderr.write(`\r校验案卷文件 ${done}/${total}`);
			});
			if (progress) process.stderr.write('\n');
			if (o.json) console.log(JSON.stringify({ ...r, files }));
			else {
				if (r.ok) console.log(`审计日志完整：共 ${r.entries} 条记录。/ the audit log is intact: ${r.entries} entries.`);
				else console.log(`审计日志被篡改：第 ${r.brokenAt} 条记录 —— ${r.reason}\n/ the audit log was tampered with at entry ${r.brokenAt}.`);
				const mb = (files.bytes / 1024 ** 2).toFixed(1);
				if (files.ok) console.log(`案卷文件完整：${files.records} 条记录，${files.files} 个文件（${mb} MB）已重新校验。/ the case files are intact.`);
				else {
					console.log(`案卷文件有 ${files.problems.length} 处问题 / the case files have ${files.problems.length} problems:`);
					for (const p of files.problems) console.log(`  - [${p.kind}] ${p.detail}`);
				}
			}
			process.exitCode = r.ok && files.ok ? 0 : 2;
		} finally {
			await db.close();
		}
	});
program.parseAsync().catch((e: unknown) => {
	console.error(e instanceof Error ? e.message : String(e));
	process.exit(1);
});
