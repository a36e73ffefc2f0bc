import { createHash, randomBytes } from 'node:crypto';
import { TOKEN_SCOPES, type TokenScope } from '../../domain/roles';
import type { Queryable } from '../db';
import { AccountError } from './users';
import { msg } from '../../i18n/message';

export interface ApiToken {
	id: number;
	name: string;
	scopes: TokenScope[];
	createdBy: string;
	createdMs: number;
	revokedMs: number | null;
	lastUsedMs: number | null;
}

const PREFIX = 'eqt_';

function digest(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

function isScope(s: string): s is TokenScope {
	return (TOKEN_SCOPES as readonly string[]).includes(s);
}

/** Creates a scoped token for a machine client; the token itself is returned once and only its hash is kept. */
export async function createToken(db: Queryable, name: string, scopes: TokenScope[], createdBy: string): Promise<{ id: number; token: string }> {
	if (!name.trim()) throw new AccountError(msg('err.account.tokenName'));
	if (scopes.length === 0 || !scopes.every(isScope)) throw new AccountError(msg('err.account.scopes'));
	const token = PREFIX + randomBytes(32).toString('base64url');
	const [r] = await db.query<{ id: number }>(
		`INSERT INTO api_tokens (name, token_hash, scopes, created_by, created_ms) VALUES (?, ?, [${scopes.map((s) => `'${s}'`).join(', ')}]::VARCHAR[], ?, ?) RETURNING id`,
		[name.trim(), digest(token), createdBy, Date.now()]
	);
	return { id: r?.id ?? 0, token };
}

/**
 * Live tokens recently checked, by hash: a machine client sends many requests a second, and each lookup is a
 * database round trip. Revoking a token clears this, so a revoked token is refused from the next request on.
 */
const recent = new Map<string, { at: number; value: { id: number; name: string; scopes: TokenScope[] } }>();
const RECENT_MS = 30_000;

/** The token's scopes when it is live, else null. */
export async function tokenScopes(db: Queryable, token: string): Promise<{ id: number; name: string; scopes: TokenScope[] } | null> {
	if (!token.startsWith(PREFIX)) return null;
	const hash = digest(token);
	const now = Date.now();
	const hit = recent.get(hash);
	if (hit && now - hit.at < RECENT_MS) return hit.value;
	const [r] = await db.query<{ id: number; name: string; scopes: string[]; revoked_ms: number | null; last_used_ms: number | null }>(
		'SELECT id, name, scopes, revoked_ms, last_used_ms FROM api_tokens WHERE token_hash = ?',
		[hash]
	);
	if (!r || r.revoked_ms !== null) {
		recent.delete(hash);
		return null;
	}
	if (r.last_used_ms === null || now - r.last_used_ms > 60_000) await db.run('UPDATE api_tokens SET last_used_ms = ? WHERE id = ?', [now, r.id]);
	const value = { id: r.id, name: r.name, scopes: r.scopes.filter(isScope) };
	if (recent.size > 1000) recent.clear();
	recent.set(hash, { at: now, value });
	return value;
}

export async function listTokens(db: Queryable): Promise<ApiToken[]> {
	const rows = await db.query<{
		id: number;
		name: string;
		scopes: string[];
		created_by: string;
		created_ms: number;
		revoked_ms: number | null;
		last_used_ms: number | null;
	}>('SELECT id, name, scopes, created_by, created_ms, revoked_ms, last_used_ms FROM api_tokens ORDER BY id DESC');
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		scopes: r.scopes.filter(isScope),
		createdBy: r.created_by,
		createdMs: r.created_ms,
		revokedMs: r.revoked_ms,
		lastUsedMs: r.last_used_ms
	}));
}

export async function revokeToken(db: Queryable, id: number): Promise<void> {
	await db.run('UPDATE api_tokens SET revoked_ms = ? WHERE id = ? AND revoked_ms IS NULL', [Date.now(), id]);
	recent.clear();
}
