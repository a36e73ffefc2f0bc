import type { Cookies } from '@sveltejs/kit';
import { ABSOLUTE_TIMEOUT_MS, SESSION_COOKIE } from '../auth';

/** The session cookie: httpOnly, SameSite=Lax, Secure whenever the site is served over HTTPS. */
export function setSessionCookie(cookies: Cookies, token: string, url: URL): void {
	cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', maxAge: ABSOLUTE_TIMEOUT_MS / 1000 });
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' });
}
