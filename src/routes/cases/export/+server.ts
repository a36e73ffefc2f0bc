import { Readable, PassThrough } from 'node:stream';
import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { caseFilterOf, caseListQuery } from '$lib/server/cases';
import { ExportAborted, ExportTooLarge, prepareCaseListExport } from '$lib/server/export';
import { parseQuery } from '$lib/server/http/form';
import { actorOf } from '$lib/server/http/request-meta';
import type { RequestHandler } from './$types';

const TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/** The case list as filtered on the page, every page of it, as CSV or XLSX: masked for the reader and audited. */
export const GET: RequestHandler = async (event) => {
	const format = event.url.searchParams.get('format');
	if (format !== 'csv' && format !== 'xlsx') error(400, '导出格式应为 csv 或 xlsx / format must be csv or xlsx');
	const parsed = parseQuery(event.url.searchParams, caseListQuery);
	const q = parsed.success ? parsed.data : caseListQuery.parse({});
	const db = await getDatabase();
	let prepared;
	try {
		prepared = await prepareCaseListExport(db, event.locals.user, actorOf(event), {
			filter: caseFilterOf(q),
			sort: q.sort,
			descending: q.dir !== 'asc',
			format
		});
	} catch (e) {
		if (e instanceof ExportTooLarge) error(413, e.message);
		throw e;
	}
	const out = new PassThrough();
	// Rows go out as they are read; a cancelled download destroys the stream and the export stops (ExportAborted).
	prepared.write(out).then(
		() => out.writableEnded || out.end(),
		(e: unknown) => {
			// A reader who cancels is no fault; anything else cut the file short and is worth a line in the server log.
			if (!(e instanceof ExportAborted)) console.error('case list export failed', e);
			out.destroy(e instanceof Error ? e : new Error(String(e)));
		}
	);
	return new Response(Readable.toWeb(out) as ReadableStream<Uint8Array>, {
		headers: {
			'content-type': TYPES[format],
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(prepared.fileName)}`,
			'x-export-rows': String(prepared.rows),
			'cache-control': 'no-store'
		}
	});
};
