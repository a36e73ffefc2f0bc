import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigrated } from '../db';
import { appendAudit } from '../audit';
import { backupDatabase } from './backup';
import { backupTarget } from './catalog';

const dir = mkdtempSync(join(tmpdir(), 'equitas-backup-target-'));
const backups = join(dir, 'backups');

beforeAll(() => {
	process.env.EQUITAS_BACKUPS = backups;
});
afterAll(() => {
	delete process.env.EQUITAS_BACKUPS;
	rmSync(dir, { recursive: true, force: true });
});

describe('where the backup API may write', () => {
	it('only inside the backups folder, by name or absolute path, never out of it by .. or a link', () => {
		expect(backupTarget('b1')).toBe(join(backups, 'b1'));
		expect(backupTarget(join(backups, 'nightly', 'b2'))).toBe(join(backups, 'nightly', 'b2'));
		expect(statSync(backups).mode & 0o777).toBe(0o700);
		for (const outside of ['/etc/equitas', join(dir, 'elsewhere'), join(backups, '..', 'x'), '../x', backups, '/']) expect(backupTarget(outside)).toBeNull();
		mkdirSync(join(dir, 'elsewhere'));
		symlinkSync(join(dir, 'elsewhere'), join(backups, 'link'));
		expect(backupTarget(join(backups, 'link', 'b3'))).toBeNull();
		expect(backupTarget(join(backups, 'link'))).toBeNull();
	});

	it('writes backup folders 0700 and files 0600: a backup is every table unmasked', async () => {
		const db = await openMigrated(join(dir, 'src.duckdb'));
		try {
			await appendAudit(db, { actor: 'admin', action: 'export' });
			const target = join(backups, 'modes');
			await backupDatabase(db, target, { filesDir: join(dir, 'files') });
			const walk = (d: string): { path: string; mode: number; dir: boolean }[] =>
				readdirSync(d, { withFileTypes: true }).flatMap((e) => {
					const p = join(d, e.name);
					const here = { path: p, mode: statSync(p).mode & 0o777, dir: e.isDirectory() };
					return e.isDirectory() ? [here, ...walk(p)] : [here];
				});
			expect(statSync(target).mode & 0o777).toBe(0o700);
			const all = walk(target);
			expect(all.some((f) => f.path.endsWith('audit-key.json'))).toBe(true);
			for (const f of all) expect([f.path, f.mode]).toEqual([f.path, f.dir ? 0o700 : 0o600]);
		} finally {
			await db.close();
		}
	});
});
