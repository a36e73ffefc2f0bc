import type { PageServerLoad } from './$types';

/** The page a signed-in user is shown, inside the application's frame, for a page their roles may not open. */
export const load: PageServerLoad = ({ url }) => {
	const from = url.searchParams.get('from') ?? '';
	// Only a path of this site is echoed back, never a full address.
	return { from: from.startsWith('/') && !from.startsWith('//') ? from.slice(0, 300) : '' };
};
