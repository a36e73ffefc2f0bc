/**
 * `npm start`: builds the app if the build is missing or older than the sources, creates the database with the
 * demo data when it is missing, trains the discretion model when there is none (or with --retrain), then serves
 * on PORT (default 3000).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { databasePath, openMigrated } from '../src/lib/server/db';
import { loadCatalog } from '../src/lib/server/catalog';
import { loadCalendar } from '../src/lib/server/calendar';
import { DEMO_FACTS_SHARE, seedDemo } from '../src/lib/server/demo';
import { addDemoAccounts, ensureAdmin } from '../src/lib/server/auth';
import { activateModel, activeModelDir, buildSuggester, DEFAULT_MODEL_DIR, modelCard, saveModel, trainDiscretion } from '../src/lib/server/model';
import { updateFlags } from '../src/lib/server/review';
import type { Database } from '../src/lib/server/db';

const retrain = process.argv.includes('--retrain');

/** Trains the discretion model when none is there (or when asked with --retrain), before the server starts. */
async function ensureModel(db: Database): Promise<void> {
	const missing = !existsSync(join(activeModelDir(), 'model.json'));
	if (!missing && !retrain) return;
	console.log(
		missing ? '没有裁量模型，正在用数据库中的案件训练… / no discretion model: training one…' : '正在重新训练裁量模型… / retraining the discretion model…'
	);
	const { model, evaluation } = await trainDiscretion(db, loadCatalog());
	const dir = missing && activeModelDir() === DEFAULT_MODEL_DIR ? DEFAULT_MODEL_DIR : join('models', model.version);
	await saveModel(model, dir, modelCard(model.meta, evaluation));
	if (dir !== DEFAULT_MODEL_DIR) activateModel(dir);
	console.log(`裁量模型已保存：${dir}（${model.meta.training.cases} 件案件，80% 区间留出覆盖率 ${Math.round((model.meta.coverage['80'] ?? 0) * 1000) / 10}%）`);
}

const root = resolve(import.meta.dirname, '..');
const buildEntry = join(root, 'build/handler.js');
const serveEntry = join(root, 'scripts/serve.js');

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
	const fresh = !existsSync(dbPath);
	const db = await openMigrated(dbPath);
	let adminPassword: string | null;
	let demoAccounts: { username: string; password: string }[] = [];
	try {
		if (fresh) {
			console.log(`数据库不存在，正在创建并导入演示数据：${dbPath}`);
			const r = await seedDemo(db, loadCatalog(), loadCalendar(), {
				dir: join(root, 'data/demo'),
				circumstancesInFacts: DEMO_FACTS_SHARE,
				log: (l) => console.log(l)
			});
			console.log(`演示数据已就绪：${r.cases} 件案件，${r.officers} 名执法人员。`);
			demoAccounts = await addDemoAccounts(db);
		}
		adminPassword = await ensureAdmin(db);
		await ensureModel(db).catch((e: unknown) => {
			// Without enough decided fines there is nothing to learn yet: the rest of the product still works.
			console.warn(`未能训练裁量模型，裁量辅助暂不可用：${e instanceof Error ? e.message : String(e)}`);
		});
		// New demo data or a new model: the review flags are computed before the server serves, not at a reviewer's
		// first page (otherwise the server's own upkeep brings them up to date when it starts).
		if (fresh || retrain) {
			const flagged = await updateFlags(db, loadCatalog(), loadCalendar(), await buildSuggester(db, loadCatalog()).catch(() => null));
			if (flagged) console.log(`审查提示已计算：${flagged.cases} 件案件，${flagged.flags} 条。`);
		}
	} catch (e) {
		await db.close();
		if (fresh) {
			// A half-made database would be mistaken for a ready one on the next start.
			rmSync(dbPath, { force: true });
			rmSync(`${dbPath}.wal`, { force: true });
		}
		throw e;
	}
	await db.close();

	const port = process.env.PORT ?? '3000';
	const server = spawn(process.execPath, [serveEntry], { cwd: root, stdio: 'inherit', env: { ...process.env, PORT: port, EQUITAS_DB: dbPath } });
	console.log(`\n同案同罚 Equitas 正在启动：http://localhost:${port}`);
	if (adminPassword) {
		console.log(`\n管理员账户 / administrator: admin`);
		console.log(`一次性密码（只显示这一次，首次登录须修改）/ one-time password (shown only now): ${adminPassword}`);
	} else console.log('请用已有账户登录；忘记管理员密码时，停止服务器后执行 npm run -s users -- reset admin');
	if (demoAccounts.length) {
		console.log(`演示账户（密码均为 ${demoAccounts[0]?.password}）/ demo accounts: ${demoAccounts.map((a) => a.username).join('、')}`);
		console.log('  lingdao 领导 · zhifa 执法人员 · shenhe 法制审核人员 · fenxi 数据分析员');
	}
	console.log('按 Ctrl+C 停止 / Ctrl+C stops the server.\n');
	for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => server.kill(sig));
	server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

main().catch((e: unknown) => {
	console.error(`\n启动失败 / start failed: ${e instanceof Error ? e.message : String(e)}`);
	process.exit(1);
});
