import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { addUser } from './users';
import { loggedName, MAX_USERNAME_INPUT, signIn } from './sign-in';
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
