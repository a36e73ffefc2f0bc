import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { LocalizedError } from '../../i18n/error';
import { msg, type Text } from '../../i18n/message';

/**
 * The content-addressed file store of the case file: each file is named by the SHA-256 of its content, written
 * once, made read-only and never deleted or replaced. The same content uploaded twice is kept once.
 */

/** The store directory: EQUITAS_FILES, else data/files. */
export function filesDir(): string {
	return resolve(process.env.EQUITAS_FILES ?? 'data/files');
}

/** The largest file accepted: EQUITAS_FILE_LIMIT bytes, else the upload limit of the server (EQUITAS_UPLOAD_LIMIT, 2 GB). */
export function fileLimit(): number {
	for (const v of [process.env.EQUITAS_FILE_LIMIT, process.env.EQUITAS_UPLOAD_LIMIT].map(Number)) if (Number.isFinite(v) && v > 0) return v;
	return 2 * 1024 ** 3;
}

/** Two levels of 256 folders would be needed only past millions of files; one level keeps listings short enough. */
export function blobPath(sha256: string, dir = filesDir()): string {
	return join(dir, sha256.slice(0, 2), sha256);
}

export class StoreError extends LocalizedError {
	constructor(
		text: Text,
		readonly status: number
	) {
		super(text);
		this.name = 'StoreError';
	}
}

export interface Stored {
	sha256: string;
	size: number;
	/** The content was already in the store (an earlier upload of the same bytes). */
	existed: boolean;
}

/**
 * Streams a body into the store: hashed and counted chunk by chunk on its way to a temporary file, which is then
 * renamed to its hash. Memory stays at a few chunks whatever the size; an interrupted upload leaves nothing.
 */
export async function storeStream(body: Readable, limit = fileLimit(), dir = filesDir()): Promise<Stored> {
	const incoming = join(dir, '.incoming');
	await mkdir(incoming, { recursive: true });
	const tmp = join(incoming, randomBytes(12).toString('hex'));
	const hash = createHash('sha256');
	let size = 0;
	const meter = new Transform({
		transform(chunk: Buffer, _e, done) {
			size += chunk.length;
			if (size > limit) return done(new StoreError(msg('err.file.tooLarge', { gb: (limit / 1024 ** 3).toFixed(1) }), 413));
			hash.update(chunk);
			done(null, chunk);
		}
	});
	try {
		await pipeline(body, meter, createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
		if (size === 0) throw new StoreError(msg('err.upload.empty'), 400);
		// The bytes must be on disk before the database says the file is kept.
		const fh = await open(tmp, 'r');
		await fh.sync().finally(() => fh.close());
	} catch (e) {
		await rm(tmp, { force: true });
		if (e instanceof StoreError) throw e;
		throw new StoreError(msg('err.upload.interrupted', { detail: e instanceof Error ? e.message : String(e) }), 400);
	}
	const sha256 = hash.digest('hex');
	const final = blobPath(sha256, dir);
	if (existsSync(final)) {
		await rm(tmp, { force: true });
		return { sha256, size, existed: true };
	}
	await mkdir(join(dir, sha256.slice(0, 2)), { recursive: true });
	await rename(tmp, final);
	await chmod(final, 0o444);
	return { sha256, size, existed: false };
}

/** The SHA-256 and size of a stored file, read as a stream; null when it is missing. */
export async function hashBlob(sha256: string, dir = filesDir()): Promise<{ sha256: string; size: number } | null> {
	const path = blobPath(sha256, dir);
	if (!existsSync(path)) return null;
	const hash = createHash('sha256');
	let size = 0;
	for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
		hash.update(chunk);
		size += chunk.length;
	}
	return { sha256: hash.digest('hex'), size };
}

export function blobExists(sha256: string, dir = filesDir()): boolean {
	return existsSync(blobPath(sha256, dir));
}

/** Removes a file just stored whose record was refused; the store deletes nothing else. */
export async function discardBlob(sha256: string, dir = filesDir()): Promise<void> {
	await rm(blobPath(sha256, dir), { force: true });
}
