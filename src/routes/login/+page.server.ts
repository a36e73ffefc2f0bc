import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { getDatabase } from '$lib/server/db';
import { LOCKOUT_MS, MAX_FAILED_ATTEMPTS, MAX_USERNAME_INPUT, signIn, signInInputFits } from '$lib/server/auth';
import { clientAddress, safeReturnPath } from '$lib/server/http/request-meta';
import { formText, readForm } from '$lib/server/http/form';
import { setSessionCookie } from '$lib/server/http/cookies';
import { translator } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

const signInForm = z.object({ username: formText(z.string().trim().toLowerCase()), password: formText() });

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeReturnPath(url.searchParams.get('to')));
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const { request, cookies, url, locals } = event;
		const t = translator(locals.locale);
		const refused = t('auth.invalid', { attempts: MAX_FAILED_ATTEMPTS, minutes: LOCKOUT_MS / 60_000 });
		const { username, password } = readForm(signInForm, await request.formData());
		if (!username || !password) return fail(400, { username, message: t('auth.missing') });
		// No account has a name this long: refused before any lookup, hashing or audit entry.
		if (!signInInputFits(username, password)) return fail(400, { username: username.slice(0, MAX_USERNAME_INPUT), message: refused });
		const r = await signIn(await getDatabase(), { username, password }, { ip: clientAddress(event), userAgent: request.headers.get('user-agent') });
		// Unknown, wrong, locked and disabled get one answer, so that the form tells nothing about an account.
		if (!r.ok) return fail(400, { username, message: refused });
		setSessionCookie(cookies, r.token, url);
		redirect(303, r.user.mustChangePassword ? '/account?first=1' : safeReturnPath(url.searchParams.get('to')));
	}
};
