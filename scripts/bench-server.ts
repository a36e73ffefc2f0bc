/** What the benchmark processes share: their own peak memory, and the built server started on a database. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';

const root = resolve(import.meta.dirname, '..');

/** This process's peak resident set (VmHWM), in MB. */
export function peakRssMb(): number {
	const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
	return m ? Math.round(Number(m[1]) / 1024) : Math.round(process.memoryUsage().rss / 1024 ** 2);
}

/** The built server (scripts/serve.js) on a free local port, once it answers /health; `stop` ends it. */
export async function startBuiltServer(env: Record<string, string>): Promise<{ base: string; stop: () => Promise<void> }> {
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const server = spawn(process.execPath, [join(root, 'scripts/serve.js')], {
		cwd: root,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (let i = 0; i < 240; i++) {
		try {
			if ((await fetch(`${base}/health`)).ok) break;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	return {
		base,
		stop: async () => {
			const exited = new Promise((r) => server.once('exit', r));
			server.kill('SIGTERM');
			await exited;
		}
	};
}
