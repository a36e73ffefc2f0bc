import { isRole, type Role } from '../../domain/roles';
import { passwordMessages } from '../../domain/password-policy';
import type { Queryable } from '../db';
import { LocalizedError } from '../../i18n/error';
import { msg } from '../../i18n/message';
import { hashPassword, oneTimePassword, verifyPassword } from './passwords';

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
 * Checks a password; counts failures and locks the account after MAX_FAILED_ATTEMPTS. An unknown user and a wrong
 * password give the same answer, so that the form does not reveal which user names exist.
 */
export async function checkCredentials(db: Queryable, username: string, password: string, now = Date.now()): Promise<SignInResult> {
	const [row] = await db.query<UserRow & { password_hash: string }>(`SELECT ${USER_COLUMNS}, password_hash FROM users WHERE username = ?`, [username]);
	if (!row) {
		await hashPassword(password); // spend the same time as a real check
		return { ok: false, reason: 'invalid', user: null };
	}
	const user = toUser(row);
	if (user.disabled) return { ok: false, reason: 'disabled', user };
	if (user.lockedUntilMs !== null && user.lockedUntilMs > now) return { ok: false, reason: 'locked', lockedUntilMs: user.lockedUntilMs, user };
	if (!(await verifyPassword(row.password_hash, password))) {
		const failed = (user.lockedUntilMs !== null && user.lockedUntilMs <= now ? 0 : user.failedAttempts) + 1;
		const lockedUntil = failed >= MAX_FAILED_ATTEMPTS ? now + LOCKOUT_MS : null;
		await db.run('UPDATE users SET failed_attempts = ?, locked_until_ms = ? WHERE id = ?', [lockedUntil ? 0 : failed, lockedUntil, user.id]);
		return lockedUntil ? { ok: false, reason: 'locked', lockedUntilMs: lockedUntil, user } : { ok: false, reason: 'invalid', user };
	}
	await db.run('UPDATE users SET failed_attempts = 0, locked_until_ms = NULL WHERE id = ?', [user.id]);
	return { ok: true, user: { ...user, failedAttempts: 0, lockedUntilMs: null } };
}

export async function changePassword(db: Queryable, user: User, current: string, next: string): Promise<void> {
	const [row] = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = ?', [user.id]);
	if (!row || !(await verifyPassword(row.password_hash, current))) throw new AccountError(msg('err.account.wrongPassword'));
	if (current === next) throw new AccountError(msg('err.account.samePassword'));
	const problems = passwordMessages(next, user.username);
	if (problems.length) throw new AccountError(problems);
	await db.run('UPDATE users SET password_hash = ?, must_change_password = false, password_changed_ms = ? WHERE id = ?', [
		await hashPassword(next),
		Date.now(),
		user.id
	]);
}

/** An administrator's reset: a new one-time password that must be changed at the next sign-in. */
export async function resetPassword(db: Queryable, userId: number): Promise<string> {
	const password = oneTimePassword();
	await db.run(
		'UPDATE users SET password_hash = ?, must_change_password = true, failed_attempts = 0, locked_until_ms = NULL, password_changed_ms = ? WHERE id = ?',
		[await hashPassword(password), Date.now(), userId]
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
