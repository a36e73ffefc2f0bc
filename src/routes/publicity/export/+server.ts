import { getDatabase } from '$lib/server/db';
import { getCatalog } from '$lib/server/catalog';
import { appendAudit } from '$lib/server/audit';
import { clientAddress } from '$lib/server/http/request-meta';
import { publicityRow } from '$lib/domain/publicity';
import { agencyName, allPublished, getPublicitySettings, publicityCsv, publicityXlsx, toPublicityCase, today } from '$lib/server/publicity';
import { publishedFilter } from '../filter';
import type { RequestHandler } from './$types';

/** The 双公示 export of the published list, as filtered on the page: CSV (UTF-8 with BOM) or XLSX. */
export const GET: RequestHandler = async (event) => {
	const { url, locals } = event;
	const format = url.searchParams.get('format') === 'xlsx' ? 'xlsx' : 'csv';
	const db = await getDatabase();
	const catalog = getCatalog();
	const day = today();
	const filter = publishedFilter(url.searchParams);
	const [decisions, settings, agency] = await Promise.all([allPublished(db, day, filter), getPublicitySettings(db), agencyName(db)]);
	const rows = decisions.map((r) => publicityRow(toPublicityCase(r, catalog), settings));
	const name = `${agency}行政处罚决定公示（双公示）${day}`;
	const body = format === 'xlsx' ? await publicityXlsx(rows, name) : publicityCsv(rows);
	await appendAudit(db, {
		actor: locals.user?.username ?? 'unknown',
		action: 'export',
		targetType: 'publicity',
		targetId: day,
		detail: { format, rows: rows.length, filter: { ...filter } },
		ip: clientAddress(event)
	});
	return new Response(body, {
		headers: {
			'content-type': format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`${name}.${format}`)}`,
			'cache-control': 'no-store'
		}
	});
};
