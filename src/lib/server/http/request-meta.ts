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

/** A `to` parameter that may only lead back into this site. */
export function safeReturnPath(to: string | null | undefined): string {
	return to && to.startsWith('/') && !to.startsWith('//') && !to.startsWith('/\\') ? to : '/';
}

/** The signed-in user of a request as the audit log names them. */
export function actorOf(event: Pick<RequestEvent, 'getClientAddress' | 'locals'>): Actor {
	return { username: event.locals.user?.username ?? 'unknown', ip: clientAddress(event) };
}
