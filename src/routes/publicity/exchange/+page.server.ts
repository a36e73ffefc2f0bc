import { fail } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { appendAudit } from '$lib/server/audit';
import { isValidUscc } from '$lib/domain/check-digits';
import { deliveredUpTo, getPublicitySettings, latestSeq, listDeliveries, pushConfigured, setPublicitySettings, syncFeed, today } from '$lib/server/publicity';
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

function validUrl(s: string): boolean {
	try {
		const u = new URL(s);
		return u.protocol === 'http:' || u.protocol === 'https:';
	} catch {
		return false;
	}
}

export const actions: Actions = {
	save: async (event) => {
		const form = await event.request.formData();
		const get = (k: string) => String(form.get(k) ?? '').trim();
		const values = {
			agencyCode: get('agencyCode').toUpperCase(),
			sourceUnit: get('sourceUnit'),
			sourceCode: get('sourceCode').toUpperCase(),
			pushUrl: get('pushUrl')
		};
		if (values.agencyCode && !isValidUscc(values.agencyCode)) return fail(400, { error: 'agencyCode', values });
		if (values.sourceCode && !isValidUscc(values.sourceCode)) return fail(400, { error: 'sourceCode', values });
		if (values.pushUrl && !validUrl(values.pushUrl)) return fail(400, { error: 'pushUrl', values });
		const secret = get('pushSecret');
		const db = await getDatabase();
		await setPublicitySettings(db, { ...values, ...(secret || form.get('clearSecret') ? { pushSecret: secret } : {}) });
		const actor = actorOf(event);
		// The secret itself never goes into the log.
		await appendAudit(db, { actor: actor.username, action: 'publicity-settings', targetType: 'settings', targetId: 'publicity', detail: values, ip: actor.ip });
		return { saved: true };
	},
	push: async () => {
		// One quick retry here: the page waits for it; the background loop retries with longer pauses.
		const r = await pushConfigured(await getDatabase(), { backoffMs: [1_000] });
		return { pushed: r ?? { delivered: 0, batches: 0, failed: true, lastError: null } };
	}
};
