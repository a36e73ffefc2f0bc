import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import {
	ABSOLUTE_TIMEOUT_MS,
	addUser,
	changePassword,
	checkCredentials,
	createSession,
	createToken,
	IDLE_TIMEOUT_MS,
	LOCKOUT_MS,
	MAX_FAILED_ATTEMPTS,
	DEMO_PASSWORD,
	openDemoAccounts,
	resetPassword,
	revokeToken,
	revokeUserSessions,
	sessionUser,
	setDisabled,
	tokenScopes
} from './index';

let db: Database;
beforeEach(async () => {
	db = await openMigrated(':memory:');
});
afterEach(async () => db.close());

describe('accounts', () => {
	it('stores an argon2id hash, never the password, and checks it', async () => {
		const { user } = await addUser(db, { username: 'wang', displayName: '王芳', roles: ['leader'], password: 'Leader-2025!x' });
		const [row] = await db.query<{ password_hash: string }>('SELECT password_hash FROM users');
		expect(row!.password_hash).toMatch(/^\$argon2id\$/);
		expect((await checkCredentials(db, 'wang', 'Leader-2025!x')).ok).toBe(true);
		expect(await checkCredentials(db, 'wang', 'wrong')).toMatchObject({ ok: false, reason: 'invalid' });
		expect(user.roles).toEqual(['leader']);
	});

	it('refuses weak passwords and duplicate user names', async () => {
		await expect(addUser(db, { username: 'li', displayName: '李', roles: ['analyst'], password: 'short' })).rejects.toThrow(/至少 10 位/);
		await addUser(db, { username: 'li', displayName: '李', roles: ['analyst'], password: 'Analyst-2025!' });
		await expect(addUser(db, { username: 'li', displayName: '李二', roles: ['analyst'], password: 'Analyst-2025!' })).rejects.toThrow(/已存在/);
	});

	it('generates a one-time password that must be changed at the first sign-in', async () => {
		const { user, password } = await addUser(db, { username: 'zhao', displayName: '赵', roles: ['officer'] });
		expect(user.mustChangePassword).toBe(true);
		expect((await checkCredentials(db, 'zhao', password)).ok).toBe(true);
		await changePassword(db, user, password, 'Officer-New-2025');
		const r = await checkCredentials(db, 'zhao', 'Officer-New-2025');
		expect(r.ok && r.user.mustChangePassword).toBe(false);
	});

	it('locks an account after repeated failures, for a while, even against the right password', async () => {
		await addUser(db, { username: 'sun', displayName: '孙', roles: ['reviewer'], password: 'Reviewer-2025!' });
		const t0 = 1_000_000;
		for (let i = 1; i < MAX_FAILED_ATTEMPTS; i++) expect((await checkCredentials(db, 'sun', 'nope', t0)).ok).toBe(false);
		expect(await checkCredentials(db, 'sun', 'nope', t0)).toMatchObject({ ok: false, reason: 'locked' });
		expect(await checkCredentials(db, 'sun', 'Reviewer-2025!', t0 + 1000)).toMatchObject({ ok: false, reason: 'locked' });
		expect((await checkCredentials(db, 'sun', 'Reviewer-2025!', t0 + LOCKOUT_MS + 1)).ok).toBe(true);
	});

	it('refuses a disabled account and an administrator reset forces a new password', async () => {
		const { user } = await addUser(db, { username: 'zhou', displayName: '周', roles: ['analyst'], password: 'Analyst-2025!' });
		await setDisabled(db, user.id, true);
		expect(await checkCredentials(db, 'zhou', 'Analyst-2025!')).toMatchObject({ ok: false, reason: 'disabled' });
		await setDisabled(db, user.id, false);
		const temp = await resetPassword(db, user.id);
		expect(await checkCredentials(db, 'zhou', 'Analyst-2025!')).toMatchObject({ ok: false });
		const r = await checkCredentials(db, 'zhou', temp);
		expect(r.ok && r.user.mustChangePassword).toBe(true);
	});
});

describe('demo accounts', () => {
	it('are reported while enabled with the published password, and no longer once disabled or reset', async () => {
		const lingdao = await addUser(db, { username: 'lingdao', displayName: '王主任', roles: ['leader'], password: DEMO_PASSWORD });
		const zhifa = await addUser(db, { username: 'zhifa', displayName: '执法', roles: ['officer'], password: DEMO_PASSWORD });
		await addUser(db, { username: 'shenhe', displayName: '审核', roles: ['reviewer'], password: 'Another-Pass-2025!' });
		await addUser(db, { username: 'wang', displayName: '王', roles: ['officer'], password: DEMO_PASSWORD });
		// Only demo names count, and only with the demo password.
		expect(await openDemoAccounts(db)).toEqual(['lingdao', 'zhifa']);
		await setDisabled(db, lingdao.user.id, true);
		await resetPassword(db, zhifa.user.id);
		expect(await openDemoAccounts(db)).toEqual([]);
	});
});

describe('sessions', () => {
	it('expire when idle and after the absolute limit, and end everywhere on request', async () => {
		const { user } = await addUser(db, { username: 'qian', displayName: '钱', roles: ['leader'], password: 'Leader-2025!x' });
		const t0 = 5_000_000;
		const a = await createSession(db, user.id, {}, t0);
		expect((await sessionUser(db, a, t0 + 1000))?.username).toBe('qian');
		expect(await sessionUser(db, a, t0 + IDLE_TIMEOUT_MS + 2000)).toBeNull();

		const b = await createSession(db, user.id, {}, t0);
		let t = t0;
		// Kept alive by activity, it still ends at the absolute limit.
		while (t < t0 + ABSOLUTE_TIMEOUT_MS - IDLE_TIMEOUT_MS) {
			t += IDLE_TIMEOUT_MS / 2;
			expect(await sessionUser(db, b, t)).not.toBeNull();
		}
		expect(await sessionUser(db, b, t0 + ABSOLUTE_TIMEOUT_MS + 1)).toBeNull();

		const c = await createSession(db, user.id);
		const d = await createSession(db, user.id);
		expect(await revokeUserSessions(db, user.id)).toBe(2);
		expect(await sessionUser(db, c)).toBeNull();
		expect(await sessionUser(db, d)).toBeNull();
		expect(await sessionUser(db, 'made-up-token')).toBeNull();
	});

	it('end when the user is disabled', async () => {
		const { user } = await addUser(db, { username: 'wu', displayName: '吴', roles: ['leader'], password: 'Leader-2025!x' });
		const s = await createSession(db, user.id);
		await setDisabled(db, user.id, true);
		expect(await sessionUser(db, s)).toBeNull();
	});
});

describe('API tokens', () => {
	it('carry their scopes and stop working when revoked', async () => {
		const { id, token } = await createToken(db, '市公示平台', ['publicity'], 'admin');
		expect(await tokenScopes(db, token)).toMatchObject({ name: '市公示平台', scopes: ['publicity'] });
		const [row] = await db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens');
		expect(row!.token_hash).not.toContain(token);
		await revokeToken(db, id);
		expect(await tokenScopes(db, token)).toBeNull();
	});
});
