import { json } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { getCatalog } from '$lib/server/catalog';
import { pullChanges, today } from '$lib/server/publicity';
import { readCursor } from '$lib/domain/publicity-feed';
import type { RequestHandler } from './$types';
import { bilingual } from '$lib/i18n';

/** The city platform's pull: what changed after `since` (README「公示数据接口」). The role matrix asks for a token. */
export const GET: RequestHandler = async ({ url }) => {
	const cursor = readCursor(url.searchParams.get('since'), url.searchParams.get('limit'));
	if (!cursor.ok) return json({ error: { status: 400, ...bilingual(cursor.error) } }, { status: 400 });
	const page = await pullChanges(await getDatabase(), getCatalog(), today(), cursor.since, cursor.limit);
	return json(page, { headers: { 'cache-control': 'no-store' } });
};
