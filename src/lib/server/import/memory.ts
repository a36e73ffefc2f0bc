import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * DuckDB's memory while it reads and types a file. By default DuckDB may take 80% of the machine, and reading a
 * million rows into the scratch table held about 750 MB of buffers it did not need; with this limit it flushes
 * them as it goes, at no measurable cost, and the import stays under 1 GB whatever the size of the file.
 */
export const READ_MEMORY_BYTES = 448 * 1024 ** 2;

const UNITS: Record<string, number> = { bytes: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4 };

/** DuckDB's way of printing a size ("18.7 GiB") in bytes, or null when it is not one. */
export function sizeBytes(setting: string): number | null {
	const m = /^([\d.]+)\s*([A-Za-z]+)$/.exec(setting.trim());
	const unit = m ? UNITS[m[2] ?? ''] : undefined;
	return m && unit ? Number(m[1]) * unit : null;
}

/**
 * DuckDB prints a limit cut to one decimal ("18.7 GiB" for 18.79): setting it back as printed would lower it a
 * little at every import. Half a step up lands within a twentieth of the unit of where it was, and prints the same.
 */
function restorable(setting: string): string {
	const m = /^([\d.]+)\s*([A-Za-z]+)$/.exec(setting.trim());
	return m ? `${(Number(m[1]) + 0.05).toFixed(2)} ${m[2]}` : setting;
}

/**
 * Runs fn with DuckDB's memory limit lowered to `bytes` (never raised), then puts the limit back. The limit is
 * the instance's, not the connection's: imports run one after another, so only one lowers it at a time.
 */
export async function withMemoryLimit<T>(c: DuckDBConnection, bytes: number, fn: () => Promise<T>): Promise<T> {
	const reader = await c.runAndReadAll(`SELECT current_setting('memory_limit')`);
	const before = String(reader.getRows()[0]?.[0] ?? '');
	const current = sizeBytes(before);
	if (current === null || current <= bytes) return fn();
	await c.run(`SET memory_limit = '${Math.floor(bytes / 1024 ** 2)}MiB'`);
	try {
		return await fn();
	} finally {
		await c.run(`SET memory_limit = '${restorable(before)}'`);
	}
}
