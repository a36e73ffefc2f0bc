import type { RequestEvent } from '@sveltejs/kit';
import { getSettings } from '$lib/server/auth';
import { getDatabase } from '$lib/server/db';
import { clientAddress } from '$lib/server/http/request-meta';
import type { Viewer } from '$lib/domain/masking';

/** Who is looking (for masking) and who is acting (for the audit log), on the staff publicity pages. */
export async function viewerOf(locals: App.Locals): Promise<Viewer> {
	const settings = await getSettings(await getDatabase());
	return { roles: locals.user?.roles ?? [], certNo: locals.user?.certNo ?? null, adminSeesPersonalData: settings.adminSeesPersonalData };
}

export function actorOf(event: Pick<RequestEvent, 'locals' | 'getClientAddress'>): { username: string; ip: string | null } {
	return { username: event.locals.user?.username ?? 'unknown', ip: clientAddress(event) };
}

/** What the staff pages may do besides reading: the same rule as the role matrix's POST line. */
export function canAct(locals: App.Locals): boolean {
	return (locals.user?.roles ?? []).some((r) => r === 'reviewer' || r === 'admin');
}
