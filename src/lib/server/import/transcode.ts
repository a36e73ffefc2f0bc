import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pipeline } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';
import iconv from 'iconv-lite';
import type { Sniffed } from './decode';
import { RecordIndexer, type RecordIndex } from './records';

/** What one pass over a file finds besides the text. */
export interface Transcoded {
	records: RecordIndex;
	sha256: string;
}

/** One pass over a file: its SHA-256 and, when it is the UTF-8 text itself, its record index. */
/** Bytes read, and the records the pass has ended so far (0 where it indexes none). */
export type OnBytes = (n: number, records: number) => void;

export async function scanFile(path: string, indexer: RecordIndexer | null, onBytes?: OnBytes): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
		const buf = chunk as Buffer;
		hash.update(buf);
		indexer?.write(buf);
		onBytes?.(buf.length, indexer?.recordsSoFar ?? 0);
	}
	return hash.digest('hex');
}

/**
 * Transcodes to UTF-8 in one pass that also hashes the original bytes and indexes the records of the output. The
 * iconv-lite decoder and encoder are the ones its streams use, called in the same way, so the bytes are the same
 * as through the streams; without the streams' machinery in between the pass costs less.
 */
async function transcodeInOnePass(path: string, sniffed: Sniffed, csvPath: string, onBytes?: OnBytes): Promise<Transcoded> {
	const hash = createHash('sha256');
	const indexer = new RecordIndexer();
	const decoder = sniffed.encoding === 'gb18030' ? gb18030Decoder() : iconv.getDecoder(sniffed.encoding);
	const encoder = iconv.getEncoder('utf-8');
	const fd = openSync(csvPath, 'w');
	const emit = (text: string | undefined) => {
		// The encoder holds back half a surrogate pair: it must see only the non-empty pieces the streams would pass.
		if (!text) return;
		const bytes = encoder.write(text);
		if (bytes.length) {
			indexer.write(bytes);
			writeSync(fd, bytes);
		}
	};
	try {
		let skip = sniffed.bom;
		for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
			const buf = chunk as Buffer;
			hash.update(buf);
			const body = skip ? buf.subarray(Math.min(skip, buf.length)) : buf;
			skip -= buf.length - body.length;
			if (body.length) emit(decoder.write(body));
			onBytes?.(buf.length, indexer.recordsSoFar);
		}
		emit(decoder.end());
		const tail = encoder.end();
		if (tail?.length) {
			indexer.write(tail);
			writeSync(fd, tail);
		}
	} finally {
		closeSync(fd);
	}
	return { records: indexer.finish(), sha256: hash.digest('hex') };
}

/** A streaming decoder: text for each chunk of bytes, and what it held back at the end. */
interface StreamDecoder {
	write(bytes: Buffer): string;
	end(): string | undefined;
}

/**
 * GB18030 through ICU (Node's TextDecoder), which decodes about twice as fast as iconv-lite (357 MB: 1.2 s
 * against 2.5 s of one core) and gives the same text for the same bytes; iconv-lite where Node was built without
 * ICU's legacy encodings. Neither drops a GB18030 byte-order mark (iconv-lite's stripBOM is for the UTF
 * encodings only). Both decode a newline byte as a newline whatever came before it, which the parallel decoding needs.
 */
function gb18030Decoder(): StreamDecoder {
	let td: TextDecoder;
	try {
		td = new TextDecoder('gb18030');
	} catch {
		return iconv.getDecoder('gb18030');
	}
	return { write: (bytes) => td.decode(bytes, { stream: true }), end: () => td.decode() };
}

/**
 * A worker decodes one byte range of a GB18030 file into a UTF-8 file of its own. Evaluated from source, so that
 * it needs no file of its own next to the bundled server; iconv-lite is loaded from where the caller found it.
 * Its decoder is gb18030Decoder's, written out again here because the worker cannot import this module.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const iconv = require(workerData.iconv);
const { path, start, end, out, encoding } = workerData;
function gb18030Decoder() {
	try {
		const td = new TextDecoder('gb18030');
		return { write: (bytes) => td.decode(bytes, { stream: true }), end: () => td.decode() };
	} catch {
		return iconv.getDecoder(encoding);
	}
}
const decoder = gb18030Decoder();
const encoder = iconv.getEncoder('utf-8');
const input = fs.openSync(path, 'r');
const output = fs.openSync(out, 'w');
const buf = Buffer.allocUnsafe(1 << 20);
const emit = (text) => {
	if (!text) return;
	const bytes = encoder.write(text);
	if (bytes.length) fs.writeSync(output, bytes);
};
for (let pos = start; pos < end; ) {
	const n = fs.readSync(input, buf, 0, Math.min(buf.length, end - pos), pos);
	if (n <= 0) break;
	emit(decoder.write(buf.subarray(0, n)));
	pos += n;
	parentPort.postMessage(n);
}
emit(decoder.end());
const tail = encoder.end();
if (tail && tail.length) fs.writeSync(output, tail);
fs.closeSync(output);
fs.closeSync(input);
`;

/** Below this, starting workers costs more than it saves. */
const PARALLEL_FROM_BYTES = 32 << 20;

/** The first position after a newline at or after `from` (the file's size when there is none). */
function nextLineStart(fd: number, from: number, size: number): number {
	const window = Buffer.allocUnsafe(1 << 16);
	for (let pos = from; pos < size; pos += window.length) {
		const n = readSync(fd, window, 0, Math.min(window.length, size - pos), pos);
		const i = window.subarray(0, n).indexOf(0x0a);
		if (i >= 0) return pos + i + 1;
		if (n <= 0) break;
	}
	return size;
}

/**
 * GB18030 decoded by several workers at once, each from a newline to a newline. A newline byte is never part of
 * a GB18030 character, valid or not: iconv-lite decodes it as a newline whatever came before and starts afresh
 * after it, so the pieces join into exactly the text one decoder would give. For the same reason a quote, a
 * newline or a carriage return in the original bytes is one in the text, so the record index is built from the
 * original bytes, in the same pass that hashes them, while the workers decode.
 */
async function transcodeInParallel(path: string, size: number, csvPath: string, workers: number, onBytes?: OnBytes): Promise<Transcoded> {
	const fd = openSync(path, 'r');
	const bounds = [0];
	try {
		for (let i = 1; i < workers; i++) {
			const b = nextLineStart(fd, Math.max(Math.floor((size * i) / workers), bounds.at(-1)!), size);
			if (b < size && b > bounds.at(-1)!) bounds.push(b);
		}
	} finally {
		closeSync(fd);
	}
	bounds.push(size);
	const iconvPath = createRequire(import.meta.url).resolve('iconv-lite');
	const parts = bounds.slice(1).map((_, i) => (i === 0 ? csvPath : `${csvPath}.part${i}`));
	// The workers say how many bytes they decoded; the records come from the pass over the original bytes below.
	let records = 0;
	const running = parts.map((out, i) => {
		const worker = new Worker(WORKER_SOURCE, {
			eval: true,
			workerData: { iconv: iconvPath, path, start: bounds[i], end: bounds[i + 1], out, encoding: 'gb18030' }
		});
		worker.on('message', (n: number) => onBytes?.(n, records));
		const done = new Promise<void>((resolve, reject) => {
			worker.once('error', reject);
			worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`decoding worker stopped with code ${code}`))));
		});
		return { worker, done };
	});
	try {
		const indexer = new RecordIndexer();
		const sha256 = await scanFile(path, indexer, (_, r) => (records = r));
		await Promise.all(running.map((r) => r.done));
		const out = createWriteStream(csvPath, { flags: 'a' });
		for (const part of parts.slice(1)) await pipeline(createReadStream(part, { highWaterMark: 1 << 20 }), out, { end: false });
		await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
		return { records: indexer.finish(), sha256 };
	} catch (e) {
		await Promise.all(running.map((r) => r.worker.terminate()));
		throw e;
	} finally {
		for (const part of parts.slice(1)) rmSync(part, { force: true });
	}
}

/** Transcodes a file to UTF-8 at csvPath, hashing and indexing it on the way. */
export async function transcode(
	path: string,
	size: number,
	sniffed: Sniffed,
	csvPath: string,
	onBytes?: OnBytes,
	options: { parallelFromBytes?: number; workers?: number } = {}
): Promise<Transcoded> {
	const workers = options.workers ?? Math.min(availableParallelism(), 4);
	if (sniffed.encoding === 'gb18030' && sniffed.bom === 0 && size >= (options.parallelFromBytes ?? PARALLEL_FROM_BYTES) && workers > 1)
		return transcodeInParallel(path, size, csvPath, workers, onBytes);
	return transcodeInOnePass(path, sniffed, csvPath, onBytes);
}
