/** `npm run -s audit -- verify [--db PATH]`: checks the audit log's hash chain; exit 0 intact, 2 broken. */
import { Command } from 'commander';
import { databasePath, openForCli } from '../src/lib/server/db';
import { verifyAudit } from '../src/lib/server/audit';

const program = new Command('audit').description('审计日志 / audit log').showHelpAfterError();
program
	.command('verify')
	.description('校验哈希链，指出第一条被删改的记录 / verify the hash chain and name the first broken entry')
	.option('--db <path>', '数据库文件 / database file')
	.option('--json', 'JSON 输出 / JSON output')
	.action(async (o: { db?: string; json?: boolean }) => {
		const db = await openForCli(databasePath(o.db));
		try {
			const r = await verifyAudit(db);
			if (o.json) console.log(JSON.stringify(r));
			else if (r.ok) console.log(`审计日志完整：共 ${r.entries} 条记录。/ the audit log is intact: ${r.entries} entries.`);
			else console.log(`审计日志被篡改：第 ${r.brokenAt} 条记录 —— ${r.reason}\n/ the audit log was tampered with at entry ${r.brokenAt}.`);
			process.exitCode = r.ok ? 0 : 2;
		} finally {
			await db.close();
		}
	});
program.parseAsync().catch((e: unknown) => {
	console.error(e instanceof Error ? e.message : String(e));
	process.exit(1);
});
