/**
 * `npm test`: every check, in order: type check, lint (ESLint, Prettier), unit and integration tests, build, end-to-end
 * tests in Chromium.
 * Every step runs even when an earlier one failed, so one run reports everything; the exit code is non-zero if
 * any step failed, and the last line sums the tests: "tests: N passed, N failed".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'test-results');
mkdirSync(out, { recursive: true });
const bin = (pkg: string, file: string) => join(root, 'node_modules', pkg, file);

interface VitestJson {
	numPassedTests: number;
	numFailedTests: number;
	numTotalTests: number;
	/** Files that failed as a whole (an error in a hook), whose tests are then skipped rather than failed. */
	numFailedTestSuites: number;
}

function run(label: string, args: string[]): boolean {
	console.log(`\n▶ ${label}`);
	const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } });
	return r.status === 0;
}

function vitest(label: string, config: string | null, json: string): { ok: boolean; passed: number; failed: number } {
	rmSync(json, { force: true });
	const args = [bin('vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${json}`];
	if (config) args.push('--config', config);
	const ok = run(label, args);
	if (!existsSync(json)) return { ok: false, passed: 0, failed: 1 };
	const r = JSON.parse(readFileSync(json, 'utf8')) as VitestJson;
	// A run that executed no test is a failure: it proves nothing.
	return { ok: ok && r.numTotalTests > 0, passed: r.numPassedTests, failed: (r.numFailedTests || r.numFailedTestSuites) + (r.numTotalTests === 0 ? 1 : 0) };
}

const steps: { name: string; ok: boolean }[] = [];
let passed = 0;
let failed = 0;

const sync = run('svelte-kit sync', [bin('@sveltejs/kit', 'svelte-kit.js'), 'sync']);
const check = sync && run('svelte-check', [bin('svelte-check', 'bin/svelte-check'), '--tsconfig', './tsconfig.json', '--fail-on-warnings']);
steps.push({ name: 'svelte-check', ok: check });

steps.push({ name: 'eslint', ok: run('eslint', [bin('eslint', 'bin/eslint.js'), '.']) });
steps.push({ name: 'prettier', ok: run('prettier', [bin('prettier', 'bin/prettier.cjs'), '--check', 'src', 'scripts', 'tests']) });

const unit = vitest('unit and integration tests (vitest)', null, join(out, 'unit.json'));
steps.push({ name: 'unit', ok: unit.ok });
passed += unit.passed;
failed += unit.failed;

const built = run('build', [bin('vite', 'bin/vite.js'), 'build', '--logLevel', 'warn']);
steps.push({ name: 'build', ok: built });
if (built) {
	const e2e = vitest('end-to-end tests (Chromium)', 'vitest.e2e.config.ts', join(out, 'e2e.json'));
	steps.push({ name: 'e2e', ok: e2e.ok });
	passed += e2e.passed;
	failed += e2e.failed;
} else {
	steps.push({ name: 'e2e (not run: the build failed)', ok: false });
	failed += 1;
}

console.log('\n' + steps.map((s) => `${s.ok ? '✓' : '✗'} ${s.name}`).join('\n'));
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(steps.every((s) => s.ok) ? 0 : 1);
