import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { closeDatabase, databasePath, getDatabase, StorageError } from '$lib/server/db';
import { ensureShippedVersion, getCatalog } from '$lib/server/catalog';
import { getCalendar } from '$lib/server/calendar';
import { ensureCalendarTable } from '$lib/server/stats';
import { startPushSchedule } from '$lib/server/publicity';
import { startBackupSchedule } from '$lib/server/backup';
import { warmSuggester } from '$lib/server/model';
import { startFlagsUpkeep } from '$lib/server/review';
import { SESSION_COOKIE, sessionUser, tokenScopes } from '$lib/server/auth';
import { decide } from '$lib/domain/roles';
import { bilingual, DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, msg, translator, type Message } from '$lib/i18n';
import { bodyLimitFor, drainRefused, limitRequestBody, limitText } from '$lib/server/http/body-limit';

/** Start-up: a broken catalog, calendar or database stops the server with a message that says what is wrong. */
export const init: ServerInit = async () => {
	try {
		getCatalog();
		// The catalog file is version 1 of a database without versions; from then on the database's versions judge.
		await ensureShippedVersion(await getDatabase());
		// Deadlines in working days are counted in SQL against a table of the calendar.
		await ensureCalendarTable(await getDatabase(), getCalendar());
	} catch (e) {
		console.error(`\n无法启动 / cannot start:\n${e instanceof Error ? e.message : String(e)}\n数据库 / database: ${databasePath()}\n`);
		process.exit(1);
	}
	// The discretion model and its index of past cases load now, not at the first officer's visit; the server
	// answers meanwhile, and a request that needs the model waits for this same load.
	void getDatabase()
		.then(async (db) => {
			const warm = await warmSuggester(db, getCatalog());
			if (warm) console.log(`裁量模型已载入（${warm.cases} 件以往案件，${warm.ms} ms）/ discretion model loaded`);
		})
		.catch((e: unknown) => console.error('裁量模型未能在启动时载入 / the discretion model did not load at start:', e));
	// New and withdrawn decisions go to the city's publicity platform when the agency configured a push URL.
	startPushSchedule();
	// The daily backup, when an administrator turned it on (管理 › 数据备份).
	startBackupSchedule();
	// The review flags: brought up to date now and each new day, not at a reviewer's first page.
	startFlagsUpkeep();
	// adapter-node emits this after it stopped taking requests on SIGINT/SIGTERM: checkpoint and close cleanly.
	process.once('sveltekit:shutdown', () => void closeDatabase());
};

const locale: Handle = ({ event, resolve }) => {
	const cookie = event.cookies.get(LOCALE_COOKIE);
	event.locals.locale = isLocale(cookie) ? cookie : DEFAULT_LOCALE;
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale) });
};

const authenticate: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.sessionToken = null;
	event.locals.apiClient = null;
	const db = await getDatabase();
	const bearer = /^Bearer\s+(\S+)$/i.exec(event.request.headers.get('authorization') ?? '')?.[1];
	if (bearer) {
		event.locals.apiClient = await tokenScopes(db, bearer);
	} else {
		const token = event.cookies.get(SESSION_COOKIE);
		if (token) {
			event.locals.user = await sessionUser(db, token);
			event.locals.sessionToken = event.locals.user ? token : null;
		}
	}
	return resolve(event);
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function isApi(event: RequestEvent): boolean {
	return event.url.pathname.startsWith('/api/') || (event.request.headers.get('accept') ?? '').includes('application/json');
}

function refuse(event: RequestEvent, status: 401 | 403 | 413, why: Message): Response {
	if (isApi(event)) return Response.json({ error: { status, ...bilingual(why) } }, { status });
	const t = translator(event.locals.locale);
	const body = `<!doctype html><html lang="${event.locals.locale}"><head><meta charset="utf-8"><title>${t('app.name')}</title>
<style>body{font-family:system-ui,sans-serif;margin:4rem auto;max-width:36rem;color:#1f2933}a{color:#1d4f91}</style></head>
<body><h1>${status === 403 ? t('auth.forbidden.title') : status === 413 ? t('app.name') : t('auth.signInRequired')}</h1><p>${t(why)}</p><p><a href="/">${t('error.back')}</a></p></body></html>`;
	return new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/** The /forbidden page, rendered for this user (their menu, their language), answered with status 403. */
async function forbiddenPage(event: RequestEvent): Promise<Response> {
	const r = await event.fetch(`/forbidden?from=${encodeURIComponent(event.url.pathname)}`, { headers: { accept: 'text/html' } });
	if (!r.ok) return refuse(event, 403, msg('err.auth.forbidden'));
	return new Response(r.body, { status: 403, headers: new Headers(r.headers) });
}

function seeOther(location: string): Response {
	return new Response(null, { status: 303, headers: { location } });
}

/** Bodies are held to their route's limit before anything reads them: only the uploads may be large. */
const bodyLimit: Handle = async ({ event, resolve }) => {
	const limit = bodyLimitFor(event.request.method, event.url.pathname);
	const request = limitRequestBody(event.request, limit);
	if (!request) {
		if (event.request.body) await drainRefused(event.request.body.getReader());
		return closeAfter(refuse(event, 413, limitText(limit)));
	}
	event.request = request;
	const response = await resolve(event);
	if (response.status === 413) closeAfter(response);
	return response;
};

/** The unread rest of a refused body would hold the connection: it is closed once the answer is sent. */
function closeAfter(response: Response): Response {
	try {
		response.headers.set('connection', 'close');
	} catch {
		// Immutable headers: the client still gets the answer; only the connection stays open longer.
	}
	return response;
}

/** The one checkpoint: the role matrix decides every request; state-changing requests must come from this site. */
const authorize: Handle = async ({ event, resolve }) => {
	const path = event.url.pathname;
	const method = event.request.method;
	// SvelteKit checks the origin of form posts; JSON requests carrying the session cookie get the same check here.
	if (!SAFE_METHODS.has(method) && event.locals.sessionToken) {
		const origin = event.request.headers.get('origin');
		if (origin !== event.url.origin) return refuse(event, 403, msg('err.auth.crossSite'));
	}
	const who = event.locals.apiClient ? { scopes: event.locals.apiClient.scopes } : (event.locals.user?.roles ?? null);
	const decision = decide(who, path, method);
	if (decision === 'sign-in') {
		if (isApi(event) || !SAFE_METHODS.has(method)) return refuse(event, 401, msg('err.auth.signIn'));
		return seeOther(`/login?to=${encodeURIComponent(path + event.url.search)}`);
	}
	if (decision === 'forbidden') {
		// A signed-in user opening a page is told inside the application's frame, with the menu of what they may open.
		if (event.locals.user && method === 'GET' && !isApi(event) && !path.endsWith('/__data.json') && path !== '/forbidden') return forbiddenPage(event);
		return refuse(event, 403, msg('err.auth.forbidden'));
	}
	// A generated or reset password must be replaced before anything else.
	const user = event.locals.user;
	if (user?.mustChangePassword && !['/account', '/logout', '/lang', '/health'].some((p) => path === p || path.startsWith(p + '/'))) {
		if (SAFE_METHODS.has(method) && !isApi(event)) return seeOther('/account?first=1');
		return refuse(event, 403, msg('err.auth.changePassword'));
	}
	return resolve(event);
};

/** For answers that are not pages (JSON, files, the refusals above); pages carry the policy of kit.csp. */
const DEFAULT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Every answer: a content policy, no framing by other sites, no type sniffing, no full URLs leaked to other sites. */
const securityHeaders: Handle = async ({ event, resolve }) => {
	let response = await resolve(event);
	if (!trySetHeaders(response.headers)) {
		// A response with immutable headers (Response.redirect) is copied so that it too carries them.
		response = new Response(response.body, { status: response.status, statusText: response.statusText, headers: new Headers(response.headers) });
		trySetHeaders(response.headers);
	}
	return response;
};

function trySetHeaders(h: Headers): boolean {
	try {
		if (!h.has('content-security-policy')) h.set('content-security-policy', DEFAULT_CSP);
		const framedBySelf = /frame-ancestors 'self'/.test(h.get('content-security-policy') ?? '');
		h.set('x-frame-options', framedBySelf ? 'SAMEORIGIN' : 'DENY');
		h.set('x-content-type-options', 'nosniff');
		h.set('referrer-policy', 'same-origin');
		return true;
	} catch {
		return false;
	}
}

/** The time the app spent on a request (Server-Timing), so that operators and benchmarks see server time apart from the network. */
const timing: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const response = await resolve(event);
	try {
		response.headers.set('server-timing', `app;dur=${(performance.now() - started).toFixed(2)}`);
	} catch {
		// Some responses (redirects made by the platform) have immutable headers; they go without the figure.
	}
	return response;
};

export const handle = sequence(securityHeaders, timing, locale, bodyLimit, authenticate, authorize);

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) console.error(`${event.request.method} ${event.url.pathname}:`, error);
	// A full disk or a read-only database is the operator's to fix: the user is told which, not "internal error".
	if (error instanceof StorageError) return { message: error.message };
	return { message: status === 404 ? 'not found' : 'internal error' };
};
