import { json } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { apiSuggestion } from '$lib/server/model';
import { fieldError } from '$lib/domain/suggest-request';
import { msg } from '$lib/i18n';
import type { RequestHandler } from './$types';

/**
 * POST a JSON case (data-dictionary keys, money in yuan, optionally its `facts` text): the suggestion object of the
 * `suggest` command. Bad input is a 400 with the field errors in Chinese and English; no model yet is a 503; never
 * a 500 for the caller's input.
 */
export const POST: RequestHandler = async ({ request, locals }) => {
	const body: unknown = await request.json().catch(() => undefined);
	if (body === undefined) return json({ errors: [fieldError('(body)', msg('err.suggest.json'))] }, { status: 400 });
	const answer = await apiSuggestion(await getDatabase(), locals.user, body);
	return answer.ok ? json(answer.contract) : json({ errors: answer.refused.errors }, { status: answer.refused.status });
};
