import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { mayOpenFiles, mediaOf, previewable } from '../../domain/case-file';
import { viewerFor, type Reader } from '../viewer';
import { appendAudit } from '../audit';
import { getCase } from '../cases/read';
import type { Database } from '../db';
import { getDocument } from './documents';
import { blobExists, blobPath } from './store';
import { FileError } from './upload';
import { msg } from '../../i18n/message';

/**
 * Sends a stored document to the browser: inline for what the page previews or plays, as an attachment
 * otherwise, with byte ranges so that a long video can be sought. Every view and download is audited: each read
 * from the first byte, and any other range unless the same viewer's read of the file was logged within the hour,
 * so the further range requests a player makes while playing are not separate views but no read goes unlogged.
 */

const HOUR_MS = 60 * 60 * 1000;
const lastLogged = new WeakMap<Database, Map<string, number>>();

/** Whether this read starts a new audit entry; marked before the append, so concurrent ranges log once. */
function claimRead(db: Database, key: string, fromStart: boolean, now = Date.now()): boolean {
	let seen = lastLogged.get(db);
	if (!seen) lastLogged.set(db, (seen = new Map()));
	const at = seen.get(key);
	if (!fromStart && at !== undefined && now - at < HOUR_MS) return false;
	if (seen.size > 10_000) for (const [k, t] of seen) if (now - t >= HOUR_MS) seen.delete(k);
	seen.set(key, now);
	return true;
}

export interface OpenedDocument {
	status: 200 | 206 | 416;
	headers: Record<string, string>;
	body: ReadableStream<Uint8Array> | null;
}

export interface OpenRequest {
	/** Who asks: what they may open is decided here, from their roles and the agency's settings. */
	user: Reader;
	username: string;
	ip: string | null;
	range: string | null;
	download: boolean;
	/** HEAD: headers only, nothing logged. */
	head: boolean;
}

/** A single byte range of a file of `size` bytes: [start, end] inclusive, 'unsatisfiable', or null for the whole file. */
export function parseRange(header: string | null, size: number): { start: number; end: number } | 'unsatisfiable' | null {
	const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
	if (!m || (m[1] === '' && m[2] === '')) return null;
	let start: number;
	let end: number;
	if (m[1] === '') {
		const suffix = Number(m[2]);
		if (suffix === 0) return 'unsatisfiable';
		start = Math.max(0, size - suffix);
		end = size - 1;
	} else {
		start = Number(m[1]);
		end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
	}
	return start >= size || start > end ? 'unsatisfiable' : { start, end };
}

/** RFC 6266: an ASCII fallback and the UTF-8 name. */
function disposition(kind: 'inline' | 'attachment', name: string): string {
	const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function openDocument(db: Database, id: number, r: OpenRequest): Promise<OpenedDocument> {
	const doc = await getDocument(db, id);
	if (!doc) throw new FileError(msg('err.file.noDocument'), 404);
	const c = await getCase(db, doc.agency, doc.case_id);
	if (!c || !mayOpenFiles(await viewerFor(db, r.user), c)) throw new FileError(msg('err.file.personal'), 403);
	if (!blobExists(doc.sha256)) {
		throw new FileError(doc.source === 'import' ? msg('err.file.notArchived') : msg('err.file.blobMissing'), 404);
	}
	const path = blobPath(doc.sha256);
	const size = statSync(path).size;
	const kind = mediaOf(doc.title)?.kind ?? 'download';
	const inline = !r.download && previewable(kind);
	const headers: Record<string, string> = {
		'content-type': doc.media_type,
		'accept-ranges': 'bytes',
		etag: `"${doc.sha256}"`,
		// Not cached, so that each view reaches the server and its log.
		'cache-control': 'private, no-store',
		'x-content-type-options': 'nosniff',
		'content-disposition': disposition(inline ? 'inline' : 'attachment', doc.title)
	};
	// Chromium's PDF viewer does not run in a sandboxed document; everything else shown inline is sandboxed.
	// Only the case-file page of this site frames a document (the PDF preview).
	headers['content-security-policy'] =
		kind === 'pdf' ? "frame-ancestors 'self'" : "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; frame-ancestors 'self'";
	const range = parseRange(r.range, size);
	if (range === 'unsatisfiable') return { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` }, body: null };

	const start = range?.start ?? 0;
	const end = range?.end ?? size - 1;
	const action = inline ? 'file-viewed' : 'file-downloaded';
	const key = JSON.stringify([r.username, doc.id, action]);
	if (!r.head && claimRead(db, key, start === 0)) {
		await appendAudit(db, {
			actor: r.username,
			action,
			targetType: 'case-file',
			targetId: String(doc.id),
			detail: { id: doc.id, agency: doc.agency, case_id: doc.case_id, type: doc.doc_type, sha256: doc.sha256 },
			ip: r.ip
		}).catch((e: unknown) => {
			// Not logged, so the next range of this read must try again.
			lastLogged.get(db)?.delete(key);
			throw e;
		});
	}
	headers['content-length'] = String(end - start + 1);
	if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
	const body = r.head ? null : (Readable.toWeb(createReadStream(path, { start, end, highWaterMark: 256 * 1024 })) as unknown as ReadableStream<Uint8Array>);
	return { status: range ? 206 : 200, headers, body };
}
