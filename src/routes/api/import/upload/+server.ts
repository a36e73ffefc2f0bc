import { json } from '@sveltejs/kit';
import { readHead, saveUpload, UploadError, UnreadableFileError } from '$lib/server/import';
import { encodingLabel, prepareFile } from '$lib/server/import/prepare';
import { mapHeaders } from '$lib/domain/headers';
import { headersKey, profileForHeaders } from '$lib/server/import/profiles';
import { getDatabase } from '$lib/server/db';
import type { RequestHandler } from './$types';
import { errorBody } from '$lib/i18n';

/**
 * Receives one export as the raw request body (streamed to disk) and answers with what the server sees in it:
 * encoding, title rows, header, the automatic mapping and the first rows.
 */
export const POST: RequestHandler = async ({ request, locals }) => {
	const name = decodeURIComponent(request.headers.get('x-file-name') ?? '');
	try {
		const upload = await saveUpload(request.body, name, locals.user?.username ?? 'unknown');
		const prepared = await prepareFile(upload.path);
		try {
			const head = readHead(prepared.csvPath);
			const profile = await profileForHeaders(await getDatabase(), head.header);
			return json({
				upload: { id: upload.id, name: upload.name, size: upload.size },
				encoding: encodingLabel(prepared.encoding),
				titleRows: head.titleRows,
				header: head.header,
				headersKey: headersKey(head.header),
				columns: mapHeaders(head.header),
				profile: profile ? { name: profile.name, mapping: profile.mapping } : null,
				preview: head.preview
			});
		} finally {
			prepared.cleanup();
		}
	} catch (e) {
		if (e instanceof UploadError) return json(errorBody(e.msg), { status: e.status });
		if (e instanceof UnreadableFileError) return json(errorBody(e.msg), { status: 422 });
		throw e;
	}
};
