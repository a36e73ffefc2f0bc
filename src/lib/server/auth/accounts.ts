import type { Actor } from '../audit/actor';
import { auditedTransaction, type AuditInput } from '../audit/log';
import type { Database } from '../db';
import type { Role, TokenScope } from '../../domain/roles';
import { AccountError, addUser, resetPassword, setDisabled, setRoles, type NewUser, type User } from './users';
import { revokeUserSessions } from './sessions';
import { createToken, revokeToken } from './tokens';
import { setSetting, type Settings } from './settings';
import { msg } from '../../i18n/message';

/**
 * What an administrator (on the users page) or an operator (on the command line) does to accounts, tokens and
 * settings. Each operation and its audit entry are saved in one transaction, so the log never misses a change.
 */

/** Disabling oneself would lock the last administrator out in one click. */
export class SelfDisableError extends AccountError {
	constructor() {
		super(msg('admin.users.self'));
		this.name = 'SelfDisableError';
	}
}

function entry(actor: Actor, e: Omit<AuditInput, 'actor' | 'ip'>): AuditInput {
	return { actor: actor.username, ip: actor.ip ?? null, ...e };
}

/** Adds a user (see addUser); `reason` goes on the audit entry when the system adds one (first start, demo data). */
export async function addAccount(db: Database, actor: Actor, values: NewUser, reason?: string): Promise<{ user: User; password: string }> {
	return auditedTransaction(db, async (tx) => {
		const added = await addUser(tx, values);
		const detail = { roles: added.user.roles, ...(reason ? { reason } : {}) };
		return { result: added, audit: [entry(actor, { action: 'user-added', targetType: 'user', targetId: added.user.username, detail })] };
	});
}

/** Disables a user and ends every session of theirs at once. */
export async function disableAccount(db: Database, actor: Actor, user: User): Promise<void> {
	if (user.username === actor.username) throw new SelfDisableError();
	await auditedTransaction(db, async (tx) => {
		await setDisabled(tx, user.id, true);
		await revokeUserSessions(tx, user.id);
		return { result: undefined, audit: [entry(actor, { action: 'user-disabled', targetType: 'user', targetId: user.username })] };
	});
}

export async function enableAccount(db: Database, actor: Actor, user: User): Promise<void> {
	await auditedTransaction(db, async (tx) => {
		await setDisabled(tx, user.id, false);
		return { result: undefined, audit: [entry(actor, { action: 'user-enabled', targetType: 'user', targetId: user.username })] };
	});
}

/** A new one-time password (returned to hand over once); the user's sessions end, so the old password stops working everywhere. */
export async function resetAccountPassword(db: Database, actor: Actor, user: User): Promise<string> {
	return auditedTransaction(db, async (tx) => {
		const password = await resetPassword(tx, user.id);
		await revokeUserSessions(tx, user.id);
		return { result: password, audit: [entry(actor, { action: 'user-password-reset', targetType: 'user', targetId: user.username })] };
	});
}

export async function changeAccountRoles(db: Database, actor: Actor, user: User, roles: Role[]): Promise<void> {
	await auditedTransaction(db, async (tx) => {
		await setRoles(tx, user.id, roles);
		const detail = { from: user.roles, to: roles };
		return { result: undefined, audit: [entry(actor, { action: 'user-roles-changed', targetType: 'user', targetId: user.username, detail })] };
	});
}

/** Creates an API token in the actor's name; the token itself is returned once. */
export async function createApiToken(db: Database, actor: Actor, name: string, scopes: TokenScope[]): Promise<{ id: number; token: string }> {
	return auditedTransaction(db, async (tx) => {
		const created = await createToken(tx, name, scopes, actor.username);
		const detail = { name, scopes };
		return { result: created, audit: [entry(actor, { action: 'token-created', targetType: 'token', targetId: String(created.id), detail })] };
	});
}

export async function revokeApiToken(db: Database, actor: Actor, id: number): Promise<void> {
	await auditedTransaction(db, async (tx) => {
		await revokeToken(tx, id);
		return { result: undefined, audit: [entry(actor, { action: 'token-revoked', targetType: 'token', targetId: String(id) })] };
	});
}

export async function changeSetting<K extends keyof Settings>(db: Database, actor: Actor, key: K, value: Settings[K]): Promise<void> {
	await auditedTransaction(db, async (tx) => {
		await setSetting(tx, key, value);
		return { result: undefined, audit: [entry(actor, { action: 'setting-changed', targetType: 'setting', targetId: key, detail: { value } })] };
	});
}
