import type { Viewer } from '../../domain/masking';
import type { Role } from '../../domain/roles';
import { getSettings } from '../auth/settings';
import type { Queryable } from '../db';

/** The signed-in user as the masking and case-file rules see them. */
export async function viewerFor(db: Queryable, user: { roles: readonly Role[]; certNo?: string | null } | null): Promise<Viewer> {
	const settings = await getSettings(db);
	return { roles: user?.roles ?? [], certNo: user?.certNo ?? null, adminSeesPersonalData: settings.adminSeesPersonalData };
}
