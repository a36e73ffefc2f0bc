import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { getDatabase } from '$lib/server/db';
import { PublicityError, today, withdrawalTarget, withdrawDecision } from '$lib/server/publicity';
import { WITHDRAW_GROUNDS, WITHDRAWAL_DAYS } from '$lib/domain/publicity-deadlines';
import { formObject } from '$lib/server/http/form';
import { actorOf } from '$lib/server/http/request-meta';
import type { Actions, PageServerLoad } from './$types';

const decisionQuery = (params: URLSearchParams) => ({ agency: params.get('agency') ?? '', caseId: params.get('case') ?? '' });

export const load: PageServerLoad = async ({ url, locals }) => {
	const { agency, caseId } = decisionQuery(url.searchParams);
	const target = await withdrawalTarget(await getDatabase(), locals.user, agency, caseId);
	if (!target) error(404, 'not a decision in publicity');
	return { today: today(), grounds: WITHDRAW_GROUNDS, days: WITHDRAWAL_DAYS, ...target };
};

/** The withdrawal form; the checks of its values (ground, dates, reason) are the server's, with their messages. */
const withdrawForm = z.object({
	ground: z.string().default(''),
	reason: z.string().default(''),
	rulingOn: z
		.string()
		.default('')
		.transform((v) => v || null),
	withdrawnOn: z.string().default('')
});

export const actions: Actions = {
	default: async (event) => {
		const { agency, caseId } = decisionQuery(event.url.searchParams);
		const raw = formObject(await event.request.formData());
		const parsed = withdrawForm.safeParse(raw);
		const values = parsed.success ? parsed.data : { ground: '', reason: '', rulingOn: null, withdrawnOn: '' };
		try {
			await withdrawDecision(await getDatabase(), agency, caseId, values, actorOf(event), today());
		} catch (e) {
			if (e instanceof PublicityError) return fail(400, { error: e.msg, values });
			throw e;
		}
		redirect(303, `/publicity/withdrawn?done=${encodeURIComponent(caseId)}`);
	}
};
