import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { getDatabase } from '$lib/server/db';
import { mayActOnPublicity, publicityDesk, publishDecision, PublicityError, today } from '$lib/server/publicity';
import { parseForm } from '$lib/server/http/form';
import { actorOf } from '$lib/server/http/request-meta';
import { pageNumber } from '$lib/server/http/form';
import type { Actions, PageServerLoad } from './$types';

const PAGE = 50;

export const load: PageServerLoad = async ({ url, locals }) => ({
	...(await publicityDesk(await getDatabase(), locals.user, pageNumber(url.searchParams), PAGE)),
	canAct: mayActOnPublicity(locals.user)
});

const publishForm = z.object({ agency: z.string().default(''), case: z.string().default('') });

export const actions: Actions = {
	publish: async (event) => {
		const form = parseForm(publishForm, await event.request.formData());
		const { agency, case: caseId } = form.success ? form.data : { agency: '', case: '' };
		const day = today();
		try {
			await publishDecision(await getDatabase(), agency, caseId, day, actorOf(event), day);
			return { published: caseId };
		} catch (e) {
			if (e instanceof PublicityError) return fail(400, { error: e.msg, caseId });
			throw e;
		}
	}
};
