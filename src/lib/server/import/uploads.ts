import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, extname, join, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { LocalizedError } from '../../i18n/error';
import { msg, type Text } from '../../i18n/message';

/** Uploaded exports are kept on disk (the source of their batch), streamed there, never held whole in memory. */
export function uploadsDir(): string {
	return resolve(process.env.EQUITAS_UPLOADS ?? 'data/uploads');
}

/** The largest upload accepted: EQUITAS_UPLOAD_LIMIT bytes, 2 GB unless set. */
export function uploadLimit(): number {
	const v = Number(process.env.EQUITAS_UPLOAD_LIMIT);
	return Number.isFinite(v) && v > 0 ? v : 2 * 1024 ** 3;
}

export interface Upload {
	id: string;
	name: string;
	path: string;
	size: number;
	user: string;
	at: string;
}

export class UploadError extends LocalizedError {
	constructor(
		text: Text,
		readonly status: number
	) {
		super(text);
		this.name = 'UploadError';
	}
}

/** By name only to turn away the obviously wrong (a PDF, a photo); what the file is, is then read from its content. */
const ALLOWED = new Set(['.csv', '.tsv', '.txt', '.xlsx', '.xls', '.xml', '.ods']);

/** A safe file name to keep: the original's last path part, without control characters. */
function cleanName(name: string): string {
	const n = basename(name.replace(/\\/g, '/'))
		// eslint-disable-next-line no-control-regex -- removing control characters is the point
		.replace(/[\u0000-\u001f]/g, '')
		.trim();
	return n || 'upload.csv';
}

export async function saveUpload(body: ReadableStream<Uint8Array> | null, originalName: string, user: string, limit = uploadLimit()): Promise<Upload> {
	if (!body) throw new UploadError(msg('err.upload.noBody'), 400);
	const name = cleanName(originalName);
	if (!ALLOWED.has(extname(name).toLowerCase())) throw new UploadError(msg('err.upload.type', { name: extname(name) || name }), 415);
	const id = randomBytes(12).toString('hex');
	const dir = join(uploadsDir(), id);
	mkdirSync(dir, { recursive: true });
	const path = join(dir, name);
	let size = 0;
	const count = new Transform({
		transform(chunk: Buffer, _e, done) {
			size += chunk.length;
			if (size > limit) done(new UploadError(msg('err.upload.tooLarge', { gb: (limit / 1024 ** 3).toFixed(1) }), 413));
			else done(null, chunk);
		}
	});
	try {
		// The DOM and Node typings of web streams differ in name only.
		await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>), count, createWriteStream(path));
	} catch (e) {
		rmSync(dir, { recursive: true, force: true });
		if (e instanceof UploadError) throw e;
		throw new UploadError(msg('err.upload.interrupted', { detail: e instanceof Error ? e.message : String(e) }), 400);
	}
	if (size === 0) {
		rmSync(dir, { recursive: true, force: true });
		throw new UploadError(msg('err.upload.empty'), 400);
	}
	const upload: Upload = { id, name, path, size, user, at: new Date().toISOString() };
	writeFileSync(join(dir, 'upload.json'), JSON.stringify(upload));
	return upload;
}

export function getUpload(id: string): Upload | null {
	if (!/^[0-9a-f]{24}$/.test(id)) return null;
	const meta = join(uploadsDir(), id, 'upload.json');
	if (!existsSync(meta)) return null;
	return JSON.parse(readFileSync(meta, 'utf8')) as Upload;
}
