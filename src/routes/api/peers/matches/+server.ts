import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { getDatabase } from '$lib/server/db';
import { getCatalog } from '$lib/server/catalog';
import { confirmViolationMatch } from '$lib/server/peers';
import { errorBody, msg } from '$lib/i18n';
import type { RequestHandler } from './$types';

const body = z.object({ text: z.string().min(1).max(2000), item: z.string().max(100).nullable() });

/**
 * The analyst's word on a violation text, given where the list was just imported (the peers page's form does the
 * same): the item it is about, or none. Answers with the match as kept.
 */
export const POST: RequestHandler = async ({ request, locals }) => {
	if (!locals.user) error(401, 'sign in');
	const parsed = body.safeParse(await request.json().catch(() => null));
	const catalog = getCatalog();
	if (!parsed.success || (parsed.data.item !== null && !catalog.byCode.has(parsed.data.item)))
		return json(errorBody(msg('peers.confirmError')), { status: 400 });
	const { text, item } = parsed.data;
	if (!(await confirmViolationMatch(await getDatabase(), text, item, catalog, locals.user.username)))
		return json(errorBody(msg('peers.confirmError')), { status: 404 });
	return json({ text, item_code: item, score: 1, confirmed_by: locals.user.username });
};
