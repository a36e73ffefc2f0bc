import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { annualReport, reportWorkbook } from '$lib/server/stats';
import { appendAudit } from '$lib/server/audit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, locals, getClientAddress }) => {
	const year = Number(url.searchParams.get('year'));
	if (!Number.isInteger(year) || year < 1900 || year > 2200) error(400, 'year');
	const db = await getDatabase();
	const report = await annualReport(db, year);
	const buffer = await (await reportWorkbook(report)).xlsx.writeBuffer();
	await appendAudit(db, {
		actor: locals.user?.username ?? 'unknown',
		action: 'export',
		targetType: 'report',
		targetId: String(year),
		detail: { format: 'xlsx' },
		ip: getClientAddress()
	});
	const name = `${report.agency}${year}年度行政执法统计年报.xlsx`;
	return new Response(new Uint8Array(buffer as ArrayBuffer), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`
		}
	});
};
