import { getDatabase } from '$lib/server/db';
import { exportSupervision, supervisionFilterOf } from '$lib/server/review';
import { actorOf } from '$lib/server/http/request-meta';
import type { RequestHandler } from './$types';

/** The supervision list as filtered on the page, as CSV (UTF-8 with BOM), masked for the reader. */
export const GET: RequestHandler = async (event) => {
	const file = await exportSupervision(await getDatabase(), event.locals.user, actorOf(event), supervisionFilterOf(event.url.searchParams));
	return new Response(file.body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
			'cache-control': 'no-store'
		}
	});
};
