import { error, fail } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import {
	AccountError,
	addUser,
	createToken,
	getSettings,
	getUser,
	listTokens,
	listUsers,
	resetPassword,
	revokeToken,
	revokeUserSessions,
	setDisabled,
	setRoles,
	setSetting
} from '$lib/server/auth';
import { appendAudit } from '$lib/server/audit';
import { clientAddress } from '$lib/server/http/request-meta';
import { isRole, TOKEN_SCOPES, type Role, type TokenScope } from '$lib/domain/roles';
import { msg, translator } from '$lib/i18n';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async () => {
	const db = await getDatabase();
	const [users, tokens, settings] = await Promise.all([listUsers(db), listTokens(db), getSettings(db)]);
	return { users, tokens, settings, now: Date.now() };
};

function rolesFrom(form: FormData): Role[] {
	return form.getAll('roles').map(String).filter(isRole);
}

async function actorOf(event: RequestEvent) {
	const me = event.locals.user;
	if (!me) error(401, 'sign in');
	return { me, db: await getDatabase(), ip: clientAddress(event), t: translator(event.locals.locale) };
}

async function targetUser(form: FormData) {
	const id = Number(form.get('id'));
	const user = Number.isInteger(id) ? await getUser(await getDatabase(), id) : null;
	if (!user) error(404, 'no such user');
	return user;
}

export const actions: Actions = {
	add: async (event) => {
		const { me, db, ip, t } = await actorOf(event);
		const form = await event.request.formData();
		const values = {
			username: String(form.get('username') ?? '')
				.trim()
				.toLowerCase(),
			displayName: String(form.get('displayName') ?? '').trim(),
			roles: rolesFrom(form),
			certNo: String(form.get('certNo') ?? '').trim() || null,
			department: String(form.get('department') ?? '').trim() || null
		};
		try {
			const { user, password } = await addUser(db, values);
			await appendAudit(db, { actor: me.username, action: 'user-added', targetType: 'user', targetId: user.username, detail: { roles: user.roles }, ip });
			return { added: { username: user.username, password, message: t('admin.users.added', { user: user.username }) } };
		} catch (e) {
			if (e instanceof AccountError) return fail(400, { addError: e.msg, values });
			throw e;
		}
	},
	disable: async (event) => {
		const { me, db, ip, t } = await actorOf(event);
		const user = await targetUser(await event.request.formData());
		if (user.id === me.id) return fail(400, { rowError: { id: user.id, message: msg('admin.users.self') } });
		await setDisabled(db, user.id, true);
		await revokeUserSessions(db, user.id);
		await appendAudit(db, { actor: me.username, action: 'user-disabled', targetType: 'user', targetId: user.username, ip });
		return { saved: t('admin.users.saved') };
	},
	enable: async (event) => {
		const { me, db, ip, t } = await actorOf(event);
		const user = await targetUser(await event.request.formData());
		await setDisabled(db, user.id, false);
		await appendAudit(db, { actor: me.username, action: 'user-enabled', targetType: 'user', targetId: user.username, ip });
		return { saved: t('admin.users.saved') };
	},
	reset: async (event) => {
		const { me, db, ip, t } = await actorOf(event);
		const user = await targetUser(await event.request.formData());
		const password = await resetPassword(db, user.id);
		await revokeUserSessions(db, user.id);
		await appendAudit(db, { actor: me.username, action: 'user-password-reset', targetType: 'user', targetId: user.username, ip });
		return { added: { username: user.username, password, message: t('admin.users.saved') } };
	},
	roles: async (event) => {
		const { me, db, ip, t } = await actorOf(event);
		const form = await event.request.formData();
		const user = await targetUser(form);
		const roles = rolesFrom(form);
		try {
			await setRoles(db, user.id, roles);
		} catch (e) {
			if (e instanceof AccountError) return fail(400, { rowError: { id: user.id, message: e.msg } });
			throw e;
		}
		await appendAudit(db, {
			actor: me.username,
			action: 'user-roles-changed',
			targetType: 'user',
			targetId: user.username,
			detail: { from: user.roles, to: roles },
			ip
		});
		return { saved: t('admin.users.saved') };
	},
	token: async (event) => {
		const { me, db, ip } = await actorOf(event);
		const form = await event.request.formData();
		const name = String(form.get('name') ?? '');
		const scopes = form
			.getAll('scopes')
			.map(String)
			.filter((s): s is TokenScope => (TOKEN_SCOPES as readonly string[]).includes(s));
		try {
			const { id, token } = await createToken(db, name, scopes, me.username);
			await appendAudit(db, { actor: me.username, action: 'token-created', targetType: 'token', targetId: String(id), detail: { name, scopes }, ip });
			return { token: { name, value: token } };
		} catch (e) {
			if (e instanceof AccountError) return fail(400, { tokenError: e.msg, tokenName: name });
			throw e;
		}
	},
	revoke: async (event) => {
		const { me, db, ip, t } = await actorOf(event);
		const id = Number((await event.request.formData()).get('id'));
		if (!Number.isInteger(id)) error(400, 'bad token id');
		await revokeToken(db, id);
		await appendAudit(db, { actor: me.username, action: 'token-revoked', targetType: 'token', targetId: String(id), ip });
		return { saved: t('admin.users.saved') };
	},
	settings: async (event) => {
		const { me, db, ip, t } = await actorOf(event);
		const value = (await event.request.formData()).get('adminSeesPersonalData') === 'on';
		await setSetting(db, 'adminSeesPersonalData', value);
		await appendAudit(db, { actor: me.username, action: 'setting-changed', targetType: 'setting', targetId: 'adminSeesPersonalData', detail: { value }, ip });
		return { saved: t('admin.users.saved') };
	}
};
