import type { CaseRecord } from '../../domain/case-schema';
import type { Catalog } from '../../domain/catalog';
import { checkCaseFile, type CaseFileCheck } from '../../domain/case-file-check';
import {
	ACCEPTED_EXTENSIONS,
	currentVersions,
	maskTitle,
	mayAddFiles,
	mayOpenFiles,
	mediaOf,
	versionChain,
	type CaseDocument,
	type MediaKind
} from '../../domain/case-file';
import type { DocumentType } from '../../domain/case-file-types';
import type { StageKey } from '../../domain/stages';
import type { Viewer } from '../../domain/masking';
import { maskCase } from '../../domain/masking';
import type { Queryable } from '../db';
import { getCase } from '../cases/read';
import { documentsOf, getDocument } from './documents';
import { blobExists } from './store';
import { viewerFor, type Reader } from '../viewer';

/** What the case page and the document page show of a case file, as this user may see it. */

export interface FileRow {
	id: number;
	stage: StageKey;
	doc_type: string;
	title: string;
	doc_date: string | null;
	size_bytes: number | null;
	media_type: string;
	kind: MediaKind;
	sha256: string;
	source: CaseDocument['source'];
	/** The content is in the store (an import lists documents whose content may not be archived). */
	stored: boolean;
	supersedes: number | null;
	/** Versions in its chain, this one included. */
	versions: number;
	note: string | null;
	uploaded_by: string;
	uploaded_at: string;
}

export interface CaseFileView {
	/** Current versions, oldest first. */
	files: FileRow[];
	check: CaseFileCheck;
	types: DocumentType[];
	mayUpload: boolean;
	mayOpen: boolean;
	accept: string;
}

export function fileRow(d: CaseDocument, all: readonly CaseDocument[], viewer: Viewer, c: CaseRecord): FileRow {
	return {
		id: d.id,
		stage: d.stage,
		doc_type: d.doc_type,
		title: maskTitle(d.title, viewer, c),
		doc_date: d.doc_date,
		size_bytes: d.size_bytes,
		media_type: d.media_type,
		kind: mediaOf(d.title)?.kind ?? 'download',
		sha256: d.sha256,
		source: d.source,
		stored: blobExists(d.sha256),
		supersedes: d.supersedes,
		versions: versionChain(all, d.id).length,
		note: d.note,
		uploaded_by: d.uploaded_by,
		uploaded_at: d.uploaded_at
	};
}

export async function caseFileView(db: Queryable, catalog: Catalog, c: CaseRecord, user: Reader): Promise<CaseFileView> {
	const viewer = await viewerFor(db, user);
	const docs = await documentsOf(db, c.agency ?? '', c.case_id ?? '');
	return {
		files: currentVersions(docs).map((d) => fileRow(d, docs, viewer, c)),
		check: checkCaseFile(c, catalog, docs),
		types: catalog.document_types,
		mayUpload: mayAddFiles(viewer, c),
		mayOpen: mayOpenFiles(viewer, c),
		accept: ACCEPTED_EXTENSIONS.join(',')
	};
}

/** One document of a case file as the reader may see it: its record, its versions newest first; null if not that case's. */
export async function documentPage(db: Queryable, catalog: Catalog, user: Reader, caseId: string, fileId: number) {
	const doc = Number.isInteger(fileId) ? await getDocument(db, fileId) : null;
	if (!doc || doc.case_id !== caseId) return null;
	const c = await getCase(db, doc.agency, doc.case_id);
	if (!c) return null;
	const viewer = await viewerFor(db, user);
	const all = await documentsOf(db, doc.agency, doc.case_id);
	const chain = versionChain(all, doc.id);
	return {
		case: { agency: c.agency ?? '', case_id: c.case_id ?? '', party_name: maskCase(c, viewer).party_name, item_name: c.item_name },
		file: fileRow(doc, all, viewer, c),
		versions: chain.map((d) => fileRow(d, all, viewer, c)),
		current: chain[0]?.id === doc.id,
		mayOpen: mayOpenFiles(viewer, c),
		mayCorrect: mayAddFiles(viewer, c),
		types: catalog.document_types,
		accept: ACCEPTED_EXTENSIONS.join(',')
	};
}
