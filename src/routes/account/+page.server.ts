import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { getDatabase } from '$lib/server/db';
import { AccountError, changeOwnPassword, signOutEverywhere } from '$lib/server/auth';
import { clientAddress } from '$lib/server/http/request-meta';
import { formText, readForm } from '$lib/server/http/form';
import { clearSessionCookie } from '$lib/server/http/cookies';
import { msg, translator } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

const passwordForm = z.object({ current: formText(), next: formText(), confirm: formText() });

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
		const { current, next, confirm } = readForm(passwordForm, await event.request.formData());
		if (next !== confirm) return fail(400, { password: { message: msg('account.mismatch'), ok: null } });
		try {
			await changeOwnPassword(await getDatabase(), user, current, next, clientAddress(event), event.locals.sessionToken);
		} catch (e) {
			if (e instanceof AccountError) return fail(400, { password: { message: e.msg, ok: null } });
			throw e;
		}
		return { password: { message: null, ok: t('account.changed') } };
	},
	everywhere: async (event) => {
		const user = event.locals.user;
		if (!user) error(401, 'sign in');
		await signOutEverywhere(await getDatabase(), user, clientAddress(event));
		clearSessionCookie(event.cookies, event.url);
		redirect(303, '/login');
	}
};
