/**
 * `npm run -s backup -- DIR [--db PATH] [--url URL] [--token TOKEN] [--files DIR] [--json]`: a consistent backup
 * of the database (Parquet files, a manifest, the case file's documents) into the new folder DIR.
 *
 * DuckDB lets one process open a database file. When the server is not running this opens the file itself, read
 * only. When the server holds it, the backup must be taken inside the server: this asks it over HTTP
 * (POST /api/admin/backup) with an API token of the 备份 (backup) scope, from --token or EQUITAS_TOKEN; DIR is
 * then written by the server, on its machine.
 */
import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { databasePath, openDatabase } from '../src/lib/server/db';
import { backupDatabase, manifestRows } from '../src/lib/server/backup';

interface Options {
	db?: string;
	url?: string;
	token?: string;
	files?: string;
	json?: boolean;
}

interface Summary {
	dir: string;
	via: 'file' | 'server';
	tables: number;
	rows: number;
	files: number;
	ms: number;
}

function isLockError(e: unknown): boolean {
	return /lock/i.test(e instanceof Error ? e.message : String(e));
}

async function direct(path: string, dir: string, o: Options): Promise<Summary | null> {
	const started = Date.now();
	let db;
	try {
		db = await openDatabase(path, { readOnly: true, connections: 1 });
	} catch (e) {
		if (isLockError(e)) return null;
		throw e;
	}
	try {
		const m = await backupDatabase(db, dir, { filesDir: o.files });
		return { dir, via: 'file', tables: m.tables.length, rows: manifestRows(m), files: m.files.count, ms: Date.now() - started };
	} finally {
		await db.close();
	}
}

async function viaServer(dir: string, o: Options): Promise<Summary> {
	const url = (o.url ?? process.env.EQUITAS_URL ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}`).replace(/\/$/, '');
	const token = o.token ?? process.env.EQUITAS_TOKEN;
	if (!token) {
		throw new Error(
			'数据库正被服务器使用，备份须由服务器完成：请管理员在「用户与角色」中创建权限为「备份」的 API 令牌，再以 --token 或环境变量 EQUITAS_TOKEN 提供。\n' +
				'/ the server holds the database, so the backup must be taken by it: create an API token with the backup scope (users page) and pass it with --token or EQUITAS_TOKEN.'
		);
	}
	let r: Response;
	try {
		r = await fetch(`${url}/api/admin/backup`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ dir })
		});
	} catch (e) {
		throw new Error(`无法连接服务器 ${url}（可用 --url 指定）/ cannot reach the server at ${url} (set --url): ${e instanceof Error ? e.message : String(e)}`, {
			cause: e
		});
	}
	const body = (await r.json().catch(() => ({}))) as {
		error?: string | { zh: string; en: string };
		tables?: number;
		rows?: number;
		files?: { count: number };
		ms?: number;
	};
	if (!r.ok) {
		const msg = typeof body.error === 'object' ? `${body.error.zh} / ${body.error.en}` : (body.error ?? r.statusText);
		if (r.status === 401 || r.status === 403) throw new Error(`令牌无效或无「备份」权限 / the token is invalid or lacks the backup scope: ${msg}`);
		throw new Error(msg);
	}
	return { dir, via: 'server', tables: body.tables ?? 0, rows: body.rows ?? 0, files: body.files?.count ?? 0, ms: body.ms ?? 0 };
}

const program = new Command('backup')
	.description('备份数据库到一个新目录 / back up the database into a new folder')
	.argument('<dir>', '备份目录（须不存在或为空）/ the backup folder (new or empty)')
	.option('--db <path>', '数据库文件 / database file')
	.option('--url <url>', '正在运行的服务器地址（默认 http://127.0.0.1:$PORT）/ the running server')
	.option('--token <token>', '「备份」权限的 API 令牌（或 EQUITAS_TOKEN）/ an API token of the backup scope')
	.option('--files <dir>', '案卷文件存储目录（默认 EQUITAS_FILES 或 data/files）/ the case-file store')
	.option('--json', 'JSON 输出 / JSON output')
	.showHelpAfterError()
	.action(async (dirArg: string, o: Options) => {
		const dir = resolve(dirArg);
		const path = databasePath(o.db);
		if (!existsSync(path)) throw new Error(`数据库文件不存在：${path}\n/ no database file at ${path}`);
		const s = (await direct(path, dir, o)) ?? (await viaServer(dir, o));
		if (o.json) console.log(JSON.stringify(s));
		else {
			console.log(
				`备份完成：${s.dir}（${s.tables} 张表，${s.rows} 行，${s.files} 个案卷文件，${(s.ms / 1000).toFixed(1)} 秒${s.via === 'server' ? '，由服务器完成' : ''}）`
			);
			console.log(`/ backup written: ${s.tables} tables, ${s.rows} rows, ${s.files} case-file documents${s.via === 'server' ? ', taken by the server' : ''}`);
		}
	});

program.parseAsync().catch((e: unknown) => {
	console.error(e instanceof Error ? e.message : String(e));
	process.exit(1);
});
