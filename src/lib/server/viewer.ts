import type { Viewer } from '../domain/masking';
import type { Role } from '../domain/roles';
import { getSettings } from './auth/settings';
import type { Queryable } from './db';

/** Who is signed in, as far as reading goes: the route hands this over and the server decides what it may see. */
export type Reader = { roles: readonly Role[]; certNo?: string | null } | null;

/**
 * The signed-in user as the masking and case-file rules see them. Only server functions call this: routes pass
 * the user, so a route never holds a viewer and cannot forget to mask.
 */
export async function viewerFor(db: Queryable, user: Reader): Promise<Viewer> {
	const settings = await getSettings(db);
	return { roles: user?.roles ?? [], certNo: user?.certNo ?? null, adminSeesPersonalData: settings.adminSeesPersonalData };
}
