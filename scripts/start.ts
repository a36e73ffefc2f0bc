/**
 * `npm start`: builds the app if the build is missing or older than the sources, creates the database with the
 * demo data when it is missing, then serves on PORT (default 3000).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { databasePath, openMigrated } from '../src/lib/server/db';
import { loadCatalog } from '../src/lib/server/catalog';
import { loadCalendar } from '../src/lib/server/calendar';
import { seedDemo } from '../src/lib/server/demo';

const root = resolve(import.meta.dirname, '..');
const buildEntry = join(root, 'build/index.js');

function newestMtime(path: string): number {
	if (!existsSync(path)) return 0;
	const s = statSync(path);
	if (!s.isDirectory()) return s.mtimeMs;
	return readdirSync(path).reduce((m, f) => Math.max(m, newestMtime(join(path, f))), s.mtimeMs);
}

function needsBuild(): boolean {
	if (!existsSync(buildEntry)) return true;
	const built = statSync(buildEntry).mtimeMs;
	const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'].map((p) => newestMtime(join(root, p)));
	return Math.max(...sources) > built;
}

async function main(): Promise<void> {
	if (needsBuild()) {
		console.log('正在构建应用… / building the app…');
		const r = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
		if (r.status !== 0) {
			console.error('构建失败，见上方错误。/ the build failed, see above.');
			process.exit(r.status ?? 1);
		}
	}

	const dbPath = databasePath();
	if (!existsSync(dbPath)) {
		console.log(`数据库不存在，正在创建并导入演示数据：${dbPath}`);
		const db = await openMigrated(dbPath);
		try {
			const r = await seedDemo(db, loadCatalog(), loadCalendar(), { dir: join(root, 'data/demo'), log: (l) => console.log(l) });
			console.log(`演示数据已就绪：${r.cases} 件案件，${r.officers} 名执法人员。`);
		} catch (e) {
			await db.close();
			// A half-made database would be mistaken for a ready one on the next start.
			const { rmSync } = await import('node:fs');
			rmSync(dbPath, { force: true });
			rmSync(`${dbPath}.wal`, { force: true });
			throw e;
		}
		await db.close();
	}

	const port = process.env.PORT ?? '3000';
	const server = spawn(process.execPath, [buildEntry], { cwd: root, stdio: 'inherit', env: { ...process.env, PORT: port, EQUITAS_DB: dbPath } });
	console.log(`\n同案同罚 Equitas 正在启动：http://localhost:${port}`);
	console.log('当前版本尚未启用登录，打开上面的地址即可使用。按 Ctrl+C 停止。');
	console.log(`Open http://localhost:${port} (no sign-in yet in this version). Ctrl+C stops it.\n`);
	for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => server.kill(sig));
	server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

main().catch((e: unknown) => {
	console.error(`\n启动失败 / start failed: ${e instanceof Error ? e.message : String(e)}`);
	process.exit(1);
});
