import { isRole, type Role } from '../../domain/roles';
import { passwordMessages } from '../../domain/password-policy';
import type { Queryable } from '../db';
import { LocalizedError } from '../../i18n/error';
import { msg } from '../../i18n/message';
import { dummyHash, hashPassword, oneTimePassword, verifyPassword } from './passwords';
import { FailureCounter } from './unknown-names';

export interface User {
	id: number;
	username: string;
	displayName: string;
	roles: Role[];
	certNo: string | null;
	department: string | null;
	disabled: boolean;
	mustChangePassword: boolean;
	failedAttempts: number;
	lockedUntilMs: number | null;
}

/** Lockout after repeated failures (等保 2.0 level 2). */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;
/** Unknown names lock too; ten thousand of them are a few hundred kilobytes. */
const unknownNameFailures = new FailureCounter({ attempts: MAX_FAILED_ATTEMPTS, lockoutMs: LOCKOUT_MS, capacity: 10_000 });

export class AccountError extends LocalizedError {
	override name = 'AccountError';
}

const USER_COLUMNS = `id, username, display_name, roles, cert_no, department, disabled, must_change_password, failed_attempts, locked_until_ms`;

interface UserRow {
	id: number;
	username: string;
	display_name: string;
	roles: string[];
	cert_no: string | null;
	department: string | null;
	disabled: boolean;
	must_change_password: boolean;
	failed_attempts: number;
	locked_until_ms: number | null;
}

function toUser(r: UserRow): User {
	return {
		id: r.id,
		username: r.username,
		displayName: r.display_name,
		roles: r.roles.filter(isRole),
		certNo: r.cert_no,
		department: r.department,
		disabled: r.disabled,
		mustChangePassword: r.must_change_password,
		failedAttempts: r.failed_attempts,
		lockedUntilMs: r.locked_until_ms
	};
}

export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{1,31}$/;

export async function findUser(db: Queryable, username: string): Promise<User | null> {
	const [r] = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE username = ?`, [username]);
	return r ? toUser(r) : null;
}

export async function getUser(db: Queryable, id: number): Promise<User | null> {
	const [r] = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`, [id]);
	return r ? toUser(r) : null;
}

export async function listUsers(db: Queryable): Promise<User[]> {
	return (await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`)).map(toUser);
}

export async function countUsers(db: Queryable): Promise<number> {
	const [r] = await db.query<{ n: number }>('SELECT count(*) AS n FROM users');
	return r?.n ?? 0;
}

function rolesList(roles: readonly Role[]): string {
	// Roles are a closed set checked by isRole, so the list literal cannot carry anything but role names.
	return `[${roles.map((r) => `'${r}'`).join(', ')}]::VARCHAR[]`;
}

export interface NewUser {
	username: string;
	displayName: string;
	roles: Role[];
	certNo?: string | null;
	department?: string | null;
	/** A chosen password (checked against the policy); without it a one-time password is generated. */
	password?: string;
	/** Whether the user must choose a new password at the first sign-in (always so for generated passwords). */
	mustChangePassword?: boolean;
}

/** Adds a user; returns the user and the password to hand over (a generated one is shown once, never stored). */
export async function addUser(db: Queryable, u: NewUser): Promise<{ user: User; password: string }> {
	if (!USERNAME_PATTERN.test(u.username)) throw new AccountError(msg('err.account.username'));
	if (!u.displayName.trim()) throw new AccountError(msg('err.account.displayName'));
	if (u.roles.length === 0 || !u.roles.every(isRole)) throw new AccountError(msg('err.account.roles'));
	if (await findUser(db, u.username)) throw new AccountError(msg('err.account.exists', { username: u.username }));
	const generated = u.password === undefined;
	const password = u.password ?? oneTimePassword();
	const problems = passwordMessages(password, u.username);
	if (problems.length) throw new AccountError(problems);
	await db.run(
		`INSERT INTO users (username, display_name, password_hash, roles, cert_no, department, must_change_password, password_changed_ms)
		 VALUES (?, ?, ?, ${rolesList(u.roles)}, ?, ?, ?, ?)`,
		[
			u.username,
			u.displayName.trim(),
			await hashPassword(password),
			u.certNo ?? null,
			u.department ?? null,
			generated || (u.mustChangePassword ?? false),
			Date.now()
		]
	);
	const user = await findUser(db, u.username);
	if (!user) throw new AccountError(msg('err.account.addFailed'));
	return { user, password };
}

export type SignInResult = { ok: true; user: User } | { ok: false; reason: 'invalid' | 'locked' | 'disabled'; lockedUntilMs?: number; user: User | null };

/**
 * Checks a password; counts failures and locks the account after MAX_FAILED_ATTEMPTS. Every case, an unknown name
 * included, runs one argon2 verification, so that the time taken does not tell which names exist or are locked;
 * failures of unknown names are counted too (in memory), so that they lock like an account would.
 */
export async function checkCredentials(db: Queryable, username: string, password: string, now = Date.now()): Promise<SignInResult> {
	const [row] = await db.query<UserRow & { password_hash: string }>(`SELECT ${USER_COLUMNS}, password_hash FROM users WHERE username = ?`, [username]);
	if (!row) {
		await verifyPassword(await dummyHash(), password);
		const lockedUntilMs = unknownNameFailures.fail(username, now);
		return lockedUntilMs === null ? { ok: false, reason: 'invalid', user: null } : { ok: false, reason: 'locked', lockedUntilMs, user: null };
	}
	const user = toUser(row);
	const matches = await verifyPassword(row.password_hash, password);
	if (user.disabled) return { ok: false, reason: 'disabled', user };
	if (user.lockedUntilMs !== null && user.lockedUntilMs > now) return { ok: false, reason: 'locked', lockedUntilMs: user.lockedUntilMs, user };
	if (!matches) {
		const failed = (user.lockedUntilMs !== null && user.lockedUntilMs <= now ? 0 : user.failedAttempts) + 1;
		const lockedUntil = failed >= MAX_FAILED_ATTEMPTS ? now + LOCKOUT_MS : null;
		await db.run('UPDATE users SET failed_attempts = ?, locked_until_ms = ? WHERE id = ?', [lockedUntil ? 0 : failed, lockedUntil, user.id]);
		return lockedUntil ? { ok: false, reason: 'locked', lockedUntilMs: lockedUntil, user } : { ok: false, reason: 'invalid', user };
	}
	await db.run('UPDATE users SET failed_attempts = 0, locked_until_ms = NULL WHERE id = ?', [user.id]);
	return { ok: true, user: { ...user, failedAttempts: 0, lockedUntilMs: null } };
}

/** A new password may not be any of the user's last PASSWORD_HISTORY passwords, the current one included. */
export const PASSWORD_HISTORY = 5;

/** Keeps the hash being replaced, and only as many earlier ones as the reuse check reads. */
async function rememberReplaced(db: Queryable, userId: number, replacedHash: string, now: number): Promise<void> {
	await db.run('INSERT INTO password_history (user_id, password_hash, replaced_ms) VALUES (?, ?, ?)', [userId, replacedHash, now]);
	await db.run(
		`DELETE FROM password_history WHERE user_id = ? AND replaced_ms NOT IN (
			SELECT replaced_ms FROM password_history WHERE user_id = ? ORDER BY replaced_ms DESC LIMIT ?)`,
		[userId, userId, PASSWORD_HISTORY - 1]
	);
}

async function recentHashes(db: Queryable, userId: number): Promise<string[]> {
	const rows = await db.query<{ password_hash: string }>('SELECT password_hash FROM password_history WHERE user_id = ? ORDER BY replaced_ms DESC LIMIT ?', [
		userId,
		PASSWORD_HISTORY - 1
	]);
	return rows.map((r) => r.password_hash);
}

export async function changePassword(db: Queryable, user: User, current: string, next: string, now = Date.now()): Promise<void> {
	const [row] = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = ?', [user.id]);
	if (!row || !(await verifyPassword(row.password_hash, current))) throw new AccountError(msg('err.account.wrongPassword'));
	if (current === next) throw new AccountError(msg('err.account.samePassword'));
	const problems = passwordMessages(next, user.username);
	if (problems.length) throw new AccountError(problems);
	for (const earlier of await recentHashes(db, user.id)) {
		if (await verifyPassword(earlier, next)) throw new AccountError(msg('err.account.reusedPassword', { count: PASSWORD_HISTORY }));
	}
	await rememberReplaced(db, user.id, row.password_hash, now);
	await db.run('UPDATE users SET password_hash = ?, must_change_password = false, password_changed_ms = ? WHERE id = ?', [
		await hashPassword(next),
		now,
		user.id
	]);
}

/** An administrator's reset: a new one-time password that must be changed at the next sign-in. */
export async function resetPassword(db: Queryable, userId: number, now = Date.now()): Promise<string> {
	const password = oneTimePassword();
	const [row] = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = ?', [userId]);
	if (row) await rememberReplaced(db, userId, row.password_hash, now);
	await db.run(
		'UPDATE users SET password_hash = ?, must_change_password = true, failed_attempts = 0, locked_until_ms = NULL, password_changed_ms = ? WHERE id = ?',
		[await hashPassword(password), now, userId]
	);
	return password;
}

export async function setDisabled(db: Queryable, userId: number, disabled: boolean): Promise<void> {
	await db.run('UPDATE users SET disabled = ? WHERE id = ?', [disabled, userId]);
}

export async function setRoles(db: Queryable, userId: number, roles: Role[]): Promise<void> {
	if (roles.length === 0 || !roles.every(isRole)) throw new AccountError(msg('err.account.roles'));
	await db.run(`UPDATE users SET roles = ${rolesList(roles)} WHERE id = ?`, [userId]);
}
