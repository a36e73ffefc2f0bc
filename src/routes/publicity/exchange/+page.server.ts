import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { getDatabase } from '$lib/server/db';
import {
	changePublicitySettings,
	deliveredUpTo,
	getPublicitySettings,
	latestSeq,
	listDeliveries,
	pushConfigured,
	syncFeed,
	today
} from '$lib/server/publicity';
import { formText, readForm } from '$lib/server/http/form';
import { actorOf } from '$lib/server/http/request-meta';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const db = await getDatabase();
	await syncFeed(db, today());
	const settings = await getPublicitySettings(db);
	return {
		settings: { ...settings, pushSecret: '', hasSecret: settings.pushSecret !== '' },
		latest: await latestSeq(db),
		delivered: settings.pushUrl ? await deliveredUpTo(db, settings.pushUrl) : null,
		deliveries: await listDeliveries(db, 30)
	};
};

const trimmed = formText(z.string().trim());
const code = formText(z.string().trim().toUpperCase());
const settingsForm = z.object({
	agencyCode: code,
	sourceUnit: trimmed,
	sourceCode: code,
	pushUrl: trimmed,
	pushSecret: trimmed,
	clearSecret: formText()
});

export const actions: Actions = {
	save: async (event) => {
		const { pushSecret, clearSecret, ...values } = readForm(settingsForm, await event.request.formData());
		// An empty secret box keeps the saved secret, unless "clear" was ticked.
		const r = await changePublicitySettings(await getDatabase(), actorOf(event), values, pushSecret || clearSecret ? pushSecret : undefined);
		if (!r.ok) return fail(400, { error: r.field, values });
		return { saved: true };
	},
	push: async () => {
		// One quick retry here: the page waits for it; the background loop retries with longer pauses.
		const r = await pushConfigured(await getDatabase(), { backoffMs: [1_000] });
		return { pushed: r ?? { delivered: 0, batches: 0, failed: true, lastError: null } };
	}
};
