import type { Database } from '../db';
import { mapHeaders, type MappedColumn } from '../../domain/headers';
import { readHead } from './head';
import { encodingLabel, prepareFile } from './prepare';
import { headersKey, profileForHeaders, type ProfileMapping } from './profiles';
import { saveUpload } from './uploads';
import { ROSTER_MIN_HEADERS, rosterScore } from './load-roster';

/** What an upload is for: the header it must have depends on it. */
export type UploadKind = 'cases' | 'roster';

/** What the server sees in an uploaded export, for the analyst to check before importing. */
export interface UploadPreview {
	upload: { id: string; name: string; size: number };
	encoding: string;
	titleRows: string[][];
	header: string[];
	headersKey: string;
	columns: MappedColumn[];
	/** The mapping saved for exactly this header, applied without asking. */
	profile: { name: string; mapping: ProfileMapping } | null;
	preview: string[][];
}

/**
 * Streams one export to disk and reads its start: encoding, title rows, header, the automatic mapping and the
 * first rows. Throws UploadError (refused upload) or UnreadableFileError (not a table we can read).
 */
export async function receiveUpload(
	db: Database,
	body: ReadableStream<Uint8Array> | null,
	fileName: string,
	user: string,
	kind: UploadKind = 'cases'
): Promise<UploadPreview> {
	const upload = await saveUpload(body, fileName, user);
	const prepared = await prepareFile(upload.path);
	try {
		const head = kind === 'roster' ? readHead(prepared.csvPath, { score: rosterScore, minHeaders: ROSTER_MIN_HEADERS }) : readHead(prepared.csvPath);
		// Mapping profiles are for case exports; a roster's few headers are read by their names.
		const profile = kind === 'cases' ? await profileForHeaders(db, head.header) : null;
		return {
			upload: { id: upload.id, name: upload.name, size: upload.size },
			encoding: encodingLabel(prepared.encoding),
			titleRows: head.titleRows,
			header: head.header,
			headersKey: headersKey(head.header),
			columns: mapHeaders(head.header),
			profile: profile ? { name: profile.name, mapping: profile.mapping } : null,
			preview: head.preview
		};
	} finally {
		prepared.cleanup();
	}
}
