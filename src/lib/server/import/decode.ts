import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import iconv from 'iconv-lite';

/** Encodings the importer reads; GB18030 is the superset of GBK and GB2312 and decodes both. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface Sniffed {
	encoding: TextEncoding;
	/** Bytes of byte-order mark to skip. */
	bom: number;
}

const SAMPLE = 256 * 1024;

/** Detects the encoding from the byte-order mark, else from whether the first bytes are valid UTF-8. */
export function sniffEncoding(head: Uint8Array): Sniffed {
	if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
	if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
	if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
	// A sample may end inside a multi-byte character: drop up to 3 trailing bytes before judging.
	for (let cut = 0; cut <= 3 && cut < head.length; cut++) {
		try {
			new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, head.length - cut));
			return { encoding: 'utf-8', bom: 0 };
		} catch {
			// try a shorter sample
		}
	}
	return { encoding: 'gb18030', bom: 0 };
}

export function sniffFile(path: string): Sniffed {
	const fd = openSync(path, 'r');
	try {
		const buf = Buffer.alloc(SAMPLE);
		const n = readSync(fd, buf, 0, SAMPLE, 0);
		return sniffEncoding(buf.subarray(0, n));
	} finally {
		closeSync(fd);
	}
}

/** The file as a stream of text, transcoded on the fly (never read whole into memory). */
export function decodedStream(path: string, sniffed: Sniffed): NodeJS.ReadableStream {
	const raw = createReadStream(path, { start: sniffed.bom });
	return raw.pipe(iconv.decodeStream(sniffed.encoding));
}
