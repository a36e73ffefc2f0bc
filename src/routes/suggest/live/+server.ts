import { json } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { getCatalog } from '$lib/server/catalog';
import { getSettings } from '$lib/server/auth';
import { serverSuggester, similarWithParties } from '$lib/server/model';
import { fieldError, parseSuggestRequest } from '$lib/domain/suggest-request';
import { msg } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** The page's live answer: the whole suggestion (tier, drivers, similar cases with masked parties). */
export const POST: RequestHandler = async ({ request, locals }) => {
	const parsed = parseSuggestRequest(await request.json().catch(() => undefined));
	if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
	const db = await getDatabase();
	let suggester;
	try {
		suggester = await serverSuggester(db, getCatalog());
	} catch (e) {
		console.error('discretion model unavailable:', e);
		return json({ errors: [fieldError('(model)', msg('err.suggest.modelNotReady'))] }, { status: 503 });
	}
	// Thirty neighbours for the chart; the table shows the first ten.
	const [s] = suggester.suggest([parsed.value.input], parsed.value.level, 30);
	const settings = await getSettings(db);
	const similar = await similarWithParties(db, s!, {
		roles: locals.user?.roles ?? [],
		certNo: locals.user?.certNo ?? null,
		adminSeesPersonalData: settings.adminSeesPersonalData
	});
	return json({ ...s!, similar });
};
