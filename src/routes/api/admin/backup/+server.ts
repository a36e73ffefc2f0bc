import { json } from '@sveltejs/kit';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { getDatabase } from '$lib/server/db';
import { auditBackup, backupDatabase, BackupError, backupsDir, backupTarget, manifestRows } from '$lib/server/backup';
import { clientAddress } from '$lib/server/http/request-meta';
import type { RequestHandler } from './$types';

const body = z.object({ dir: z.string().min(1).max(4096).refine(isAbsolute, '须为绝对路径 / must be an absolute path') });

/**
 * Takes a backup in the server's own process (DuckDB lets only this process open the database while it runs),
 * into a new folder on the server's disk. `npm run backup` calls this when it finds the database in use.
 */
export const POST: RequestHandler = async (event) => {
	const { request, locals } = event;
	const parsed = body.safeParse(await request.json().catch(() => null));
	if (!parsed.success) return json({ error: '请求应为 {"dir": "绝对路径"} / expected {"dir": "/absolute/path"}' }, { status: 400 });
	// The API writes only into the backups folder: a backup is the whole database unmasked.
	const dir = backupTarget(parsed.data.dir);
	if (!dir) return json({ error: `备份只能写入备份目录 ${backupsDir()} 之内 / backups go inside the backups folder only` }, { status: 400 });
	const db = await getDatabase();
	try {
		const started = Date.now();
		const m = await backupDatabase(db, dir);
		const actor = locals.user?.username ?? `token:${locals.apiClient?.name ?? 'unknown'}`;
		await auditBackup(db, { actor, path: dir, manifest: m, ip: clientAddress(event) });
		return json({ dir, createdAt: m.createdAt, tables: m.tables.length, rows: manifestRows(m), files: m.files, ms: Date.now() - started });
	} catch (e) {
		if (e instanceof BackupError) return json({ error: e.message }, { status: 409 });
		// The caller is a command line or a script: it gets the reason (a full disk, a folder it cannot write), not a bare 500.
		console.error('backup failed:', e);
		return json({ error: `备份失败 / the backup failed: ${e instanceof Error ? e.message : String(e)}` }, { status: 500 });
	}
};
