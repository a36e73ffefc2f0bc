import { fieldError, mayPropose, parseSuggestRequest, type FieldError, type SuggestRequest } from '../../domain/suggest-request';
import type { Actor } from '../audit/actor';
import { catalogBook, getCatalog } from '../catalog';
import { findCase } from '../cases/read';
import type { Database, Queryable } from '../db';
import { viewerFor, type Reader } from '../viewer';
import { formFields, formItems, requestOf, similarWithParties } from './officer-form';
import { proposalsOf, saveProposal } from './proposals';
import { currentSuggester } from './suggesters';
import { suggestWithFacts } from './similar-facts';
import { contractOf } from './suggest';
import { finedItemComparisons, type PeerComparison } from '../peers';
import { msg, type Text } from '../../i18n/message';

/** The discretion page's reads and its one write; the routes only pass the request through. */

/** The form's catalog, the model in use (or why there is none) and, when a case number is given, that case's inputs. */
export async function suggestPage(db: Queryable, caseId: string | null) {
	const catalog = getCatalog();
	let model: { version: string; coverage80: number | null; cases: number } | null = null;
	let modelError: string | null = null;
	try {
		const s = await currentSuggester(db, catalog);
		model = { version: s.model.version, coverage80: s.model.meta.coverage['80'] ?? null, cases: s.model.meta.training.cases };
	} catch (e) {
		modelError = e instanceof Error ? e.message : String(e);
	}
	let opened: { request: SuggestRequest; agency: string; status: string | null } | null = null;
	let notFound = false;
	if (caseId) {
		// The form holds circumstances only, never the party: nothing here needs masking.
		const c = await findCase(db, { caseId });
		if (c) opened = { request: requestOf(c), agency: c.agency ?? '', status: c.status };
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
		proposals: caseId ? await proposalsOf(db, caseId) : [],
		// Other agencies' published fines for each fined item, beside the suggestion (reference only).
		peers: Object.fromEntries((await finedItemComparisons(db, catalog)).map((c) => [c.item, c])) as Record<string, PeerComparison>
	};
}

/** Why a suggestion cannot be given now: the input's field errors, or no model yet. */
export type LiveRefusal = { status: 400 | 503; errors: FieldError[] };

/**
 * A suggestion for a posted request, its similar cases chosen by circumstances and facts text and masked for the
 * reader; or why there is none (the input's field errors, or no model yet).
 */
async function answerFor(db: Queryable, user: Reader, body: unknown, k: number) {
	const parsed = parseSuggestRequest(body);
	if (!parsed.ok) return { ok: false as const, refused: { status: 400, errors: parsed.errors } satisfies LiveRefusal };
	let suggester;
	try {
		suggester = await currentSuggester(db, getCatalog());
	} catch (e) {
		console.error('discretion model unavailable:', e);
		return {
			ok: false as const,
			refused: {
				status: 503,
				errors: [fieldError('(model)', msg('err.suggest.modelNotReady'))]
			} satisfies LiveRefusal
		};
	}
	const viewer = await viewerFor(db, user);
	const { input, facts, level } = parsed.value;
	const [s] = await suggestWithFacts(db, suggester, viewer, [{ input, facts, level }], k);
	return { ok: true as const, suggestion: s!, suggester, viewer };
}

/**
 * The page's live answer for a posted request: the whole suggestion with thirty neighbours for the chart, their
 * parties masked for the reader.
 */
export async function liveSuggestion(db: Queryable, user: Reader, body: unknown) {
	const a = await answerFor(db, user, body, 30);
	if (!a.ok) return a;
	const similar = await similarWithParties(db, a.suggestion, a.viewer);
	// A proposal is judged today: the suggester holds the version in force, and the answer names it.
	const v = (await catalogBook(db))?.versions.find((x) => x.catalog === a.suggester.catalog) ?? null;
	const catalog_version = v ? { version: v.version, label: v.label, effective_from: v.effective_from } : null;
	return { ok: true as const, suggestion: { ...a.suggestion, similar, catalog_version } };
}

/** The JSON API's answer: the suggestion object of the command line's contract, for the reader (masked phrases). */
export async function apiSuggestion(db: Queryable, user: Reader, body: unknown) {
	const a = await answerFor(db, user, body, 10);
	return a.ok ? { ok: true as const, contract: contractOf(a.suggestion) } : a;
}

/** The outcome of saving a proposal: its number, or the message and status to answer with (the form is kept). */
export type SaveOutcome = { ok: true; id: number } | { ok: false; status: 400 | 403 | 404 | 409 | 503; message: Text };

/**
 * Saves an officer's proposal with the suggestion for the same inputs, which is what the page showed; refuses when
 * the model changed since (`shownVersion`), so the officer never saves beside a suggestion they did not see. Only
 * for a case that exists, by one of its officers or a reviewer; what is stored is the validated request.
 */
export async function saveProposalFor(db: Database, actor: Actor, user: Reader, requestJson: string, shownVersion: string): Promise<SaveOutcome> {
	let body: unknown;
	try {
		body = JSON.parse(requestJson);
	} catch {
		return { ok: false, status: 400, message: msg('err.suggest.unreadable') };
	}
	const parsed = parseSuggestRequest(body);
	if (!parsed.ok) return { ok: false, status: 400, message: parsed.errors.map((e) => e.message) };
	const caseId = parsed.value.input.case_id?.trim();
	if (!caseId) return { ok: false, status: 400, message: msg('err.suggest.caseId') };
	if (parsed.value.input.fine_amount === null && parsed.value.input.circumstance_tier !== '不予处罚') {
		return { ok: false, status: 400, message: msg('err.suggest.fine') };
	}
	const c = await findCase(db, { caseId });
	if (!c) return { ok: false, status: 404, message: msg('err.suggest.noSuchCase', { caseId }) };
	if (!mayPropose(await viewerFor(db, user), c)) return { ok: false, status: 403, message: msg('err.suggest.notYourCase', { caseId }) };
	const suggester = await currentSuggester(db, getCatalog()).catch(() => null);
	if (!suggester) return { ok: false, status: 503, message: msg('err.suggest.modelNotReadySave') };
	if (shownVersion && shownVersion !== suggester.model.version) {
		return { ok: false, status: 409, message: msg('err.suggest.modelChanged') };
	}
	// The same similar cases as the page showed: by the facts as well, when there are facts.
	const { input, facts, level } = parsed.value;
	const [s] = await suggestWithFacts(db, suggester, await viewerFor(db, user), [{ input, facts, level }]);
	const id = await saveProposal(db, {
		agency: c.agency,
		caseId,
		user: actor.username,
		input: parsed.value.request,
		suggestion: s!,
		ip: actor.ip
	});
	return { ok: true, id };
}
