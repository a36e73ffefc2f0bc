import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'equitas-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the built server with extra environment until it exits or `untilOutput` appears; returns its output. */
function runServer(env: Record<string, string>, untilOutput?: RegExp): Promise<{ code: number | null; output: string; stop: () => Promise<number | null> }> {
	return new Promise((res) => {
		const p = spawn(process.execPath, [join(root, 'scripts/serve.js')], {
			cwd: root,
			env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		const stop = () =>
			new Promise<number | null>((r) => {
				if (p.exitCode !== null) return r(p.exitCode);
				p.once('exit', (code) => r(code));
				p.kill('SIGTERM');
			});
		const onData = (d: Buffer) => {
			output += d.toString();
			if (untilOutput?.test(output)) res({ code: null, output, stop });
		};
		p.stdout.on('data', onData);
		p.stderr.on('data', onData);
		p.on('exit', (code) => res({ code, output, stop }));
	});
}

describe('start-up and shut-down of the built server', () => {
	it('refuses to start with a broken catalog and names the file, the entry and the problem', async () => {
		const catalog = JSON.parse(readFileSync(join(root, 'data/catalog/hpf.json'), 'utf8')) as {
			items: { code: string; fine: { min: number; max: number } | null }[];
		};
		catalog.items[0]!.fine = { min: 60_000, max: 50_000 };
		const file = join(dir, 'broken-catalog.json');
		writeFileSync(file, JSON.stringify(catalog));
		const r = await runServer({ EQUITAS_CATALOG: file, EQUITAS_DB: join(dir, 'never.duckdb') });
		expect(r.code).not.toBe(0);
		expect(r.output).toContain('broken-catalog.json');
		expect(r.output).toContain('事项 HPF-37-1');
		expect(r.output).toContain('法定罚款下限大于上限');
	});

	it('loads the discretion model at start, before the first officer asks for a suggestion', async () => {
		const r = await runServer({ EQUITAS_DB: join(dir, 'warm.duckdb'), EQUITAS_MODEL: join(root, 'models/default') }, /discretion model/);
		expect(r.output).toMatch(/裁量模型已载入（\d+ 件以往案件，\d+ ms）/);
		expect(await r.stop()).toBe(0);
	});

	it('checkpoints and closes the database cleanly on SIGTERM', async () => {
		const db = join(dir, 'clean.duckdb');
		const r = await runServer({ EQUITAS_DB: db }, /Listening on/);
		expect(r.code).toBeNull();
		expect(existsSync(db)).toBe(true);
		expect(await r.stop()).toBe(0);
		// After a checkpoint the write-ahead log is folded into the file and removed.
		expect(existsSync(`${db}.wal`)).toBe(false);
	});
});
