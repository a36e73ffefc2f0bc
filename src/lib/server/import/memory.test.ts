import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { sizeBytes, withMemoryLimit } from './memory';

describe('the import memory limit', () => {
	it('reads the sizes DuckDB prints', () => {
		expect(sizeBytes('512.0 MiB')).toBe(512 * 1024 ** 2);
		expect(sizeBytes('18.7 GiB')).toBeCloseTo(18.7 * 1024 ** 3);
		expect(sizeBytes('4GB')).toBe(4e9);
		expect(sizeBytes('unlimited')).toBeNull();
	});

	it('lowers the limit while the work runs and puts it back, but never raises it', async () => {
		const instance = await DuckDBInstance.create(':memory:', { memory_limit: '2GB' });
		const c = await instance.connect();
		const limit = async () => String((await c.runAndReadAll(`SELECT current_setting('memory_limit')`)).getRows()[0]?.[0]);
		const before = await limit();
		expect(await withMemoryLimit(c, 256 * 1024 ** 2, limit)).toBe('256.0 MiB');
		expect(await limit()).toBe(before);
		await expect(withMemoryLimit(c, 256 * 1024 ** 2, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		expect(await limit()).toBe(before);
		expect(await withMemoryLimit(c, 8 * 1024 ** 3, limit)).toBe(before);
		// Put back as printed, the limit would shrink a little at every import.
		for (let i = 0; i < 5; i++) await withMemoryLimit(c, 256 * 1024 ** 2, limit);
		expect(await limit()).toBe(before);
		c.closeSync();
		instance.closeSync();
	});
});
