import type { Readable } from 'node:stream';
import type { CaseRecord } from '../../domain/case-schema';
import type { Catalog } from '../../domain/catalog';
import { isStageKey, type StageKey } from '../../domain/stages';
import { cleanFileName, extensionOf, mayAddFiles, mediaOf, type CaseDocument } from '../../domain/case-file';
import { dayNumber } from '../../domain/dates';
import { viewerFor, type Reader } from '../viewer';
import { auditedTransaction } from '../audit/log';
import { getCase } from '../cases/read';
import type { Database } from '../db';
import { documentsOf, getDocument } from './documents';
import { blobPath, discardBlob, fileLimit, storeStream, StoreError } from './store';
import { contentMatchesName, SIGNATURE_BYTES } from '../../domain/file-signatures';
import { open } from 'node:fs/promises';
import { LocalizedError } from '../../i18n/error';
import { msg, type Text } from '../../i18n/message';

/** Adding a document to a case's file: checked first, then streamed to the store, then recorded and audited. */

export class FileError extends LocalizedError {
	constructor(
		text: Text,
		readonly status: number
	) {
		super(text);
		this.name = 'FileError';
	}
}

export interface UploadRequest {
	agency: string;
	caseId: string;
	stage: string;
	docType: string;
	fileName: string;
	/** 文书日期, YYYY-MM-DD, or empty. */
	docDate: string | null;
	/** The version this upload corrects. */
	supersedes: number | null;
	/** Why: required with a correction. */
	note: string | null;
	username: string;
	/** Who uploads: whether they may is decided here, from their roles and the agency's settings. */
	user: Reader;
	ip: string | null;
}

interface Checked {
	c: CaseRecord;
	stage: StageKey;
	title: string;
	mediaType: string;
	docDate: string | null;
}

/** Everything that can be refused is refused before a byte is stored. */
export async function checkUpload(db: Database, catalog: Catalog, r: UploadRequest): Promise<Checked> {
	const c = await getCase(db, r.agency, r.caseId);
	if (!c) throw new FileError(msg('err.file.noCase', { agency: r.agency, caseId: r.caseId }), 404);
	if (!mayAddFiles(await viewerFor(db, r.user), c)) throw new FileError(msg('err.file.mayNotAdd'), 403);
	if (!isStageKey(r.stage)) throw new FileError(msg('err.file.noStage', { stage: r.stage }), 400);
	if (!catalog.document_types.some((d) => d.name === r.docType)) throw new FileError(msg('err.file.docType', { docType: r.docType }), 400);
	const title = cleanFileName(r.fileName);
	const media = mediaOf(title);
	if (!media) throw new FileError(msg('err.file.media', { name: title }), 415);
	let docDate: string | null = null;
	if (r.docDate) {
		try {
			dayNumber(r.docDate);
			docDate = r.docDate;
		} catch {
			throw new FileError(msg('err.file.docDate', { date: r.docDate }), 400);
		}
	}
	if (r.supersedes !== null) {
		const prev = await getDocument(db, r.supersedes);
		if (!prev || prev.agency !== r.agency || prev.case_id !== r.caseId) throw new FileError(msg('err.file.noPrevious', { id: r.supersedes }), 404);
		if (!r.note?.trim()) throw new FileError(msg('err.file.correctionReason'), 400);
		await assertCurrent(db, prev);
	}
	return { c, stage: r.stage, title, mediaType: media.type, docDate };
}

async function assertCurrent(db: Database, prev: CaseDocument): Promise<void> {
	const later = (await documentsOf(db, prev.agency, prev.case_id)).find((d) => d.supersedes === prev.id);
	if (later) throw new FileError(msg('err.file.superseded', { id: prev.id, later: later.id }), 409);
}

/** Whether the stored file's first bytes are of the type its name says (read back from the store, not held in memory). */
async function storedMatchesName(sha256: string, title: string): Promise<boolean> {
	const handle = await open(blobPath(sha256), 'r');
	try {
		const head = new Uint8Array(SIGNATURE_BYTES);
		const { bytesRead } = await handle.read(head, 0, SIGNATURE_BYTES, 0);
		return contentMatchesName(title, head.subarray(0, bytesRead));
	} finally {
		await handle.close();
	}
}

async function discardUnrecorded(db: Database, sha256: string): Promise<void> {
	const [named] = await db.query<{ n: number }>('SELECT count(*) AS n FROM case_files WHERE sha256 = ?', [sha256]);
	if ((named?.n ?? 0) === 0) await discardBlob(sha256);
}

/** Stores the body and records it; the audit entry carries the hash, so the log's chain covers the file. */
export async function addUploadedDocument(db: Database, catalog: Catalog, r: UploadRequest, body: Readable, limit = fileLimit()): Promise<CaseDocument> {
	const ok = await checkUpload(db, catalog, r);
	let stored;
	try {
		stored = await storeStream(body, limit);
	} catch (e) {
		if (e instanceof StoreError) throw new FileError(e.msg, e.status);
		throw e;
	}
	if (!(await storedMatchesName(stored.sha256, ok.title))) {
		await discardUnrecorded(db, stored.sha256);
		throw new FileError(msg('err.file.contentMismatch', { ext: extensionOf(ok.title) }), 415);
	}
	let id: number;
	try {
		// The record and its upload entry are one transaction: verify finds neither without the other.
		id = await auditedTransaction(db, async (tx) => {
			// A second correction of the same version that raced this one loses here, not in the chain.
			if (r.supersedes !== null) {
				const [taken] = await tx.query<{ id: number }>('SELECT id FROM case_files WHERE supersedes = ?', [r.supersedes]);
				if (taken) throw new FileError(msg('err.file.superseded', { id: r.supersedes, later: taken.id }), 409);
			}
			const [row] = await tx.query<{ id: number }>(
				`INSERT INTO case_files (agency, case_id, stage, doc_type, title, doc_date, media_type, size_bytes, sha256, source, supersedes, note, uploaded_by)
				VALUES (?, ?, ?, ?, ?, CAST(? AS DATE), ?, ?, ?, 'upload', ?, ?, ?) RETURNING id`,
				[
					r.agency,
					r.caseId,
					ok.stage,
					r.docType,
					ok.title,
					ok.docDate,
					ok.mediaType,
					stored.size,
					stored.sha256,
					r.supersedes,
					r.note?.trim() || null,
					r.username
				]
			);
			const newId = row!.id;
			const detail = uploadDetail({
				id: newId,
				agency: r.agency,
				case_id: r.caseId,
				stage: ok.stage,
				doc_type: r.docType,
				title: ok.title,
				size_bytes: stored.size,
				sha256: stored.sha256,
				supersedes: r.supersedes
			});
			return { result: newId, audit: [{ actor: r.username, action: 'file-uploaded', targetType: 'case-file', targetId: String(newId), detail, ip: r.ip }] };
		});
	} catch (e) {
		// A file no record names is what verify reports as a deleted record, so a refused upload takes its new file back.
		if (!stored.existed) await discardUnrecorded(db, stored.sha256);
		throw e;
	}
	return (await getDocument(db, id))!;
}

/** What the audit entry of an upload states: verify compares each record with it. */
export function uploadDetail(
	d: Pick<CaseDocument, 'id' | 'agency' | 'case_id' | 'doc_type' | 'title' | 'size_bytes' | 'sha256' | 'supersedes'> & { stage: string }
) {
	return {
		id: d.id,
		agency: d.agency,
		case_id: d.case_id,
		stage: d.stage,
		type: d.doc_type,
		title: d.title,
		size: d.size_bytes,
		sha256: d.sha256,
		supersedes: d.supersedes
	};
}
