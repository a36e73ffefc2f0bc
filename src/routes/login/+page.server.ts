import { fail, redirect } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { checkCredentials, createSession } from '$lib/server/auth';
import { appendAudit } from '$lib/server/audit';
import { clientAddress, safeReturnPath } from '$lib/server/http/request-meta';
import { setSessionCookie } from '$lib/server/http/cookies';
import { translator } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeReturnPath(url.searchParams.get('to')));
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const { request, cookies, url, locals } = event;
		const t = translator(locals.locale);
		const form = await request.formData();
		const username = String(form.get('username') ?? '')
			.trim()
			.toLowerCase();
		const password = String(form.get('password') ?? '');
		if (!username || !password) return fail(400, { username, message: t('auth.missing') });
		const db = await getDatabase();
		const ip = clientAddress(event);
		const r = await checkCredentials(db, username, password);
		if (!r.ok) {
			await appendAudit(db, { actor: username, action: 'sign-in-failed', targetType: 'user', targetId: username, detail: { reason: r.reason }, ip });
			const message =
				r.reason === 'locked'
					? t('auth.locked', { time: new Date(r.lockedUntilMs ?? Date.now()).toLocaleTimeString(locals.locale, { hour: '2-digit', minute: '2-digit' }) })
					: r.reason === 'disabled'
						? t('auth.disabled')
						: t('auth.invalid');
			return fail(r.reason === 'invalid' ? 400 : 403, { username, message });
		}
		const token = await createSession(db, r.user.id, { ip, userAgent: request.headers.get('user-agent') });
		setSessionCookie(cookies, token, url);
		await appendAudit(db, { actor: r.user.username, action: 'sign-in', targetType: 'user', targetId: r.user.username, ip });
		redirect(303, r.user.mustChangePassword ? '/account?first=1' : safeReturnPath(url.searchParams.get('to')));
	}
};
