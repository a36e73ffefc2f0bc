import type { RequestEvent } from '@sveltejs/kit';
import type { Actor } from '../audit/actor';

/** Where a request came from, for the audit log and sessions. */
export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string | null {
	try {
		return event.getClientAddress();
	} catch {
		return null;
	}
}

// Browsers drop tabs and newlines from URLs and read a backslash as `/`, so any of them could turn a path into `//host`.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_IN_PATH = /[\u0000-\u001f\u007f\\]/;
const BASE = 'http://return-path.invalid';

/**
 * A `to` parameter (already percent-decoded once, as `searchParams.get` gives it) that may only lead back into
 * this site: a path on this origin, normalised and percent-encoded so that it is also a valid Location header.
 */
export function safeReturnPath(to: string | null | undefined): string {
	if (!to || !to.startsWith('/') || to.startsWith('//') || UNSAFE_IN_PATH.test(to)) return '/';
	let url: URL;
	try {
		url = new URL(to, BASE);
	} catch {
		return '/';
	}
	if (url.origin !== BASE) return '/';
	const path = url.pathname + url.search + url.hash;
	// Dot segments can collapse into a leading `//` (`/.//host`), which a browser reads as another host.
	return path.startsWith('/') && !path.startsWith('//') ? path : '/';
}

/** The signed-in user of a request as the audit log names them. */
export function actorOf(event: Pick<RequestEvent, 'getClientAddress' | 'locals'>): Actor {
	return { username: event.locals.user?.username ?? 'unknown', ip: clientAddress(event) };
}
