import { InvalidArgumentError } from 'commander';
import { closeOnSignals, databasePath, openForCli, type Database } from '../src/lib/server/db';

/** Parses a command-line count such as 1000000 or 1_000_000. */
export function positiveInt(v: string): number {
	const n = Number(v.replace(/_/g, ''));
	if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('应为正整数 / must be a positive whole number');
	return n;
}

/** Opens the database of `--db` (or the default) for one command, closing it cleanly afterwards or on Ctrl+C. */
export async function withCliDb<T>(dbOption: string | undefined, fn: (db: Database) => Promise<T>): Promise<T> {
	const db = await openForCli(databasePath(dbOption));
	closeOnSignals(db);
	try {
		return await fn(db);
	} finally {
		await db.close();
	}
}
