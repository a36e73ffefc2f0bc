/**
 * What DuckDB says when the disk under the database is full or not writable, in words an operator can act on.
 * DuckDB reports these as IO errors with the operating system's text; the server and every command pass them
 * through here, so a read-only folder or a full disk reads the same everywhere, in Chinese and English.
 */

export type StorageProblem = 'disk-full' | 'read-only';

export function storageProblem(e: unknown): StorageProblem | null {
	const msg = e instanceof Error ? e.message : String(e);
	if (/No space left on device|ENOSPC|disk is full|Disk quota exceeded/i.test(msg)) return 'disk-full';
	if (/Permission denied|Read-only file system|EROFS|EACCES/i.test(msg)) return 'read-only';
	return null;
}

export class StorageError extends Error {
	constructor(
		message: string,
		readonly problem: StorageProblem,
		readonly cause: unknown
	) {
		super(message);
		this.name = 'StorageError';
	}
}

/** The error itself when it is not about storage; else a StorageError saying what happened and what to do. */
export function explainStorage(e: unknown, path?: string): unknown {
	if (e instanceof StorageError) return e;
	const problem = storageProblem(e);
	if (!problem) return e;
	const where = path ? `：${path}` : '';
	const whereEn = path ? `: ${path}` : '';
	const detail = e instanceof Error ? e.message : String(e);
	const message =
		problem === 'disk-full'
			? `磁盘空间已满，无法写入数据库${where}\n本次操作未能完成（请在空间恢复后查看结果再重试），此前已保存的数据不受影响。请清理磁盘空间。\n/ the disk is full, the database cannot be written${whereEn}. This operation did not complete (check its result once there is room, then retry); data saved before is intact. Free some space.\n(${detail})`
			: `数据库文件或其所在目录不可写（只读）${where}\n请检查文件和目录的权限、所有者，以及磁盘是否以只读方式挂载；运行服务器的用户须能写入该目录（DuckDB 在其中写 .wal 日志）。\n/ the database file or its folder is read-only${whereEn}. Check the permissions and owner of the file and folder, and whether the disk is mounted read-only; the server's user must be able to write the folder (DuckDB writes its .wal there).\n(${detail})`;
	return new StorageError(message, problem, e);
}
