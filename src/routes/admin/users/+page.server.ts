import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { getDatabase } from '$lib/server/db';
import {
	AccountError,
	addAccount,
	changeAccountRoles,
	changeSetting,
	createApiToken,
	disableAccount,
	enableAccount,
	getSettings,
	getUser,
	listTokens,
	listUsers,
	openDemoAccounts,
	resetAccountPassword,
	revokeApiToken,
	SelfDisableError
} from '$lib/server/auth';
import { clientAddress } from '$lib/server/http/request-meta';
import { formCheckbox, formList, formText, parseForm, readForm } from '$lib/server/http/form';
import { isRole, TOKEN_SCOPES, type TokenScope } from '$lib/domain/roles';
import { translator } from '$lib/i18n';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async () => {
	const db = await getDatabase();
	const [users, tokens, settings, openDemo] = await Promise.all([listUsers(db), listTokens(db), getSettings(db), openDemoAccounts(db)]);
	return { users, tokens, settings, openDemo, now: Date.now() };
};

// Unknown roles and scopes are dropped, as the form only offers known ones; an empty list is refused by the operation.
const roles = formList(z.string()).transform((rs) => rs.filter(isRole));
const scopes = formList(z.string()).transform((ss) => ss.filter((s): s is TokenScope => (TOKEN_SCOPES as readonly string[]).includes(s)));
const trimmed = formText(z.string().trim());
const id = formText(z.coerce.number().int());

const addForm = z.object({
	username: formText(z.string().trim().toLowerCase()),
	displayName: trimmed,
	roles,
	certNo: trimmed.transform((s) => s || null),
	department: trimmed.transform((s) => s || null)
});
const rowForm = z.object({ id });
const rolesForm = z.object({ roles });
const tokenForm = z.object({ name: formText(), scopes });
const settingsForm = z.object({ adminSeesPersonalData: formCheckbox });

async function actorOf(event: RequestEvent) {
	const me = event.locals.user;
	if (!me) error(401, 'sign in');
	return { actor: { username: me.username, ip: clientAddress(event) }, db: await getDatabase(), t: translator(event.locals.locale) };
}

async function targetUser(form: FormData) {
	const row = parseForm(rowForm, form);
	const user = row.success ? await getUser(await getDatabase(), row.data.id) : null;
	if (!user) error(404, 'no such user');
	return user;
}

export const actions: Actions = {
	add: async (event) => {
		const { actor, db, t } = await actorOf(event);
		const values = readForm(addForm, await event.request.formData());
		try {
			const { user, password } = await addAccount(db, actor, values);
			return { added: { username: user.username, password, message: t('admin.users.added', { user: user.username }) } };
		} catch (e) {
			if (e instanceof AccountError) return fail(400, { addError: e.msg, values });
			throw e;
		}
	},
	disable: async (event) => {
		const { actor, db, t } = await actorOf(event);
		const user = await targetUser(await event.request.formData());
		try {
			await disableAccount(db, actor, user);
		} catch (e) {
			if (e instanceof SelfDisableError) return fail(400, { rowError: { id: user.id, message: e.msg } });
			throw e;
		}
		return { saved: t('admin.users.saved') };
	},
	enable: async (event) => {
		const { actor, db, t } = await actorOf(event);
		await enableAccount(db, actor, await targetUser(await event.request.formData()));
		return { saved: t('admin.users.saved') };
	},
	reset: async (event) => {
		const { actor, db, t } = await actorOf(event);
		const user = await targetUser(await event.request.formData());
		const password = await resetAccountPassword(db, actor, user);
		return { added: { username: user.username, password, message: t('admin.users.saved') } };
	},
	roles: async (event) => {
		const { actor, db, t } = await actorOf(event);
		const form = await event.request.formData();
		const user = await targetUser(form);
		try {
			await changeAccountRoles(db, actor, user, readForm(rolesForm, form).roles);
		} catch (e) {
			if (e instanceof AccountError) return fail(400, { rowError: { id: user.id, message: e.msg } });
			throw e;
		}
		return { saved: t('admin.users.saved') };
	},
	token: async (event) => {
		const { actor, db } = await actorOf(event);
		const { name, scopes } = readForm(tokenForm, await event.request.formData());
		try {
			const { token } = await createApiToken(db, actor, name, scopes);
			return { token: { name, value: token } };
		} catch (e) {
			if (e instanceof AccountError) return fail(400, { tokenError: e.msg, tokenName: name });
			throw e;
		}
	},
	revoke: async (event) => {
		const { actor, db, t } = await actorOf(event);
		const row = parseForm(rowForm, await event.request.formData());
		if (!row.success) error(400, 'bad token id');
		await revokeApiToken(db, actor, row.data.id);
		return { saved: t('admin.users.saved') };
	},
	settings: async (event) => {
		const { actor, db, t } = await actorOf(event);
		const { adminSeesPersonalData } = readForm(settingsForm, await event.request.formData());
		await changeSetting(db, actor, 'adminSeesPersonalData', adminSeesPersonalData);
		return { saved: t('admin.users.saved') };
	}
};
