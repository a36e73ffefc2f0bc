/**
 * `npm run -s audit -- verify [--db PATH] [--files DIR] [--checkpoints FILE]`: checks the audit log's keyed chain,
 * its head kept outside the database and exported checkpoints, re-hashes every file of the electronic case file and
 * compares each case-file record with its audit entry; exit 0 intact, 2 broken. `checkpoint` prints the head to
 * keep elsewhere; `rotate-key` starts signing with a new key.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { databasePath, openForCli } from '../src/lib/server/db';
import { genuineHead, rotateAuditKey, sidecarOf, verifyAudit, type ChainHead } from '../src/lib/server/audit';
import { filesDir, verifyFiles } from '../src/lib/server/files';

const program = new Command('audit').description('审计日志 / audit log').showHelpAfterError();
program
	.command('verify')
	.description('校验哈希链并重新计算案卷文件的哈希，指出被删改的记录和文件 / verify the hash chain and re-hash the case files')
	.option('--db <path>', '数据库文件 / database file')
	.option('--files <dir>', '案卷文件存储目录（默认 EQUITAS_FILES 或 data/files）/ the case-file store')
	.option('--checkpoints <file>', '此前导出的检查点（每行一个 JSON）/ checkpoints exported earlier, one JSON per line')
	.option('--json', 'JSON 输出 / JSON output')
	.action(async (o: { db?: string; files?: string; checkpoints?: string; json?: boolean }) => {
		const checkpoints = o.checkpoints ? readCheckpoints(o.checkpoints) : [];
		const db = await openForCli(databasePath(o.db));
		try {
			const r = await verifyAudit(db, { checkpoints });
			const progress = !o.json && process.stderr.isTTY;
			const files = await verifyFiles(db, o.files ?? filesDir(), (done, total) => {
				if (progress) process.stderr.write(`\r校验案卷文件 ${done}/${total}`);
			});
			if (progress) process.stderr.write('\n');
			if (o.json) console.log(JSON.stringify({ ...r, files }));
			else {
				if (r.ok) console.log(`审计日志完整：共 ${r.entries} 条记录。/ the audit log is intact: ${r.entries} entries.`);
				else
					console.log(
						`审计日志被篡改：第 ${r.brokenAt} 条记录 —— [${r.kind}] ${r.reason}\n/ the audit log was tampered with at entry ${r.brokenAt} (${r.kind}).`
					);
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
function readCheckpoints(file: string): Pick<ChainHead, 'seq' | 'hash'>[] {
	return readFileSync(file, 'utf8')
		.split('\n')
		.filter((l) => l.trim())
		.map((l, i) => {
			const v: unknown = JSON.parse(l);
			if (!v || typeof v !== 'object' || !('seq' in v) || !Number.isInteger(v.seq) || !('hash' in v) || typeof v.hash !== 'string')
				throw new Error(`检查点文件第 ${i + 1} 行不是检查点 / line ${i + 1} of ${file} is not a checkpoint`);
			return { seq: Number(v.seq), hash: v.hash };
		});
}

program
	.command('checkpoint')
	.description('打印审计日志的链头（序号、哈希、时间），供保存到服务器以外 / print the chain head to keep off the server')
	.option('--db <path>', '数据库文件 / database file')
	.action(async (o: { db?: string }) => {
		// The head file is outside the database, so this works while the server holds the database.
		const side = sidecarOf({ path: databasePath(o.db) });
		const head = side.readHead();
		if (head === 'unreadable' || head === 'absent') {
			console.error(`没有可用的库外链头（${side.headFile}）：请运行 verify / no outside head: run verify`);
			process.exitCode = 2;
			return;
		}
		if (!genuineHead(side.readKeyring(), head)) {
			console.error(`库外链头的签名不符（${side.headFile}）：请运行 verify / the outside head is not genuine: run verify`);
			process.exitCode = 2;
			return;
		}
		console.log(JSON.stringify({ seq: head.seq, hash: head.hash, at: head.at, key_id: head.key_id ?? null, exported: new Date().toISOString() }));
	});

program
	.command('rotate-key')
	.description('生成新的审计密钥：轮换记录以旧密钥签名，其后的记录以新密钥签名 / start signing with a new audit key')
	.option('--db <path>', '数据库文件 / database file')
	.action(async (o: { db?: string }) => {
		const db = await openForCli(databasePath(o.db));
		try {
			const r = await rotateAuditKey(db, 'cli');
			console.log(`审计密钥已轮换：${r.previous} → ${r.keyId}（第 ${r.seq} 条记录）/ audit key rotated at entry ${r.seq}`);
		} finally {
			await db.close();
		}
	});

program.parseAsync().catch((e: unknown) => {
	console.error(e instanceof Error ? e.message : String(e));
	process.exit(1);
});
