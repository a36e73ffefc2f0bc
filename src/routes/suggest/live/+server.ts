import { json } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { liveSuggestion } from '$lib/server/model';
import type { RequestHandler } from './$types';

/** The page's live answer: the whole suggestion (tier, drivers, similar cases with masked parties). */
export const POST: RequestHandler = async ({ request, locals }) => {
	const answer = await liveSuggestion(await getDatabase(), locals.user, await request.json().catch(() => undefined));
	return answer.ok ? json(answer.suggestion) : json({ errors: answer.refused.errors }, { status: answer.refused.status });
};
