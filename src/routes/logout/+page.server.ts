import { redirect } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { revokeSession } from '$lib/server/auth';
import { appendAudit } from '$lib/server/audit';
import { clientAddress } from '$lib/server/http/request-meta';
import { clearSessionCookie } from '$lib/server/http/cookies';
import type { Actions, PageServerLoad } from './$types';

// Signing out changes state, so it is a POST; a GET here just goes home.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async (event) => {
		const db = await getDatabase();
		if (event.locals.sessionToken) await revokeSession(db, event.locals.sessionToken);
		if (event.locals.user) await appendAudit(db, { actor: event.locals.user.username, action: 'sign-out', ip: clientAddress(event) });
		clearSessionCookie(event.cookies, event.url);
		redirect(303, '/login');
	}
};
