import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { addUser, changePassword, checkCredentials, findUser, LOCKOUT_MS, MAX_FAILED_ATTEMPTS, PASSWORD_HISTORY, resetPassword } from './users';
import { changeOwnPassword, loggedName, MAX_USERNAME_INPUT, signIn } from './sign-in';
import { createSession, sessionUser } from './sessions';
import { FailureCounter } from './unknown-names';
import { passwordProblems } from '../../domain/password-policy';

let db: Database;
beforeEach(async () => {
	db = await openMigrated(':memory:');
	await addUser(db, { username: 'wang', displayName: '王芳', roles: ['leader'], password: 'Leader-2025!x' });
});
afterEach(async () => db.close());

async function auditRows(): Promise<{ actor: string; target_id: string | null; detail: string | null }[]> {
	return db.query('SELECT actor, target_id, detail FROM audit_log ORDER BY seq');
}

describe('sign-in input limits', () => {
	it('keeps at most the longest name a sign-in takes in the audit log, marked as cut', async () => {
		const huge = 'a'.repeat(30 * 1024 * 1024);
		const r = await signIn(db, { username: huge, password: 'whatever' });
		expect(r).toMatchObject({ ok: false, reason: 'invalid' });
		const [row, ...more] = await auditRows();
		expect(more).toHaveLength(0);
		expect(row!.actor).toBe(loggedName(huge));
		expect(row!.actor.startsWith('a'.repeat(MAX_USERNAME_INPUT))).toBe(true);
		expect(row!.actor).toContain('已截断');
		expect(row!.actor.length).toBeLessThan(MAX_USERNAME_INPUT + 16);
		expect(row!.target_id).toBe(row!.actor);
		expect(JSON.parse(row!.detail ?? '{}')).toMatchObject({ reason: 'too-long', usernameLength: huge.length });
	});

	it('refuses a password past the bound without hashing it, and the policy never sets one that long', async () => {
		const started = performance.now();
		expect(await signIn(db, { username: 'wang', password: 'x'.repeat(10 * 1024 * 1024) })).toMatchObject({ ok: false, reason: 'invalid' });
		// argon2 over 10 MB takes seconds; the refusal is only a length check.
		expect(performance.now() - started).toBeLessThan(500);
		expect(passwordProblems('Aa1!'.repeat(65))).toContain('密码最多 256 位');
	});

	it('leaves a name within the limit as it was typed', async () => {
		await signIn(db, { username: 'wang', password: 'nope' });
		expect((await auditRows())[0]!.actor).toBe('wang');
		expect(loggedName('x'.repeat(MAX_USERNAME_INPUT))).toBe('x'.repeat(MAX_USERNAME_INPUT));
	});
});

describe('sign-in that tells nothing', () => {
	it('locks an unknown name after as many failures as an account, and the counter stays bounded', async () => {
		const now = Date.now();
		for (let i = 1; i < MAX_FAILED_ATTEMPTS; i++) expect(await checkCredentials(db, 'nobody', `x${i}`, now)).toMatchObject({ ok: false, reason: 'invalid' });
		expect(await checkCredentials(db, 'nobody', 'x', now)).toMatchObject({ ok: false, reason: 'locked', lockedUntilMs: now + LOCKOUT_MS });
		expect(await checkCredentials(db, 'nobody', 'x', now + LOCKOUT_MS + 1)).toMatchObject({ ok: false, reason: 'invalid' });

		const counter = new FailureCounter({ attempts: 5, lockoutMs: 1000, capacity: 3 });
		for (const name of ['a', 'b', 'c', 'd', 'e']) counter.fail(name, 0);
		expect(counter.size).toBe(3);
	});

	it('takes comparable time for an unknown name, a wrong password, a locked and a disabled account', async () => {
		await addUser(db, { username: 'locked', displayName: '锁', roles: ['leader'], password: 'Leader-2025!x' });
		await addUser(db, { username: 'off', displayName: '停', roles: ['leader'], password: 'Leader-2025!x' });
		await db.run(`UPDATE users SET locked_until_ms = ? WHERE username = 'locked'`, [Date.now() + LOCKOUT_MS]);
		await db.run(`UPDATE users SET disabled = true WHERE username = 'off'`);
		const cases = { unknown: 'nobody-at-all', wrong: 'wang', locked: 'locked', disabled: 'off' } as const;
		// Warm the dummy hash and the queries once, then the median of ten of each, interleaved.
		for (const name of Object.values(cases)) await signIn(db, { username: name, password: 'Not-the-2025!' });
		const times: Record<keyof typeof cases, number[]> = { unknown: [], wrong: [], locked: [], disabled: [] };
		for (let i = 0; i < 10; i++) {
			for (const [label, name] of Object.entries(cases) as [keyof typeof cases, string][]) {
				// A wrong password would lock wang after five; each round starts from a clean count.
				await db.run(`UPDATE users SET failed_attempts = 0 WHERE username = 'wang'`);
				const started = performance.now();
				const r = await signIn(db, { username: name + (label === 'unknown' ? i : ''), password: 'Not-the-2025!' });
				times[label].push(performance.now() - started);
				expect(r.ok).toBe(false);
			}
		}
		const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
		const medians = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.round(median(v) * 10) / 10]));
		console.log('sign-in medians (ms):', JSON.stringify(medians));
		const values = Object.values(medians);
		expect(Math.max(...values) / Math.min(...values)).toBeLessThan(1.8);
	}, 60_000);
});

describe('changing a password', () => {
	it('ends the other sessions of the user and keeps the one that changed it', async () => {
		const user = (await findUser(db, 'wang'))!;
		const here = await createSession(db, user.id);
		const elsewhere = await createSession(db, user.id);
		await changeOwnPassword(db, user, 'Leader-2025!x', 'Leader-2026!y', null, here);
		expect(await sessionUser(db, here)).not.toBeNull();
		expect(await sessionUser(db, elsewhere)).toBeNull();
	});

	it('refuses any of the last five passwords and takes the one before them again', async () => {
		const user = (await findUser(db, 'wang'))!;
		const passwords = ['Leader-2025!x', 'Leader-2025!a', 'Leader-2025!b', 'Leader-2025!c', 'Leader-2025!d'];
		for (let i = 1; i < passwords.length; i++) await changePassword(db, user, passwords[i - 1]!, passwords[i]!);
		for (const earlier of passwords.slice(0, -1)) {
			await expect(changePassword(db, user, 'Leader-2025!d', earlier)).rejects.toThrow(/最近 5 次/);
		}
		await changePassword(db, user, 'Leader-2025!d', 'Leader-2025!e');
		// The first password is now six changes back: allowed again.
		await changePassword(db, user, 'Leader-2025!e', 'Leader-2025!x');
		expect((await checkCredentials(db, 'wang', 'Leader-2025!x')).ok).toBe(true);
		const [kept] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM password_history WHERE user_id = ?', [user.id]);
		expect(kept!.n).toBe(PASSWORD_HISTORY - 1);
	});

	it('counts an administrator reset as a change: the password before it stays refused', async () => {
		const user = (await findUser(db, 'wang'))!;
		const oneTime = await resetPassword(db, user.id);
		await expect(changePassword(db, user, oneTime, 'Leader-2025!x')).rejects.toThrow(/最近 5 次/);
	});
});
