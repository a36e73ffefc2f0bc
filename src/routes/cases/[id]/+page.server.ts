import { error, fail } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { casePage, correctCircumstance, CorrectionError, readCorrection } from '$lib/server/cases';
import { formObject, formText } from '$lib/server/http/form';
import { actorOf } from '$lib/server/http/request-meta';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const page = await casePage(await getDatabase(), locals.user, { caseId: params.id, agency: url.searchParams.get('agency') });
	if (!page) error(404, 'not found');
	return page;
};

const correctionForm = z.object({ key: formText(), value: formText() });

export const actions: Actions = {
	correct: async (event) => {
		const form = correctionForm.parse(formObject(await event.request.formData()));
		const read = readCorrection(form.key, form.value);
		// What was typed comes back with the message, beside the circumstance it was typed for.
		if (!read.ok) return fail(400, { error: read.error, key: form.key, value: form.value });
		try {
			await correctCircumstance(
				await getDatabase(),
				actorOf(event),
				{ caseId: event.params.id, agency: event.url.searchParams.get('agency') },
				read.correction
			);
			return { corrected: form.key };
		} catch (e) {
			if (e instanceof CorrectionError) return fail(409, { error: e.msg, key: form.key, value: form.value });
			throw e;
		}
	}
};
