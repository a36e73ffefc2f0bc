import { error, json } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { getBatch, quarantineCsv, quarantineOf } from '$lib/server/import';
import { appendAudit } from '$lib/server/audit';
import type { MappedColumn } from '$lib/domain/headers';
import type { RequestHandler } from './$types';

/**
 * The batch's quarantined rows: ?format=json gives the first hundred for the page; otherwise a CSV (UTF-8 with
 * BOM for Excel) of all of them, to fix and import again.
 */
export const GET: RequestHandler = async ({ params, locals, url, getClientAddress }) => {
	const id = Number(params.id);
	const db = await getDatabase();
	const batch = Number.isInteger(id) ? await getBatch(db, id) : null;
	if (!batch) error(404, 'no such batch');
	if (url.searchParams.get('format') === 'json') return json(await quarantineOf(db, id, 100));
	const [m] = await db.query<{ mapping: string | null }>('SELECT mapping FROM batches WHERE id = ?', [id]);
	const header = m?.mapping ? (JSON.parse(m.mapping) as MappedColumn[]).map((c) => c.header) : [];
	const csv = await quarantineCsv(db, id, header);
	await appendAudit(db, {
		actor: locals.user?.username ?? 'unknown',
		action: 'export',
		targetType: 'batch',
		targetId: String(id),
		detail: { what: 'quarantine' },
		ip: getClientAddress()
	});
	const name = `${batch.file_name.replace(/\.[^.]+$/, '')}-隔离行-批次${id}.csv`;
	return new Response(csv, {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}` }
	});
};
