import { getDatabase } from '$lib/server/db';
import { exportPublished } from '$lib/server/publicity';
import { actorOf } from '$lib/server/http/request-meta';
import { publishedFilter } from '../filter';
import type { RequestHandler } from './$types';

/** The 双公示 export of the published list, as filtered on the page: CSV (UTF-8 with BOM) or XLSX. */
export const GET: RequestHandler = async (event) => {
	const format = event.url.searchParams.get('format') === 'xlsx' ? 'xlsx' : 'csv';
	const file = await exportPublished(await getDatabase(), actorOf(event), publishedFilter(event.url.searchParams), format);
	return new Response(file.body, {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
			'cache-control': 'no-store'
		}
	});
};
