import { createReadStream } from 'node:fs';

/**
 * The physical line on which each CSV record starts, found by one pass over the UTF-8 bytes (quotes toggle, a
 * doubled quote stays inside). DuckDB reads the rows; this index turns its row order back into the line numbers
 * an analyst sees in the file. Blank lines are not records, as in DuckDB.
 */
export async function recordStartLines(path: string, onBytes?: (n: number) => void): Promise<Int32Array> {
	let starts = new Int32Array(1024);
	let count = 0;
	let line = 1;
	let inQuotes = false;
	let recordStart = 1;
	let recordHasContent = false;
	const push = (n: number) => {
		if (count === starts.length) {
			const bigger = new Int32Array(starts.length * 2);
			bigger.set(starts);
			starts = bigger;
		}
		starts[count++] = n;
	};
	for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
		const buf = chunk as Buffer;
		for (let i = 0; i < buf.length; i++) {
			const b = buf[i];
			if (b === 0x22) {
				inQuotes = !inQuotes;
				recordHasContent = true;
			} else if (b === 0x0a) {
				if (!inQuotes) {
					if (recordHasContent) push(recordStart);
					recordHasContent = false;
					recordStart = line + 1;
				}
				line++;
			} else if (b !== 0x0d) {
				recordHasContent = true;
			}
		}
		onBytes?.(buf.length);
	}
	if (recordHasContent) push(recordStart);
	return starts.subarray(0, count);
}
