import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { closeDatabase, databasePath, getDatabase } from '$lib/server/db';
import { getCatalog } from '$lib/server/catalog';
import { getCalendar } from '$lib/server/calendar';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE } from '$lib/i18n';

/** Start-up: a broken catalog, calendar or database stops the server with a message that says what is wrong. */
export const init: ServerInit = async () => {
	try {
		getCatalog();
		getCalendar();
		await getDatabase();
	} catch (e) {
		console.error(`\n无法启动 / cannot start:\n${e instanceof Error ? e.message : String(e)}\n数据库 / database: ${databasePath()}\n`);
		process.exit(1);
	}
	// adapter-node emits this after it stopped taking requests on SIGINT/SIGTERM: checkpoint and close cleanly.
	process.once('sveltekit:shutdown', () => void closeDatabase());
};

export const handle: Handle = async ({ event, resolve }) => {
	const cookie = event.cookies.get(LOCALE_COOKIE);
	const locale = isLocale(cookie) ? cookie : DEFAULT_LOCALE;
	event.locals.locale = locale;
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) });
};

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) console.error(`${event.request.method} ${event.url.pathname}:`, error);
	return { message: status === 404 ? 'not found' : 'internal error' };
};
