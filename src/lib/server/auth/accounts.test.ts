import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import {
	addAccount,
	addUser,
	changeAccountRoles,
	changeOwnPassword,
	changeSetting,
	checkCredentials,
	createApiToken,
	createSession,
	disableAccount,
	enableAccount,
	findUser,
	getSettings,
	resetAccountPassword,
	revokeApiToken,
	SelfDisableError,
	sessionUser,
	signIn,
	signOut,
	signOutEverywhere,
	tokenScopes,
	type Actor,
	type User
} from './index';

let db: Database;
beforeEach(async () => {
	db = await openMigrated(':memory:');
});
afterEach(async () => db.close());

const admin: Actor = { username: 'admin', ip: '10.0.0.1' };
const cli: Actor = { username: 'cli:ops' };

interface Logged {
	actor: string;
	action: string;
	target_type: string | null;
	target_id: string | null;
	detail: Record<string, unknown> | null;
	ip: string | null;
}

/** The audit entries written since `from` (a seq), oldest first, with their detail parsed. */
async function logSince(from: number): Promise<Logged[]> {
	const rows = await db.query<Omit<Logged, 'detail'> & { detail: string | null }>(
		'SELECT actor, action, target_type, target_id, detail, ip FROM audit_log WHERE seq > ? ORDER BY seq',
		[from]
	);
	return rows.map((r) => ({ ...r, detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null }));
}

async function lastSeq(): Promise<number> {
	const [r] = await db.query<{ n: number | null }>('SELECT max(seq) AS n FROM audit_log');
	return r?.n ?? 0;
}

/** A user made without the operations under test, so that only their own entries are in the log. */
async function plainUser(username = 'zhou'): Promise<User> {
	return (await addUser(db, { username, displayName: '周', roles: ['analyst'], password: 'Analyst-2025!' })).user;
}

describe('account operations', () => {
	it('add a user and log who added it with its roles', async () => {
		const { user, password } = await addAccount(db, admin, { username: 'li', displayName: '李', roles: ['officer'] });
		expect((await checkCredentials(db, 'li', password)).ok).toBe(true);
		expect(user.mustChangePassword).toBe(true);
		expect(await logSince(0)).toEqual([
			{ actor: 'admin', action: 'user-added', target_type: 'user', target_id: 'li', detail: { roles: ['officer'] }, ip: '10.0.0.1' }
		]);
	});

	it('log nothing when the user cannot be added', async () => {
		await expect(addAccount(db, cli, { username: 'li', displayName: '李', roles: [] })).rejects.toThrow(/至少选择一个角色/);
		expect(await findUser(db, 'li')).toBeNull();
		expect(await logSince(0)).toEqual([]);
	});

	it('disable a user, end their sessions and log it; enable them again', async () => {
		const user = await plainUser();
		const session = await createSession(db, user.id);
		const from = await lastSeq();
		await disableAccount(db, cli, user);
		expect((await findUser(db, 'zhou'))?.disabled).toBe(true);
		const [row] = await db.query<{ revoked: boolean }>('SELECT revoked_ms IS NOT NULL AS revoked FROM sessions');
		expect(row?.revoked).toBe(true);
		expect(await sessionUser(db, session)).toBeNull();
		await enableAccount(db, cli, user);
		expect((await findUser(db, 'zhou'))?.disabled).toBe(false);
		expect(await logSince(from)).toEqual([
			{ actor: 'cli:ops', action: 'user-disabled', target_type: 'user', target_id: 'zhou', detail: null, ip: null },
			{ actor: 'cli:ops', action: 'user-enabled', target_type: 'user', target_id: 'zhou', detail: null, ip: null }
		]);
	});

	it('refuse to disable the acting user, and log nothing', async () => {
		const me = await plainUser('admin');
		const from = await lastSeq();
		await expect(disableAccount(db, admin, me)).rejects.toBeInstanceOf(SelfDisableError);
		expect((await findUser(db, 'admin'))?.disabled).toBe(false);
		expect(await logSince(from)).toEqual([]);
	});

	it('reset a password to a one-time one, end the sessions and log it', async () => {
		const user = await plainUser();
		const session = await createSession(db, user.id);
		const from = await lastSeq();
		const password = await resetAccountPassword(db, admin, user);
		expect((await checkCredentials(db, 'zhou', 'Analyst-2025!')).ok).toBe(false);
		const r = await checkCredentials(db, 'zhou', password);
		expect(r.ok && r.user.mustChangePassword).toBe(true);
		expect(await sessionUser(db, session)).toBeNull();
		expect(await logSince(from)).toEqual([
			{ actor: 'admin', action: 'user-password-reset', target_type: 'user', target_id: 'zhou', detail: null, ip: '10.0.0.1' }
		]);
	});

	it('change roles and log from and to; an empty list is refused and not logged', async () => {
		const user = await plainUser();
		const from = await lastSeq();
		await expect(changeAccountRoles(db, admin, user, [])).rejects.toThrow(/至少选择一个角色/);
		await changeAccountRoles(db, admin, user, ['reviewer', 'analyst']);
		expect((await findUser(db, 'zhou'))?.roles).toEqual(['reviewer', 'analyst']);
		expect(await logSince(from)).toEqual([
			{
				actor: 'admin',
				action: 'user-roles-changed',
				target_type: 'user',
				target_id: 'zhou',
				detail: { from: ['analyst'], to: ['reviewer', 'analyst'] },
				ip: '10.0.0.1'
			}
		]);
	});

	it('create a token in the actor name and revoke it, each logged', async () => {
		const { id, token } = await createApiToken(db, admin, '市公示平台', ['publicity']);
		expect(await tokenScopes(db, token)).toMatchObject({ name: '市公示平台', scopes: ['publicity'] });
		const [row] = await db.query<{ created_by: string }>('SELECT created_by FROM api_tokens');
		expect(row?.created_by).toBe('admin');
		await revokeApiToken(db, admin, id);
		expect(await tokenScopes(db, token)).toBeNull();
		expect(await logSince(0)).toEqual([
			{
				actor: 'admin',
				action: 'token-created',
				target_type: 'token',
				target_id: String(id),
				detail: { name: '市公示平台', scopes: ['publicity'] },
				ip: '10.0.0.1'
			},
			{ actor: 'admin', action: 'token-revoked', target_type: 'token', target_id: String(id), detail: null, ip: '10.0.0.1' }
		]);
	});

	it('change a setting and log its new value', async () => {
		await changeSetting(db, admin, 'adminSeesPersonalData', true);
		expect((await getSettings(db)).adminSeesPersonalData).toBe(true);
		expect(await logSince(0)).toEqual([
			{ actor: 'admin', action: 'setting-changed', target_type: 'setting', target_id: 'adminSeesPersonalData', detail: { value: true }, ip: '10.0.0.1' }
		]);
	});
});

describe('signing in and out', () => {
	it('log a failed sign-in under the name typed, and a sign-in with a session that works', async () => {
		await plainUser();
		const from = await lastSeq();
		expect(await signIn(db, { username: 'nobody', password: 'x' }, { ip: '10.0.0.2' })).toEqual({ ok: false, reason: 'invalid' });
		const r = await signIn(db, { username: 'zhou', password: 'Analyst-2025!' }, { ip: '10.0.0.2', userAgent: 'test' });
		if (!r.ok) throw new Error('sign-in refused');
		expect((await sessionUser(db, r.token))?.username).toBe('zhou');
		expect(await logSince(from)).toEqual([
			{ actor: 'nobody', action: 'sign-in-failed', target_type: 'user', target_id: 'nobody', detail: { reason: 'invalid' }, ip: '10.0.0.2' },
			{ actor: 'zhou', action: 'sign-in', target_type: 'user', target_id: 'zhou', detail: null, ip: '10.0.0.2' }
		]);
	});

	it('end one session on sign-out and every session on sign-out everywhere, each logged', async () => {
		const user = await plainUser();
		const [a, b, c] = [await createSession(db, user.id), await createSession(db, user.id), await createSession(db, user.id)];
		const from = await lastSeq();
		await signOut(db, { token: a, user, ip: '10.0.0.3' });
		expect(await sessionUser(db, a)).toBeNull();
		expect(await sessionUser(db, b)).not.toBeNull();
		expect(await signOutEverywhere(db, user, '10.0.0.3')).toBe(2);
		expect(await sessionUser(db, c)).toBeNull();
		expect(await logSince(from)).toEqual([
			{ actor: 'zhou', action: 'sign-out', target_type: null, target_id: null, detail: null, ip: '10.0.0.3' },
			{ actor: 'zhou', action: 'sign-out-everywhere', target_type: 'user', target_id: 'zhou', detail: { sessions: 2 }, ip: '10.0.0.3' }
		]);
	});

	it('change the own password and log it; a wrong current password changes and logs nothing', async () => {
		const user = await plainUser();
		const from = await lastSeq();
		await expect(changeOwnPassword(db, user, 'wrong-one', 'Analyst-New-2025')).rejects.toThrow(/当前密码不正确/);
		await changeOwnPassword(db, user, 'Analyst-2025!', 'Analyst-New-2025', '10.0.0.4');
		expect((await checkCredentials(db, 'zhou', 'Analyst-New-2025')).ok).toBe(true);
		expect(await logSince(from)).toEqual([{ actor: 'zhou', action: 'password-changed', target_type: 'user', target_id: 'zhou', detail: null, ip: '10.0.0.4' }]);
	});
});
