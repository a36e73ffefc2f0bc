import { json } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { FileError, openDocument } from '$lib/server/files';
import { clientAddress } from '$lib/server/http/request-meta';
import type { RequestEvent, RequestHandler } from './$types';
import { errorBody } from '$lib/i18n';

/** A stored document's content: inline to preview or play, `?download=1` to save; every view and download is audited. */
async function send(event: RequestEvent, head: boolean): Promise<Response> {
	const db = await getDatabase();
	try {
		const opened = await openDocument(db, Number(event.params.id), {
			user: event.locals.user,
			username: event.locals.user?.username ?? 'unknown',
			ip: clientAddress(event),
			range: event.request.headers.get('range'),
			download: event.url.searchParams.get('download') === '1',
			head
		});
		return new Response(opened.body, { status: opened.status, headers: opened.headers });
	} catch (e) {
		if (e instanceof FileError) return json(errorBody(e.msg), { status: e.status });
		throw e;
	}
}

export const GET: RequestHandler = (event) => send(event, false);
export const HEAD: RequestHandler = (event) => send(event, true);
