import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { getDatabase } from '$lib/server/db';
import { getCatalog } from '$lib/server/catalog';
import { confirmViolationMatch, peersPage } from '$lib/server/peers';
import { formText, pageNumber, parseForm } from '$lib/server/http/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const db = await getDatabase();
	// A year comes with a link from the statistics of that year; anything but a plausible year means every year.
	const year = Number(url.searchParams.get('year'));
	const asked = Number.isInteger(year) && year >= 1990 && year <= 2100 ? year : null;
	return { peers: await peersPage(db, getCatalog(), url.searchParams.get('item'), pageNumber(url.searchParams), asked) };
};

const confirmForm = z.object({ text: formText(z.string().min(1).max(2000)), item: formText() });

export const actions: Actions = {
	confirm: async ({ request, locals }) => {
		if (!locals.user) error(401, 'sign in');
		const parsed = parseForm(confirmForm, await request.formData());
		if (!parsed.success) return fail(400, { confirmError: true });
		const catalog = getCatalog();
		const item = parsed.data.item === '' ? null : parsed.data.item;
		if (item !== null && !catalog.byCode.has(item)) return fail(400, { confirmError: true });
		const ok = await confirmViolationMatch(await getDatabase(), parsed.data.text, item, catalog, locals.user.username);
		return ok ? { confirmed: parsed.data.text } : fail(404, { confirmError: true });
	}
};
