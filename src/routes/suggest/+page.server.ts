import { fail } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { getCatalog } from '$lib/server/catalog';
import { getCase } from '$lib/server/cases';
import { formFields, formItems, proposalsOf, requestOf, saveProposal, serverSuggester } from '$lib/server/model';
import { parseSuggestRequest, type SuggestRequest } from '$lib/domain/suggest-request';
import { clientAddress } from '$lib/server/http/request-meta';
import type { Actions, PageServerLoad } from './$types';
import { msg } from '$lib/i18n';

export const load: PageServerLoad = async ({ url }) => {
	const db = await getDatabase();
	const catalog = getCatalog();
	let model: { version: string; coverage80: number | null; cases: number } | null = null;
	let modelError: string | null = null;
	try {
		const s = await serverSuggester(db, catalog);
		model = { version: s.model.version, coverage80: s.model.meta.coverage['80'] ?? null, cases: s.model.meta.training.cases };
	} catch (e) {
		modelError = e instanceof Error ? e.message : String(e);
	}
	const caseId = url.searchParams.get('case')?.trim() || null;
	let opened: { request: SuggestRequest; agency: string; status: string | null } | null = null;
	let notFound = false;
	if (caseId) {
		const found = await db.query<{ agency: string }>('SELECT agency FROM cases WHERE case_id = ? LIMIT 1', [caseId]);
		const c = found[0] ? await getCase(db, found[0].agency, caseId) : null;
		if (c) opened = { request: requestOf(c), agency: c.agency ?? found[0]!.agency, status: c.status };
		else notFound = true;
	}
	return {
		items: formItems(catalog),
		fields: formFields(catalog),
		model,
		modelError,
		caseId,
		opened,
		notFound,
		proposals: caseId ? await proposalsOf(db, caseId) : []
	};
};

export const actions: Actions = {
	/** Saves the proposal with the suggestion for the same inputs, which is what the page showed. */
	save: async (event) => {
		const { request, locals } = event;
		const form = await request.formData();
		let body: unknown;
		try {
			body = JSON.parse(String(form.get('request') ?? ''));
		} catch {
			return fail(400, { saveError: msg('err.suggest.unreadable') });
		}
		const parsed = parseSuggestRequest(body);
		if (!parsed.ok) return fail(400, { saveError: parsed.errors.map((e) => e.message) });
		const caseId = parsed.value.input.case_id?.trim();
		if (!caseId) return fail(400, { saveError: msg('err.suggest.caseId') });
		if (parsed.value.input.fine_amount === null && parsed.value.input.circumstance_tier !== '不予处罚') {
			return fail(400, { saveError: msg('err.suggest.fine') });
		}
		const db = await getDatabase();
		const suggester = await serverSuggester(db, getCatalog()).catch(() => null);
		if (!suggester) return fail(503, { saveError: msg('err.suggest.modelNotReadySave') });
		const shownVersion = String(form.get('model_version') ?? '');
		if (shownVersion && shownVersion !== suggester.model.version) {
			return fail(409, { saveError: msg('err.suggest.modelChanged') });
		}
		const [s] = suggester.suggest([parsed.value.input], parsed.value.level);
		const found = await db.query<{ agency: string }>('SELECT agency FROM cases WHERE case_id = ? LIMIT 1', [caseId]);
		const id = await saveProposal(db, {
			agency: found[0]?.agency ?? null,
			caseId,
			user: locals.user?.username ?? 'unknown',
			input: body as Record<string, unknown>,
			suggestion: s!,
			ip: clientAddress(event)
		});
		return { saved: id };
	}
};
