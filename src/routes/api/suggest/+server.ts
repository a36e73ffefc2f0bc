import { json } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { getCatalog } from '$lib/server/catalog';
import { contractOf, currentSuggester } from '$lib/server/model';
import { fieldError, parseSuggestRequest } from '$lib/domain/suggest-request';
import { msg } from '$lib/i18n';
import type { RequestHandler } from './$types';

/**
 * POST a JSON case (data-dictionary keys, money in yuan): the suggestion object of the `suggest` command. Bad
 * input is a 400 with the field errors in Chinese and English; no model yet is a 503; never a 500 for the caller's input.
 */
export const POST: RequestHandler = async ({ request }) => {
	const body: unknown = await request.json().catch(() => undefined);
	if (body === undefined) return json({ errors: [fieldError('(body)', msg('err.suggest.json'))] }, { status: 400 });
	const parsed = parseSuggestRequest(body);
	if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
	let suggester;
	try {
		suggester = await currentSuggester(await getDatabase(), getCatalog());
	} catch (e) {
		console.error('discretion model unavailable:', e);
		return json({ errors: [fieldError('(model)', msg('err.suggest.modelNotReady'))] }, { status: 503 });
	}
	const [s] = suggester.suggest([parsed.value.input], parsed.value.level);
	return json(contractOf(s!));
};
