import { redirect } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { signOut } from '$lib/server/auth';
import { clientAddress } from '$lib/server/http/request-meta';
import { clearSessionCookie } from '$lib/server/http/cookies';
import type { Actions, PageServerLoad } from './$types';

// Signing out changes state, so it is a POST; a GET here just goes home.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async (event) => {
		await signOut(await getDatabase(), { token: event.locals.sessionToken, user: event.locals.user, ip: clientAddress(event) });
		clearSessionCookie(event.cookies, event.url);
		redirect(303, '/login');
	}
};
