import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { getDatabase } from '$lib/server/db';
import { saveProposalFor, suggestPage } from '$lib/server/model';
import { parseForm } from '$lib/server/http/form';
import { actorOf } from '$lib/server/http/request-meta';
import type { Actions, PageServerLoad } from './$types';
import { msg } from '$lib/i18n';

export const load: PageServerLoad = async ({ url }) => suggestPage(await getDatabase(), url.searchParams.get('case')?.trim() || null);

/** The save form: the page's request as JSON and the model version its suggestion came from. */
const saveForm = z.object({ request: z.string().default(''), model_version: z.string().default('') });

export const actions: Actions = {
	/** Saves the proposal with the suggestion for the same inputs, which is what the page showed. */
	save: async (event) => {
		const form = parseForm(saveForm, await event.request.formData());
		if (!form.success) return fail(400, { saveError: msg('err.suggest.unreadable') });
		const saved = await saveProposalFor(await getDatabase(), actorOf(event), event.locals.user, form.data.request, form.data.model_version);
		return saved.ok ? { saved: saved.id } : fail(saved.status, { saveError: saved.message });
	}
};
