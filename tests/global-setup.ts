import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openMigrated } from '../src/lib/server/db';
import { copyDatabaseWithAudit } from '../src/lib/server/audit';
import { loadCatalog } from '../src/lib/server/catalog';
import { loadCalendar } from '../src/lib/server/calendar';
import { DEMO_FACTS_SHARE, seedDemo } from '../src/lib/server/demo';
import { addDemoAccounts, addUser, DEMO_PASSWORD, ensureAdmin } from '../src/lib/server/auth';
import { assertChromium } from './browser';
import { freePort } from '../scripts/free-port';

export interface Expected {
	totalCases: number;
	/** Cases filed in 2023 under 行政处罚, counted by plain SQL on the database the server will serve. */
	penalty2023: number;
	decisions2024: number;
	officers: number;
	/** A case of a natural person, whose name only officers of the case may see unmasked. */
	naturalPerson: { caseId: string; name: string };
	/** 表一 罚款 for 2023, counted with plain SQL (heaviest penalty: no 2023 decision of the demo has one heavier). */
	fines2023: number;
	/** Cases whose decision (or, without one, filing) fell in 2023: the statistics page's case count. */
	cases2023: number;
	/** A pending (待审核) proposal of a fined item, to open on the discretion page. */
	pendingCase: string;
	/** A case whose circumstances were read from its facts text, the first of them, and the phrase it came from. */
	extractedCase: { caseId: string; key: string; phrase: string };
}

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		expected: Expected;
		artifacts: string;
		/** A copy of the served database taken before the server opened it, for command-line runs beside it. */
		cliDb: string;
		/** The model the server uses. */
		modelDir: string;
		/** The demo files the database was seeded from (an upload of the roster there changes nothing). */
		demoDir: string;
		/** Demo accounts by role (password DEMO_PASSWORD) and the administrator's one-time password. */
		accounts: {
			leader: string;
			officer: string;
			reviewer: string;
			analyst: string;
			lockable: string;
			/** A second administrator, with a known password, for the walks that sign in as every role. */
			auditor: string;
			password: string;
			admin: string;
			adminPassword: string;
		};
	}
}

async function waitForHealth(url: string, server: ChildProcess, output: () => string): Promise<void> {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}:\n${output()}`);
		try {
			const r = await fetch(`${url}/health`);
			if (r.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`the server did not answer within 60 s:\n${output()}`);
}

let server: ChildProcess | undefined;
let dir: string | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	assertChromium();
	const root = resolve(import.meta.dirname, '..');
	if (!existsSync(join(root, 'build/handler.js'))) throw new Error('build/ is missing: run `npm run build` first (npm test does).');
	dir = mkdtempSync(join(tmpdir(), 'equitas-e2e-'));
	const dbPath = join(dir, 'e2e.duckdb');

	const db = await openMigrated(dbPath);
	await seedDemo(db, loadCatalog(), loadCalendar(), { dir: join(dir, 'demo'), cases: 3000, seed: 11, circumstancesInFacts: DEMO_FACTS_SHARE });
	const one = async (sql: string) => (await db.query<{ n: number }>(sql))[0]?.n ?? 0;
	const expected: Expected = {
		totalCases: await one('SELECT count(*) AS n FROM cases'),
		penalty2023: await one(`SELECT count(*) AS n FROM cases WHERE category = '行政处罚' AND filed_on BETWEEN DATE '2023-01-01' AND DATE '2023-12-31'`),
		decisions2024: await one(
			`SELECT count(*) AS n FROM cases WHERE category = '行政处罚' AND status <> '待审核' AND decided_on BETWEEN DATE '2024-01-01' AND DATE '2024-12-31'`
		),
		officers: await one('SELECT count(*) AS n FROM officers'),
		naturalPerson: (
			await db.query<{ caseId: string; name: string }>(
				`SELECT case_id AS "caseId", party_name AS name FROM cases WHERE party_type = '自然人' AND status = '已结案' ORDER BY case_id LIMIT 1`
			)
		)[0] ?? { caseId: '', name: '' },
		cases2023: await one(`SELECT count(*) AS n FROM cases WHERE year(coalesce(decided_on, filed_on)) = 2023`),
		fines2023: await one(
			`SELECT count(*) AS n FROM cases WHERE category = '行政处罚' AND decided_on BETWEEN DATE '2023-01-01' AND DATE '2023-12-31' AND status <> '待审核' AND list_contains(penalty_types, '罚款')`
		),
		pendingCase: '',
		extractedCase: { caseId: '', key: '', phrase: '' }
	};
	// A company's case (nothing in its phrases is masked) whose months overdue were read from the facts text.
	const [extracted] = await db.query<{ caseId: string; phrase: string }>(
		`SELECT case_id AS "caseId", json_extract_string(extracted, '$.months_overdue') AS phrase FROM cases
		 WHERE json_extract_string(extracted, '$.months_overdue') IS NOT NULL AND party_type <> '自然人' ORDER BY case_id LIMIT 1`
	);
	expected.extractedCase = { caseId: extracted?.caseId ?? '', key: 'months_overdue', phrase: extracted?.phrase ?? '' };
	await addDemoAccounts(db);
	// A pending case of the demo officer's branch, with zhifa named on it: only a case's officers may save a proposal.
	const [pending] = await db.query<{ id: string }>(
		`SELECT c.case_id AS id FROM cases c, users u, officers o
		 WHERE u.username = 'zhifa' AND o.cert_no = u.cert_no AND c.department = u.department AND c.filed_on >= o.valid_from
		   AND c.status = '待审核' AND c.item_code = 'HPF-37-1' AND NOT coalesce(c.rectified, false) AND c.circumstance_tier IN ('从轻', '一般', '从重')
		 ORDER BY c.case_id LIMIT 1`
	);
	expected.pendingCase = pending?.id ?? '';
	await db.run(`UPDATE cases SET officer_ids = list_append(officer_ids, (SELECT cert_no FROM users WHERE username = 'zhifa')) WHERE case_id = ?`, [
		expected.pendingCase
	]);
	// An account only the lock-out test uses: locking a demo account would lock out the tests that sign in with it.
	await addUser(db, { username: 'suoding', displayName: '锁定测试', roles: ['reviewer'], password: DEMO_PASSWORD });
	const adminPassword = await ensureAdmin(db);
	if (!adminPassword) throw new Error('expected a fresh database without an administrator');
	// The administrator of the masking walk: the first one's password is changed by the sign-in test, in whatever order files run.
	await addUser(db, { username: 'guanli', displayName: '管理（测试）', roles: ['admin'], password: DEMO_PASSWORD });
	await db.close();
	// The server holds the database file; command-line checks run on a copy of the same data.
	const cliDb = join(dir, 'cli.duckdb');
	copyDatabaseWithAudit(dbPath, cliDb);
	const modelDir = join(root, 'models/default');

	const port = await freePort();
	let log = '';
	server = spawn(process.execPath, [join(root, 'scripts/serve.js')], {
		cwd: root,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', EQUITAS_DB: dbPath, EQUITAS_MODEL: modelDir, EQUITAS_FILES: join(dir, 'files') },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	server.stdout?.on('data', (d: Buffer) => (log += d.toString()));
	server.stderr?.on('data', (d: Buffer) => (log += d.toString()));
	const baseUrl = `http://127.0.0.1:${port}`;
	await waitForHealth(baseUrl, server, () => log);

	const artifacts = join(root, 'test-results');
	mkdirSync(artifacts, { recursive: true });
	project.provide('baseUrl', baseUrl);
	project.provide('expected', expected);
	project.provide('artifacts', artifacts);
	project.provide('cliDb', cliDb);
	project.provide('modelDir', modelDir);
	project.provide('demoDir', join(dir, 'demo'));
	project.provide('accounts', {
		leader: 'lingdao',
		officer: 'zhifa',
		reviewer: 'shenhe',
		analyst: 'fenxi',
		lockable: 'suoding',
		auditor: 'guanli',
		password: DEMO_PASSWORD,
		admin: 'admin',
		adminPassword
	});

	return async () => {
		writeFileSync(join(artifacts, 'server.log'), log);
		if (server && server.exitCode === null) {
			const exited = new Promise((r) => server?.once('exit', r));
			server.kill('SIGTERM');
			await exited;
		}
		if (dir) rmSync(dir, { recursive: true, force: true });
	};
}
