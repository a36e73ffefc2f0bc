import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db';
import { getUser, type User } from './users';

export const SESSION_COOKIE = 'equitas_session';
/** Signed out after 30 minutes without a request, and after 12 hours whatever happens. */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** Activity is written at most once a minute, so that reading pages does not turn into a stream of writes. */
const TOUCH_EVERY_MS = 60 * 1000;

function digest(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** Starts a session; returns the token for the cookie (only its hash is stored). */
export async function createSession(
	db: Queryable,
	userId: number,
	meta: { ip?: string | null; userAgent?: string | null } = {},
	now = Date.now()
): Promise<string> {
	const token = randomBytes(32).toString('base64url');
	await db.run(`INSERT INTO sessions (id_hash, user_id, created_ms, last_seen_ms, expires_ms, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
		digest(token),
		userId,
		now,
		now,
		now + ABSOLUTE_TIMEOUT_MS,
		meta.ip ?? null,
		meta.userAgent?.slice(0, 300) ?? null
	]);
	return token;
}

/** The user of a live session, or null when the token is unknown, revoked, idle too long, expired, or the user disabled. */
export async function sessionUser(db: Queryable, token: string, now = Date.now()): Promise<User | null> {
	const [s] = await db.query<{ user_id: number; last_seen_ms: number; expires_ms: number; revoked_ms: number | null }>(
		'SELECT user_id, last_seen_ms, expires_ms, revoked_ms FROM sessions WHERE id_hash = ?',
		[digest(token)]
	);
	if (!s || s.revoked_ms !== null || now > s.expires_ms || now - s.last_seen_ms > IDLE_TIMEOUT_MS) return null;
	const user = await getUser(db, s.user_id);
	if (!user || user.disabled) return null;
	if (now - s.last_seen_ms > TOUCH_EVERY_MS) await db.run('UPDATE sessions SET last_seen_ms = ? WHERE id_hash = ?', [now, digest(token)]);
	return user;
}

export async function revokeSession(db: Queryable, token: string, now = Date.now()): Promise<void> {
	await db.run('UPDATE sessions SET revoked_ms = ? WHERE id_hash = ? AND revoked_ms IS NULL', [now, digest(token)]);
}

/** Sign-out everywhere: every session of the user ends, but the one of `keepToken` when given. */
export async function revokeUserSessions(db: Queryable, userId: number, now = Date.now(), keepToken: string | null = null): Promise<number> {
	const keep = keepToken ? digest(keepToken) : '';
	const [r] = await db.query<{ n: number }>('SELECT count(*) AS n FROM sessions WHERE user_id = ? AND revoked_ms IS NULL AND expires_ms > ? AND id_hash <> ?', [
		userId,
		now,
		keep
	]);
	await db.run('UPDATE sessions SET revoked_ms = ? WHERE user_id = ? AND revoked_ms IS NULL AND id_hash <> ?', [now, userId, keep]);
	return r?.n ?? 0;
}
