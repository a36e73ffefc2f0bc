import { json } from '@sveltejs/kit';
import { receiveUpload, UploadError, UnreadableFileError } from '$lib/server/import';
import { getDatabase } from '$lib/server/db';
import type { RequestHandler } from './$types';
import { errorBody } from '$lib/i18n';

/**
 * Receives one export as the raw request body (streamed to disk) and answers with what the server sees in it:
 * encoding, title rows, header, the automatic mapping and the first rows.
 */
export const POST: RequestHandler = async ({ request, locals }) => {
	const name = decodeURIComponent(request.headers.get('x-file-name') ?? '');
	// The kind decides which header the file must have; anything but a roster or a publicity list is a case export.
	const asked = request.headers.get('x-import-kind');
	const kind = asked === 'roster' || asked === 'publications' ? asked : 'cases';
	try {
		return json(await receiveUpload(await getDatabase(), request.body, name, locals.user?.username ?? 'unknown', kind));
	} catch (e) {
		if (e instanceof UploadError) return json(errorBody(e.msg), { status: e.status });
		if (e instanceof UnreadableFileError) return json(errorBody(e.msg), { status: 422 });
		throw e;
	}
};
