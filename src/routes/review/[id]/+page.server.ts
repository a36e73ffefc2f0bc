import { error, fail } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { getCase } from '$lib/server/cases';
import { getCatalog } from '$lib/server/catalog';
import { getCalendar } from '$lib/server/calendar';
import { proposalsOf } from '$lib/server/model';
import { freshFlags, listFlags, reviewsOf, saveReview, ReviewError } from '$lib/server/review';
import { caseTimeline } from '$lib/domain/timeline';
import { isMajorDecision } from '$lib/domain/catalog';
import { REVIEW_POINTS, REVIEW_RESULTS, reviewSubmissionSchema } from '$lib/domain/review-points';
import { FIELDS } from '$lib/domain/case-schema';
import { clientAddress } from '$lib/server/http/request-meta';
import { issueMessages } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

async function agencyOf(id: string, given: string | null): Promise<string> {
	if (given) return given;
	const found = await (await getDatabase()).query<{ agency: string }>('SELECT agency FROM cases WHERE case_id = ? LIMIT 2', [id]);
	if (found.length !== 1) error(404, 'not found');
	return found[0]!.agency;
}

export const load: PageServerLoad = async ({ params, url }) => {
	const { suggester } = await freshFlags();
	const db = await getDatabase();
	const agency = await agencyOf(params.id, url.searchParams.get('agency'));
	const c = await getCase(db, agency, params.id);
	if (!c) error(404, 'not found');
	const catalog = getCatalog();
	const [flags, proposals, reviews] = await Promise.all([
		listFlags(db, { caseId: params.id, agency, status: 'all' }),
		proposalsOf(db, params.id, agency),
		reviewsOf(db, agency, params.id)
	]);
	const now = suggester ? suggester.suggest([c])[0] : null;
	return {
		record: c,
		agency,
		major: isMajorDecision(catalog, c),
		timeline: caseTimeline(c, getCalendar(), catalog),
		fields: FIELDS.filter((f) => f.group === 'circumstances' || f.group === 'outcome' || f.group === 'identity' || f.group === 'party').map((f) => ({
			key: f.key,
			header: f.header,
			type: f.type,
			group: f.group
		})),
		openFlags: flags.filter((f) => f.status === 'open'),
		resolvedFlags: flags.filter((f) => f.status === 'accepted' || f.status === 'corrected'),
		proposal: proposals[0] ?? null,
		suggestionNow: now ? { note: now.note, low: now.low, high: now.high, version: now.model_version } : null,
		reviews,
		points: REVIEW_POINTS,
		results: REVIEW_RESULTS
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { request, params, url, locals } = event;
		const form = await request.formData();
		const agency = await agencyOf(params.id, url.searchParams.get('agency'));
		const resolutions = form
			.getAll('flag')
			.map(String)
			.map((id) => ({ flag: Number(id), resolution: String(form.get(`resolution-${id}`) ?? ''), reason: String(form.get(`reason-${id}`) ?? '') }))
			// A flag the reviewer left untouched is not resolved now.
			.filter((r) => r.resolution !== '' || r.reason.trim() !== '');
		const submission = {
			points: REVIEW_POINTS.map((_, i) => String(form.get(`point-${i}`) ?? '')),
			notes: REVIEW_POINTS.map((_, i) => String(form.get(`note-${i}`) ?? '')),
			result: String(form.get('result') ?? ''),
			opinion: String(form.get('opinion') ?? ''),
			disagreement: form.get('disagreement') === 'on',
			resolutions
		};
		const parsed = reviewSubmissionSchema.safeParse(submission);
		// Whatever was typed comes back with the message, so nothing the reviewer wrote is lost.
		if (!parsed.success) return fail(400, { error: issueMessages(parsed.error.issues), submission });
		const db = await getDatabase();
		const proposals = await proposalsOf(db, params.id, agency);
		try {
			const id = await saveReview(db, {
				agency,
				caseId: params.id,
				reviewer: locals.user?.username ?? 'unknown',
				submission: parsed.data,
				proposalId: proposals[0]?.id ?? null,
				ip: clientAddress(event)
			});
			return { saved: id };
		} catch (e) {
			if (e instanceof ReviewError) return fail(409, { error: e.msg, submission });
			throw e;
		}
	}
};
