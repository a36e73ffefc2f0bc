import { error, fail, redirect } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { getDecision, PublicityError, today, withdrawDecision } from '$lib/server/publicity';
import { maskCase } from '$lib/domain/masking';
import { groundFromCase, WITHDRAW_GROUNDS, WITHDRAWAL_DAYS } from '$lib/domain/publicity-deadlines';
import { actorOf, viewerOf } from '../viewer';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const agency = url.searchParams.get('agency') ?? '';
	const caseId = url.searchParams.get('case') ?? '';
	const d = await getDecision(await getDatabase(), agency, caseId);
	if (!d) error(404, 'not a decision in publicity');
	const masked = maskCase(d, await viewerOf(locals));
	return {
		today: today(),
		grounds: WITHDRAW_GROUNDS,
		days: WITHDRAWAL_DAYS,
		suggested: groundFromCase(d),
		decision: {
			agency: d.agency,
			case_id: d.case_id,
			decision_no: d.decision_no,
			party_name: masked.party_name,
			item_name: d.item_name,
			decided_on: d.decided_on,
			published_on: d.published_on,
			withdrawn_on: d.withdrawn_on,
			status: d.status,
			reconsideration: d.reconsideration,
			litigation: d.litigation
		}
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const agency = event.url.searchParams.get('agency') ?? '';
		const caseId = event.url.searchParams.get('case') ?? '';
		const values = {
			ground: String(form.get('ground') ?? ''),
			reason: String(form.get('reason') ?? ''),
			rulingOn: String(form.get('rulingOn') ?? '') || null,
			withdrawnOn: String(form.get('withdrawnOn') ?? '')
		};
		try {
			const day = today();
			await withdrawDecision(await getDatabase(), agency, caseId, values, actorOf(event), day);
		} catch (e) {
			if (e instanceof PublicityError) return fail(400, { error: e.msg, values });
			throw e;
		}
		redirect(303, `/publicity/withdrawn?done=${encodeURIComponent(caseId)}`);
	}
};
