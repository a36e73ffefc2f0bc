import { json } from '@sveltejs/kit';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { getDatabase } from '$lib/server/db';
import { getCatalog } from '$lib/server/catalog';
import { addUploadedDocument, FileError } from '$lib/server/files';
import { clientAddress } from '$lib/server/http/request-meta';
import type { RequestHandler } from './$types';
import { errorBody, msg } from '$lib/i18n';

/** The URI-encoded name of X-File-Name; a malformed encoding is taken as it stands rather than failing the upload. */
function fileNameOf(header: string | null): string {
	try {
		return decodeURIComponent(header ?? '');
	} catch {
		return header ?? '';
	}
}

/**
 * Receives one document as the raw request body, streamed into the case-file store. The case, stage, type and
 * date come in the query; the file name in X-File-Name (URI-encoded, as headers carry only ASCII).
 */
export const POST: RequestHandler = async (event) => {
	const { request, url, locals } = event;
	const q = url.searchParams;
	const db = await getDatabase();
	const supersedes = q.get('supersedes');
	try {
		if (!request.body) throw new FileError(msg('err.upload.noBody'), 400);
		const doc = await addUploadedDocument(
			db,
			getCatalog(),
			{
				agency: q.get('agency') ?? '',
				caseId: q.get('case') ?? '',
				stage: q.get('stage') ?? '',
				docType: q.get('type') ?? '',
				fileName: fileNameOf(request.headers.get('x-file-name')),
				docDate: q.get('date') || null,
				supersedes: supersedes ? Number(supersedes) : null,
				note: q.get('note'),
				username: locals.user?.username ?? 'unknown',
				user: locals.user,
				ip: clientAddress(event)
			},
			// The DOM and Node typings of web streams differ in name only.
			Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>)
		);
		return json({ document: doc }, { status: 201 });
	} catch (e) {
		if (e instanceof FileError) return json(errorBody(e.msg), { status: e.status });
		throw e;
	}
};
