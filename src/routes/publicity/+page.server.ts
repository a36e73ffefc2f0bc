import { fail } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { getCatalog } from '$lib/server/catalog';
import { getCalendar } from '$lib/server/calendar';
import { listDue, listToWithdraw, publicitySummary, publishDecision, PublicityError, today } from '$lib/server/publicity';
import { maskCase } from '$lib/domain/masking';
import { groundFromCase, publicationDue } from '$lib/domain/publicity-deadlines';
import { actorOf, canAct, viewerOf } from './viewer';
import type { Actions, PageServerLoad } from './$types';

const PAGE = 50;

export const load: PageServerLoad = async ({ url, locals }) => {
	const db = await getDatabase();
	const [cal, catalog, day] = [getCalendar(), getCatalog(), today()];
	const page = Math.max(0, Math.floor(Number(url.searchParams.get('page')) || 0));
	const [summary, due, toWithdraw, viewer] = await Promise.all([
		publicitySummary(db, cal, catalog, day),
		listDue(db, day, PAGE, page * PAGE),
		listToWithdraw(db, day, 100),
		viewerOf(locals)
	]);
	const row = <T extends Parameters<typeof maskCase>[0]>(r: T) => maskCase(r, viewer);
	return {
		today: day,
		summary,
		page,
		pages: Math.max(1, Math.ceil(due.total / PAGE)),
		canAct: canAct(locals),
		due: due.rows.map((r) => ({ ...row(r), extra: null, due: publicationDue(cal, catalog, r, day) })),
		toWithdraw: toWithdraw.rows.map((r) => ({ ...row(r), extra: null, ground: groundFromCase(r) }))
	};
};

export const actions: Actions = {
	publish: async (event) => {
		const form = await event.request.formData();
		const agency = String(form.get('agency') ?? '');
		const caseId = String(form.get('case') ?? '');
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
