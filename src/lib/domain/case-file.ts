import type { CaseRecord } from './case-schema';
import type { StageKey } from './stages';
import { maskName, seesPersonalData, type Viewer } from './masking';

/**
 * A document of the electronic case file (电子案卷) as the product holds it: metadata in the database, content in
 * the store under its SHA-256. Records are never changed or deleted; a correction is a new record that names the
 * record it supersedes, so a chain of versions reads back to the first upload.
 */

export interface CaseDocument {
	id: number;
	agency: string;
	case_id: string;
	stage: StageKey;
	doc_type: string;
	/** The file name as uploaded or as the case-management system listed it. */
	title: string;
	/** The date the document bears (文书日期), when the uploader gave it: the order check reads it. */
	doc_date: string | null;
	media_type: string;
	size_bytes: number | null;
	sha256: string;
	/** 'upload': the content is in the store; 'import': a case-management system listed it (metadata only). */
	source: 'upload' | 'import';
	supersedes: number | null;
	/** Why a correction replaced the version it supersedes. */
	note: string | null;
	uploaded_by: string;
	uploaded_at: string;
}

/** How the page shows a file: previewed (pdf, image), played (video, audio), or offered for download. */
export type MediaKind = 'pdf' | 'image' | 'video' | 'audio' | 'download';

/**
 * The file types the case file accepts, by extension. Only these are stored, and only PDF, images, audio and
 * video are shown in the page; types that can carry script (HTML, SVG) are refused outright.
 */
const MEDIA: Record<string, { type: string; kind: MediaKind }> = {
	'.pdf': { type: 'application/pdf', kind: 'pdf' },
	'.ofd': { type: 'application/ofd', kind: 'download' },
	'.jpg': { type: 'image/jpeg', kind: 'image' },
	'.jpeg': { type: 'image/jpeg', kind: 'image' },
	'.png': { type: 'image/png', kind: 'image' },
	'.gif': { type: 'image/gif', kind: 'image' },
	'.webp': { type: 'image/webp', kind: 'image' },
	'.bmp': { type: 'image/bmp', kind: 'image' },
	'.tif': { type: 'image/tiff', kind: 'download' },
	'.tiff': { type: 'image/tiff', kind: 'download' },
	'.mp4': { type: 'video/mp4', kind: 'video' },
	'.m4v': { type: 'video/mp4', kind: 'video' },
	'.webm': { type: 'video/webm', kind: 'video' },
	'.mov': { type: 'video/quicktime', kind: 'video' },
	'.avi': { type: 'video/x-msvideo', kind: 'download' },
	'.mp3': { type: 'audio/mpeg', kind: 'audio' },
	'.m4a': { type: 'audio/mp4', kind: 'audio' },
	'.wav': { type: 'audio/wav', kind: 'audio' },
	'.ogg': { type: 'audio/ogg', kind: 'audio' },
	'.amr': { type: 'audio/amr', kind: 'download' },
	'.doc': { type: 'application/msword', kind: 'download' },
	'.docx': { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', kind: 'download' },
	'.xls': { type: 'application/vnd.ms-excel', kind: 'download' },
	'.xlsx': { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', kind: 'download' },
	'.wps': { type: 'application/vnd.ms-works', kind: 'download' },
	'.txt': { type: 'text/plain; charset=utf-8', kind: 'download' }
};

export const ACCEPTED_EXTENSIONS: readonly string[] = Object.keys(MEDIA);

/** The extension of a file name, lower case with its dot, or '' without one. */
export function extensionOf(name: string): string {
	const m = /\.[^./\\]+$/.exec(name);
	return m ? m[0].toLowerCase() : '';
}

/** The media type and the way the page shows a file of this name; null when the case file does not accept it. */
export function mediaOf(name: string): { type: string; kind: MediaKind } | null {
	return MEDIA[extensionOf(name)] ?? null;
}

/** Kinds the browser shows inline (preview or player); the rest are downloaded. */
export function previewable(kind: MediaKind): boolean {
	return kind === 'pdf' || kind === 'image' || kind === 'video' || kind === 'audio';
}

/** A file name safe to keep and to send back: its last path part, without control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
	const last = name.replace(/\\/g, '/').split('/').pop() ?? '';
	// eslint-disable-next-line no-control-regex -- removing control characters is the point
	const clean = [...last.replace(/[\u0000-\u001f\u007f]/g, '')].slice(-200).join('').trim();
	return clean || 'file';
}

export function isSha256(s: unknown): s is string {
	return typeof s === 'string' && /^[0-9a-f]{64}$/.test(s);
}

/** The versions that stand: those no later version supersedes. */
export function currentVersions<T extends Pick<CaseDocument, 'id' | 'supersedes'>>(docs: readonly T[]): T[] {
	const superseded = new Set(docs.map((d) => d.supersedes).filter((x): x is number => x !== null));
	return docs.filter((d) => !superseded.has(d.id));
}

/** The chain a document belongs to, newest first: the document, what it superseded, and what superseded it. */
export function versionChain<T extends Pick<CaseDocument, 'id' | 'supersedes'>>(docs: readonly T[], id: number): T[] {
	const byId = new Map(docs.map((d) => [d.id, d]));
	const next = new Map(docs.filter((d) => d.supersedes !== null).map((d) => [d.supersedes!, d]));
	let newest = byId.get(id);
	if (!newest) return [];
	for (let n = next.get(newest.id); n; n = next.get(n.id)) newest = n;
	const chain: T[] = [];
	for (let d: T | undefined = newest; d; d = d.supersedes === null ? undefined : byId.get(d.supersedes)) chain.push(d);
	return chain;
}

type CaseFacts = Pick<CaseRecord, 'party_type' | 'party_name' | 'officer_ids' | 'status'>;

/**
 * Whether this viewer may open the documents of a case. Documents cannot be masked, so a natural person's case
 * file opens only to those who may see the person's data in full (the same rule as the case page's masking).
 */
export function mayOpenFiles(viewer: Viewer, c: CaseFacts): boolean {
	return c.party_type !== '自然人' || seesPersonalData(viewer, c);
}

/** Officers of the case file its documents; legal reviewers file their opinions (法制审核意见书) on any case. */
export function mayAddFiles(viewer: Viewer, c: Pick<CaseRecord, 'officer_ids'>): boolean {
	if (viewer.roles.includes('reviewer')) return true;
	return viewer.roles.includes('officer') && !!viewer.certNo && (c.officer_ids ?? []).includes(viewer.certNo);
}

/** A title as this viewer may read it: a natural person's name inside a file name is masked like the case's. */
export function maskTitle(title: string, viewer: Viewer, c: CaseFacts): string {
	if (c.party_type !== '自然人' || !c.party_name || seesPersonalData(viewer, c)) return title;
	return title.split(c.party_name).join(maskName(c.party_name));
}
