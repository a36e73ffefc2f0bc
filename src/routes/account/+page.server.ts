import { error, fail, redirect } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { AccountError, changePassword, revokeUserSessions } from '$lib/server/auth';
import { appendAudit } from '$lib/server/audit';
import { clientAddress } from '$lib/server/http/request-meta';
import { clearSessionCookie } from '$lib/server/http/cookies';
import { msg, translator } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const u = locals.user;
	if (!u) error(401, 'sign in');
	return {
		account: {
			username: u.username,
			displayName: u.displayName,
			roles: u.roles,
			certNo: u.certNo,
			department: u.department,
			mustChangePassword: u.mustChangePassword
		},
		first: url.searchParams.has('first') || u.mustChangePassword
	};
};

export const actions: Actions = {
	password: async (event) => {
		const user = event.locals.user;
		if (!user) error(401, 'sign in');
		const t = translator(event.locals.locale);
		const form = await event.request.formData();
		const current = String(form.get('current') ?? '');
		const next = String(form.get('next') ?? '');
		if (next !== String(form.get('confirm') ?? '')) return fail(400, { password: { message: msg('account.mismatch'), ok: null } });
		const db = await getDatabase();
		try {
			await changePassword(db, user, current, next);
		} catch (e) {
			if (e instanceof AccountError) return fail(400, { password: { message: e.msg, ok: null } });
			throw e;
		}
		await appendAudit(db, { actor: user.username, action: 'password-changed', targetType: 'user', targetId: user.username, ip: clientAddress(event) });
		return { password: { message: null, ok: t('account.changed') } };
	},
	everywhere: async (event) => {
		const user = event.locals.user;
		if (!user) error(401, 'sign in');
		const db = await getDatabase();
		const n = await revokeUserSessions(db, user.id);
		await appendAudit(db, {
			actor: user.username,
			action: 'sign-out-everywhere',
			targetType: 'user',
			targetId: user.username,
			detail: { sessions: n },
			ip: clientAddress(event)
		});
		clearSessionCookie(event.cookies, event.url);
		redirect(303, '/login');
	}
};
