import { error, redirect } from '@sveltejs/kit';
import { isLocale, LOCALE_COOKIE } from '$lib/i18n';
import { safeReturnPath } from '$lib/server/http/request-meta';
import type { RequestHandler } from './$types';

/** Switches the interface language and returns to the page the user was on (same site only). */
export const GET: RequestHandler = ({ params, cookies, url }) => {
	if (!isLocale(params.locale)) error(404, 'not found');
	cookies.set(LOCALE_COOKIE, params.locale, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 });
	redirect(303, safeReturnPath(url.searchParams.get('to')));
};
