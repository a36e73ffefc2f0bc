import { createReadStream } from 'node:fs';

/**
 * Where each CSV record starts, found by one pass over the UTF-8 bytes (quotes toggle, a doubled quote stays
 * inside). Records end at a newline outside quotes, empty ones included, which is how DuckDB numbers the lines
 * of the rows it refuses; DuckDB skips the empty ones when it reads. This index turns both back into the line
 * numbers an analyst sees in the file.
 */
export interface RecordIndex {
	/** Physical line (1-based) on which record i starts. */
	starts: Int32Array;
	/** 1 where record i is empty (a blank line). */
	empty: Uint8Array;
}

export async function indexRecords(path: string, onBytes?: (n: number) => void): Promise<RecordIndex> {
	let starts = new Int32Array(1024);
	let empty = new Uint8Array(1024);
	let count = 0;
	let line = 1;
	let inQuotes = false;
	let recordStart = 1;
	let hasContent = false;
	const push = () => {
		if (count === starts.length) {
			const s = new Int32Array(starts.length * 2);
			s.set(starts);
			starts = s;
			const e = new Uint8Array(empty.length * 2);
			e.set(empty);
			empty = e;
		}
		starts[count] = recordStart;
		empty[count] = hasContent ? 0 : 1;
		count++;
	};
	for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
		const buf = chunk as Buffer;
		for (let i = 0; i < buf.length; i++) {
			const b = buf[i];
			if (b === 0x22) {
				inQuotes = !inQuotes;
				hasContent = true;
			} else if (b === 0x0a) {
				line++;
				if (!inQuotes) {
					push();
					hasContent = false;
					recordStart = line;
				}
			} else if (b !== 0x0d) {
				hasContent = true;
			}
		}
		onBytes?.(buf.length);
	}
	if (hasContent) push();
	return { starts: starts.subarray(0, count), empty: empty.subarray(0, count) };
}
