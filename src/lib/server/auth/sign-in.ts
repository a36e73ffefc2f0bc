import { appendAudit, auditedTransaction } from '../audit/log';
import type { Database } from '../db';
import { changePassword, checkCredentials, type User } from './users';
import { createSession, revokeSession, revokeUserSessions } from './sessions';
import { MAX_PASSWORD_LENGTH } from '../../domain/password-policy';

/** A user's own session and password: signing in and out, changing the password. Each writes its audit entry. */

export type SignIn = { ok: true; user: User; token: string } | { ok: false; reason: 'invalid' | 'locked' | 'disabled'; lockedUntilMs?: number };

/** The longest user name a sign-in takes; real ones are at most 32 (USERNAME_PATTERN). */
export const MAX_USERNAME_INPUT = 64;
const CUT_MARK = '…[已截断]';

/** Whether a typed sign-in can be checked at all: anything longer is refused before any lookup or hashing. */
export function signInInputFits(username: string, password: string): boolean {
	return username.length <= MAX_USERNAME_INPUT && password.length <= MAX_PASSWORD_LENGTH;
}

/** A typed name as the audit log keeps it: cut to the longest a sign-in takes, and marked when cut. */
export function loggedName(typed: string): string {
	return typed.length > MAX_USERNAME_INPUT ? typed.slice(0, MAX_USERNAME_INPUT) + CUT_MARK : typed;
}

/**
 * Checks the password and opens a session (its token is for the cookie). A failure is logged under the name as
 * typed, since an unknown name must look the same as a wrong password.
 */
export async function signIn(
	db: Database,
	credentials: { username: string; password: string },
	meta: { ip?: string | null; userAgent?: string | null } = {}
): Promise<SignIn> {
	const { username, password } = credentials;
	const ip = meta.ip ?? null;
	if (!signInInputFits(username, password)) {
		const name = loggedName(username);
		const detail = { reason: 'too-long', usernameLength: username.length, passwordLength: password.length };
		await appendAudit(db, { actor: name, action: 'sign-in-failed', targetType: 'user', targetId: name, detail, ip });
		return { ok: false, reason: 'invalid' };
	}
	const r = await checkCredentials(db, username, password);
	if (!r.ok) {
		await appendAudit(db, { actor: username, action: 'sign-in-failed', targetType: 'user', targetId: username, detail: { reason: r.reason }, ip });
		return { ok: false, reason: r.reason, ...(r.lockedUntilMs === undefined ? {} : { lockedUntilMs: r.lockedUntilMs }) };
	}
	const token = await auditedTransaction(db, async (tx) => ({
		result: await createSession(tx, r.user.id, { ip, userAgent: meta.userAgent }),
		audit: [{ actor: r.user.username, action: 'sign-in', targetType: 'user', targetId: r.user.username, ip }]
	}));
	return { ok: true, user: r.user, token };
}

/** Ends this session; the sign-out is logged when someone was signed in. */
export async function signOut(db: Database, session: { token: string | null; user: User | null; ip?: string | null }): Promise<void> {
	if (session.token) await revokeSession(db, session.token);
	if (session.user) await appendAudit(db, { actor: session.user.username, action: 'sign-out', ip: session.ip ?? null });
}

/** Sign-out everywhere: every session of the user ends; returns how many were live. */
export async function signOutEverywhere(db: Database, user: User, ip: string | null = null): Promise<number> {
	return auditedTransaction(db, async (tx) => {
		const sessions = await revokeUserSessions(tx, user.id);
		return {
			result: sessions,
			audit: [{ actor: user.username, action: 'sign-out-everywhere', targetType: 'user', targetId: user.username, detail: { sessions }, ip }]
		};
	});
}

/**
 * The user's own change of password (AccountError when the current one is wrong, the new one too weak or used
 * recently). Every other session of the user ends: whoever else held one signed in with the old password.
 */
export async function changeOwnPassword(
	db: Database,
	user: User,
	current: string,
	next: string,
	ip: string | null = null,
	keepToken: string | null = null
): Promise<void> {
	await auditedTransaction(db, async (tx) => {
		await changePassword(tx, user, current, next);
		await revokeUserSessions(tx, user.id, Date.now(), keepToken);
		return { result: undefined, audit: [{ actor: user.username, action: 'password-changed', targetType: 'user', targetId: user.username, ip }] };
	});
}
