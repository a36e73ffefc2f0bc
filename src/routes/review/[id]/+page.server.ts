import { error, fail } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { checkReview, reviewForm, reviewPage, ReviewError, submitReview } from '$lib/server/review';
import { formObject } from '$lib/server/http/form';
import { actorOf } from '$lib/server/http/request-meta';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const page = await reviewPage(await getDatabase(), locals.user, { caseId: params.id, agency: url.searchParams.get('agency') });
	if (!page) error(404, 'not found');
	return page;
};

export const actions: Actions = {
	default: async (event) => {
		const submission = reviewForm.parse(formObject(await event.request.formData()));
		const checked = checkReview(submission);
		// Whatever was typed comes back with the message, so nothing the reviewer wrote is lost.
		if (!checked.ok) return fail(400, { error: checked.error, submission });
		try {
			const id = await submitReview(
				await getDatabase(),
				actorOf(event),
				{ caseId: event.params.id, agency: event.url.searchParams.get('agency') },
				checked.submission
			);
			return { saved: id };
		} catch (e) {
			if (e instanceof ReviewError) return fail(409, { error: e.msg, submission });
			throw e;
		}
	}
};
