/**
 * Failure tests of the built server: killed (SIGKILL) during an import and during legal reviews being saved, a
 * read-only database folder, a full disk, and a backup taken while it runs. Each test starts its own server on
 * its own small database, so that killing it harms nothing else.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigrated } from '../src/lib/server/db';
import { loadCatalog } from '../src/lib/server/catalog';
import { loadCalendar } from '../src/lib/server/calendar';
import { seedDemo, writeDemoFiles } from '../src/lib/server/demo';
import { addDemoAccounts, createSession, createToken, SESSION_COOKIE } from '../src/lib/server/auth';
import { computeFlags } from '../src/lib/server/review';
import { copyDatabaseWithAudit, verifyAudit } from '../src/lib/server/audit';
import { readManifest, restoreDatabase } from '../src/lib/server/backup';
import { REVIEW_POINTS } from '../src/lib/domain/review-points';
import { freePort } from '../scripts/free-port';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'equitas-failure-'));
const catalog = loadCatalog();
const cal = loadCalendar();
/** A prepared database with sessions: each test copies it, so seeding happens once. */
const seeded = join(work, 'seeded.duckdb');
let analystCookie = '';
let reviewerCookie = '';
let backupToken = '';

interface Running {
	url: string;
	child: ChildProcess;
	log: () => string;
	exited: Promise<number | null>;
}

/** Root can write a read-only file anyway: the read-only tests run the server as `nobody` then. */
const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

async function startServer(db: string, options: { user?: { uid?: number; gid?: number }; waitHealthy?: boolean } = {}): Promise<Running> {
	const port = await freePort();
	let log = '';
	const child = spawn(process.execPath, [join(root, 'scripts/serve.js')], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			EQUITAS_DB: db,
			EQUITAS_MODEL: join(root, 'models/default'),
			EQUITAS_UPLOADS: join(work, 'uploads'),
			EQUITAS_FILES: join(work, 'files'),
			// No push to a publicity platform from these servers.
			EQUITAS_PUSH_EVERY_MS: '3600000'
		},
		stdio: ['ignore', 'pipe', 'pipe'],
		...options.user
	});
	child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
	child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
	const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
	const url = `http://127.0.0.1:${port}`;
	if (options.waitHealthy !== false) {
		const deadline = Date.now() + 30_000;
		for (;;) {
			if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${log}`);
			if (Date.now() > deadline) throw new Error(`the server did not answer within 30 s:\n${log}`);
			const ok = await fetch(`${url}/health`).then(
				(r) => r.ok,
				() => false
			);
			if (ok) break;
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	return { url, child, log: () => log, exited };
}

async function kill(s: Running): Promise<void> {
	if (s.child.exitCode === null) {
		s.child.kill('SIGKILL');
		await s.exited;
	}
}

async function stop(s: Running): Promise<void> {
	if (s.child.exitCode === null) {
		s.child.kill('SIGTERM');
		await s.exited;
	}
}

function copyDb(name: string): string {
	const path = join(work, name);
	copyDatabaseWithAudit(seeded, path);
	return path;
}

/** A review saved through the page's form action, as the browser's enhanced form posts it. */
function postReview(
	s: Running,
	caseId: string,
	flag: number,
	marker: string
): Promise<{ status: number; body: { type: string; error?: { message: string } } }> {
	const form = new URLSearchParams();
	REVIEW_POINTS.forEach((_, i) => form.set(`point-${i}`, 'yes'));
	form.set('result', '退回补充');
	form.set('opinion', `补充调查后再报 ${marker}`);
	form.append('flag', String(flag));
	form.set(`resolution-${flag}`, 'accepted');
	form.set(`reason-${flag}`, `已核实 ${marker}`);
	return fetch(`${s.url}/review/${encodeURIComponent(caseId)}`, {
		method: 'POST',
		headers: {
			origin: s.url,
			cookie: `${SESSION_COOKIE}=${reviewerCookie}`,
			accept: 'application/json',
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		body: form
	}).then(async (r) => ({ status: r.status, body: (await r.json()) as { type: string; error?: { message: string } } }));
}

beforeAll(async () => {
	const db = await openMigrated(seeded);
	await seedDemo(db, catalog, cal, { dir: join(work, 'demo'), cases: 400, seed: 13 });
	await addDemoAccounts(db);
	await computeFlags(db, catalog, cal, null, { threshold: 0.002 });
	const id = async (u: string) => (await db.query<{ id: number }>('SELECT id FROM users WHERE username = ?', [u]))[0]!.id;
	analystCookie = await createSession(db, await id('fenxi'));
	reviewerCookie = await createSession(db, await id('shenhe'));
	backupToken = (await createToken(db, '定时备份', ['backup'], 'admin')).token;
	await db.close();
	// The server runs as `nobody` in the read-only tests: it must be able to enter the folders.
	chmodSync(work, 0o755);
	mkdirSync(join(work, 'uploads'), { recursive: true, mode: 0o777 });
}, 120_000);

afterAll(() => {
	rmSync(work, { recursive: true, force: true });
});

describe('killing the server', () => {
	it('during an import keeps the batches it confirmed and leaves no part of the one it was writing', async () => {
		const db = copyDb('kill-import.duckdb');
		const big = await writeDemoFiles(catalog, cal, { dir: join(work, 'big'), cases: 60_000, seed: 5, layout: 'messy' });
		const s = await startServer(db);
		const auth = { origin: s.url, cookie: `${SESSION_COOKIE}=${analystCookie}` };
		const start = async (file: string, name = basename(file)) => {
			const up = await fetch(`${s.url}/api/import/upload`, {
				method: 'POST',
				headers: { ...auth, 'x-file-name': encodeURIComponent(name), 'content-type': 'application/octet-stream' },
				body: readFileSync(file)
			});
			expect(up.status, await up.clone().text()).toBe(200);
			const { upload } = (await up.json()) as { upload: { id: string } };
			const job = await fetch(`${s.url}/api/import/jobs`, {
				method: 'POST',
				headers: { ...auth, 'content-type': 'application/json' },
				body: JSON.stringify({ upload: upload.id, kind: 'cases' })
			});
			expect(job.status).toBe(202);
			return ((await job.json()) as { job: string }).job;
		};
		const poll = async (job: string) =>
			(await (await fetch(`${s.url}/api/import/jobs/${job}`, { headers: auth })).json()) as {
				state: string;
				progress: { stage: string } | null;
				result: { batch: number; imported: number; updated: number } | null;
			};

		try {
			// A small import the user sees finish: it must survive the kill.
			const confirmedJob = await start(join(root, 'data/samples/cases-current-utf8.csv'));
			let confirmed = await poll(confirmedJob);
			while (confirmed.state !== 'done' && confirmed.state !== 'failed') confirmed = (await new Promise((r) => setTimeout(r, 50)), await poll(confirmedJob));
			expect(confirmed.state).toBe('done');

			const bigJob = await start(big.legacy, 'killed-midway.csv');
			let seen = await poll(bigJob);
			// Kill it inside its transaction: the batch row is written, the cases are being written.
			while (seen.state !== 'done' && seen.progress?.stage !== 'write') seen = await poll(bigJob);
			expect(seen.state, 'the import finished before it could be killed').toBe('running');
			await kill(s);
		} finally {
			await kill(s);
		}

		const after = await openMigrated(db);
		try {
			const batches = await after.query<{ id: number; finished: boolean; imported: number; updated: number; file_name: string }>(
				`SELECT id, finished_at IS NOT NULL AS finished, imported, updated, file_name FROM batches ORDER BY id`
			);
			expect(batches.some((b) => b.file_name === 'cases-current-utf8.csv' && b.finished)).toBe(true);
			// No partial batch: every batch is finished and holds no more cases than it says it wrote (a later batch
			// may have updated some); the killed one is not there, since it never committed.
			for (const b of batches) {
				expect(b.finished, `batch ${b.id}`).toBe(true);
				const [n] = await after.query<{ n: number }>('SELECT count(*) AS n FROM cases WHERE batch_id = ?', [b.id]);
				expect(n!.n, `cases of batch ${b.id}`).toBeLessThanOrEqual(b.imported + b.updated);
			}
			expect(batches.map((b) => b.file_name)).not.toContain('killed-midway.csv');
			const [orphans] = await after.query<{ n: number }>('SELECT count(*) AS n FROM cases WHERE batch_id NOT IN (SELECT id FROM batches)');
			expect(orphans!.n).toBe(0);
			expect((await verifyAudit(after)).ok).toBe(true);
		} finally {
			await after.close();
		}
	}, 120_000);

	it('while legal reviews are being saved keeps every review it confirmed, each whole with its flag resolution', async () => {
		const db = copyDb('kill-review.duckdb');
		const pre = await openMigrated(db);
		const targets = await pre.query<{ case_id: string; flag: number }>(
			`SELECT case_id, min(id) AS flag FROM flags WHERE status = 'open' GROUP BY agency, case_id ORDER BY case_id LIMIT 60`
		);
		await pre.close();
		expect(targets.length).toBeGreaterThan(20);

		const s = await startServer(db);
		const confirmed: string[] = [];
		const inFlight: Promise<void>[] = [];
		try {
			// Reviewers save one after another; then several at once, and the server is killed while they are in flight.
			for (const [i, t] of targets.slice(0, 10).entries()) {
				const r = await postReview(s, t.case_id, t.flag, `m${i}`);
				expect(r.body.type, JSON.stringify(r.body)).toBe('success');
				confirmed.push(`m${i}`);
			}
			for (const [j, t] of targets.slice(10).entries()) {
				const marker = `m${10 + j}`;
				inFlight.push(
					postReview(s, t.case_id, t.flag, marker).then(
						(r) => void (r.body.type === 'success' && confirmed.push(marker)),
						() => undefined
					)
				);
				if (j === 15) await new Promise((r) => setTimeout(r, 15));
				if (j === 20) break;
			}
			await new Promise((r) => setTimeout(r, 10));
			await kill(s);
			await Promise.all(inFlight);
		} finally {
			await kill(s);
		}

		const after = await openMigrated(db);
		try {
			const reviews = await after.query<{ opinion: string; checklist: string }>(`SELECT opinion, checklist FROM reviews`);
			const stored = new Set(reviews.map((r) => /m\d+$/.exec(r.opinion)?.[0]));
			for (const m of confirmed) expect(stored.has(m), `confirmed review ${m}`).toBe(true);
			for (const r of reviews) expect((JSON.parse(r.checklist) as unknown[]).length).toBe(REVIEW_POINTS.length);
			// One transaction: a review is there exactly when its flag resolution is.
			const resolved = await after.query<{ resolution: string }>(`SELECT resolution FROM flags WHERE status <> 'open' AND resolved_by = 'shenhe'`);
			expect(new Set(resolved.map((f) => /m\d+$/.exec(f.resolution)?.[0]))).toEqual(stored);
			// A confirmed review was audited before the answer went out; the chain is whole after the kill.
			const audit = await after.query<{ detail: string }>(`SELECT detail FROM audit_log WHERE action = 'review-result'`);
			expect(audit.length).toBeGreaterThanOrEqual(confirmed.length);
			expect((await verifyAudit(after)).ok).toBe(true);
		} finally {
			await after.close();
		}
	}, 90_000);
});

describe('storage that cannot be written', () => {
	it('a read-only database folder stops the server once, with a message in Chinese and English', async () => {
		const dir = join(work, 'readonly');
		mkdirSync(dir);
		const db = join(dir, 'ro.duckdb');
		copyDatabaseWithAudit(seeded, db);
		chmodSync(db, 0o444);
		chmodSync(dir, 0o555);
		const started = Date.now();
		const s = await startServer(db, { user: asNobody, waitHealthy: false });
		const code = await s.exited;
		expect(code).toBe(1);
		expect(Date.now() - started).toBeLessThan(20_000);
		expect(s.log()).toMatch(/数据库文件或其所在目录不可写（只读）/);
		expect(s.log()).toMatch(/the database file or its folder is read-only/);

		// The command-line tools say the same and exit 1.
		const cli = spawnSync(
			process.execPath,
			['--import', 'tsx', join(root, 'scripts/import.ts'), join(root, 'data/samples/cases-current-utf8.csv'), '--db', db],
			{
				cwd: root,
				encoding: 'utf8',
				...asNobody
			}
		);
		expect(cli.status).toBe(1);
		expect(cli.stderr).toMatch(/不可写（只读）/);
		chmodSync(dir, 0o755);
	}, 60_000);

	it('a full disk fails the write with a clear message, keeps serving, and saves again once there is room', async (ctx) => {
		const mnt = join(work, 'tmpfs');
		mkdirSync(mnt);
		// Room for the server's own upkeep at start (flags, the day's patterns) and for the checkpoint of its log on reopening.
		const size = statSync(seeded).size + 32 * 1024 * 1024;
		const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mnt]);
		if (mounted.status !== 0) {
			// A full disk is simulated with a small tmpfs, which needs the right to mount.
			console.warn(`disk-full test not run: cannot mount a tmpfs (${String(mounted.stderr).trim()})`);
			ctx.skip();
		}
		let s: Running | null = null;
		try {
			const db = join(mnt, 'full.duckdb');
			copyDatabaseWithAudit(seeded, db);
			const pre = await openMigrated(db);
			const targets = await pre.query<{ case_id: string; flag: number }>(
				`SELECT case_id, min(id) AS flag FROM flags WHERE status = 'open' GROUP BY agency, case_id ORDER BY case_id LIMIT 12`
			);
			await pre.close();
			s = await startServer(db);
			expect((await postReview(s, targets[0]!.case_id, targets[0]!.flag, 'f0')).body.type).toBe('success');

			const filler = join(mnt, 'filler');
			spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=64k'], { stdio: 'ignore' });
			// The database's files may still hold a little free space of their own: reviews go on until one is refused.
			const confirmed = ['f0'];
			let failed: Awaited<ReturnType<typeof postReview>> | null = null;
			for (let i = 1; i < targets.length - 1 && !failed; i++) {
				const r = await postReview(s, targets[i]!.case_id, targets[i]!.flag, `f${i}`);
				if (r.body.type === 'success') confirmed.push(`f${i}`);
				else failed = r;
			}
			expect(failed?.status).toBe(500);
			expect(failed?.body.error?.message).toMatch(/磁盘空间已满/);
			expect(failed?.body.error?.message).toMatch(/the disk is full/);
			expect((await fetch(`${s.url}/health`)).ok).toBe(true);

			rmSync(filler);
			const last = targets.length - 1;
			expect((await postReview(s, targets[last]!.case_id, targets[last]!.flag, `f${last}`)).body.type).toBe('success');
			confirmed.push(`f${last}`);
			await stop(s);
			s = null;

			const back = await openMigrated(db);
			const saved = (await back.query<{ opinion: string }>('SELECT opinion FROM reviews ORDER BY id')).map((r) => /f\d+$/.exec(r.opinion)?.[0]);
			const audited = await back.query<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE action = 'review-result'`);
			const chain = await verifyAudit(back);
			await back.close();
			// A review and its audit entry are one transaction: every review confirmed to the user is there, the refused
			// one is not, and each saved review has its entry in an unbroken chain.
			expect(saved).toEqual(confirmed);
			expect(audited[0]!.n).toBe(saved.length);
			expect(chain.ok).toBe(true);

			// Started on a full disk, the server stops with the message instead of serving errors.
			spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=64k'], { stdio: 'ignore' });
			const again = await startServer(db, { waitHealthy: false });
			expect(await again.exited).toBe(1);
			expect(again.log()).toMatch(/磁盘空间已满/);
		} finally {
			if (s) await kill(s);
			spawnSync('umount', [mnt]);
		}
	}, 60_000);
});

describe('backup while the server runs', () => {
	it('npm run backup asks the server, which holds the database, and the backup restores', async () => {
		const db = copyDb('online.duckdb');
		const s = await startServer(db);
		// The server writes backups only inside its backups folder, beside the database by default.
		const out = join(work, 'backups', 'online-backup');
		try {
			const cli = (args: string[], env: Record<string, string> = {}) =>
				spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/backup.ts'), ...args], {
					cwd: root,
					encoding: 'utf8',
					env: { ...process.env, ...env }
				});
			const noToken = cli([out, '--db', db, '--url', s.url]);
			expect(noToken.status).toBe(1);
			expect(noToken.stderr).toMatch(/备份须由服务器完成.*\n.*EQUITAS_TOKEN/s);
			const r = cli([out, '--db', db, '--url', s.url, '--json'], { EQUITAS_TOKEN: backupToken });
			expect(r.status, r.stderr).toBe(0);
			expect(JSON.parse(r.stdout)).toMatchObject({ via: 'server' });
			expect(existsSync(join(out, 'manifest.json'))).toBe(true);
		} finally {
			await stop(s);
		}
		const live = await openMigrated(db);
		const [audited] = await live.query<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE action = 'export' AND target_type = 'backup'`);
		await live.close();
		expect(audited!.n).toBe(1);
		const restored = join(work, 'online-restored.duckdb');
		const result = await restoreDatabase(out, restored, { filesDir: join(work, 'files-restored') });
		expect(result.rows).toBe(readManifest(out).tables.reduce((n, t) => n + t.rows, 0));
		const back = await openMigrated(restored);
		try {
			expect((await verifyAudit(back)).ok).toBe(true);
		} finally {
			await back.close();
		}
	}, 60_000);
});
