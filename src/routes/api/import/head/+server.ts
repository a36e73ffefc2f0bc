import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { getDatabase } from '$lib/server/db';
import { previewUploaded, UnreadableFileError } from '$lib/server/import';
import type { RequestHandler } from './$types';
import { errorBody, msg } from '$lib/i18n';

const body = z.object({
	upload: z.string(),
	kind: z.enum(['cases', 'roster', 'publications']).default('cases'),
	headerRow: z.number().int().min(1).max(20).nullable()
});

/** The preview of an uploaded file read again with the header row the analyst picked. */
export const POST: RequestHandler = async ({ request }) => {
	const parsed = body.safeParse(await request.json().catch(() => null));
	if (!parsed.success) return json(errorBody(msg('err.import.badRequest')), { status: 400 });
	try {
		return json(await previewUploaded(await getDatabase(), parsed.data.upload, parsed.data.kind, parsed.data.headerRow));
	} catch (e) {
		if (e instanceof UnreadableFileError) return json(errorBody(e.msg), { status: 422 });
		throw e;
	}
};
