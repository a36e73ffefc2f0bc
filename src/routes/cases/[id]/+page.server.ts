import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { getCase } from '$lib/server/cases';
import { getCatalog } from '$lib/server/catalog';
import { getCalendar } from '$lib/server/calendar';
import { getSettings } from '$lib/server/auth';
import { maskCase } from '$lib/domain/masking';
import { caseTimeline } from '$lib/domain/timeline';
import { FIELDS } from '$lib/domain/case-schema';
import { caseFileView } from '$lib/server/files/case-view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const db = await getDatabase();
	let agency = url.searchParams.get('agency');
	if (!agency) {
		const found = await db.query<{ agency: string }>('SELECT agency FROM cases WHERE case_id = ? LIMIT 2', [params.id]);
		if (found.length !== 1) error(404, 'not found');
		agency = found[0]!.agency;
	}
	const c = await getCase(db, agency, params.id);
	if (!c) error(404, 'not found');
	const settings = await getSettings(db);
	const shown = maskCase(c, { roles: locals.user?.roles ?? [], certNo: locals.user?.certNo ?? null, adminSeesPersonalData: settings.adminSeesPersonalData });
	const [extra] = await db.query<{ extra: string | null; batch_id: number | null }>('SELECT extra, batch_id FROM cases WHERE agency = ? AND case_id = ?', [
		agency,
		params.id
	]);
	return {
		record: shown,
		masked: shown.party_name !== c.party_name,
		timeline: caseTimeline(c, getCalendar(), getCatalog()),
		fields: FIELDS.map((f) => ({ key: f.key, header: f.header, en: f.en, type: f.type, group: f.group })),
		extra: extra?.extra ? (JSON.parse(extra.extra) as Record<string, string>) : {},
		batch: extra?.batch_id ?? null,
		files: await caseFileView(db, getCatalog(), c, locals.user)
	};
};
