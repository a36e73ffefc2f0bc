import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, signIn } from './browser';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');

/** A request as a script would send it: no redirects followed, the site's own origin on posts. */
function get(path: string, init: RequestInit = {}): Promise<Response> {
	return fetch(`${baseUrl}${path}`, { redirect: 'manual', ...init });
}

function post(path: string, form: Record<string, string>, init: RequestInit = {}): Promise<Response> {
	return fetch(`${baseUrl}${path}`, {
		method: 'POST',
		redirect: 'manual',
		body: new URLSearchParams(form),
		...init,
		headers: { origin: baseUrl, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', ...init.headers }
	});
}

/** The host a browser on this site would land on after following the answer's Location. */
function landing(r: Response): string {
	const location = r.headers.get('location');
	if (location === null) throw new Error(`no Location in a ${r.status} answer`);
	return new URL(location, baseUrl).host;
}

/** Signs in with the form as a script would and returns the session cookie. */
async function session(username: string, password = accounts.password): Promise<string> {
	const r = await post('/login', { username, password });
	const cookie = r.headers.getSetCookie().find((c) => c.startsWith('equitas_session='));
	if (r.status !== 303 || !cookie) throw new Error(`signing in as ${username} gave ${r.status}`);
	return cookie.split(';')[0]!;
}

/** A body of `total` bytes sent without a Content-Length (chunked), as a streaming client sends it. */
function chunked(total: number, fill = 97): ReadableStream<Uint8Array> {
	let sent = 0;
	return new ReadableStream({
		pull(c) {
			if (sent >= total) return c.close();
			const n = Math.min(256 * 1024, total - sent);
			sent += n;
			c.enqueue(new Uint8Array(n).fill(fill));
		}
	});
}

const host = new URL(baseUrl).host;
const PROBES = [
	'/%5C127.0.0.1:3399/x',
	'/%09/127.0.0.1:3399/x',
	'/%0A/127.0.0.1:3399/x',
	'/%0D%0A/x',
	'//127.0.0.1:3399/x',
	'http://127.0.0.1:3399/x',
	'/.//127.0.0.1:3399/x'
];

describe('return paths', () => {
	it.each(PROBES)('/lang/en?to=%s stays on this site', async (to) => {
		const r = await get(`/lang/en?to=${to}`);
		expect(r.status).toBe(303);
		expect(landing(r)).toBe(host);
	});

	it('/lang still returns to the page the user was on', async () => {
		const r = await get(`/lang/en?to=${encodeURIComponent('/catalog?q=罚款')}`);
		expect(r.status).toBe(303);
		expect(r.headers.get('location')).toBe('/catalog?q=%E7%BD%9A%E6%AC%BE');
	});

	it.each(PROBES)('/login?to=%s stays on this site after signing in', async (to) => {
		const r = await post(`/login?to=${to}`, { username: accounts.leader, password: accounts.password });
		expect(r.status).toBe(303);
		expect(landing(r)).toBe(host);
	});
});

describe('body limits', () => {
	const MB = 1024 * 1024;

	it('refuses a 30 MB user name with 413 before signing in looks at it, and logs nothing of it', async () => {
		const name = 'a'.repeat(30 * MB);
		const r = await post('/login', { username: name, password: 'x' });
		expect(r.status).toBe(413);
		expect(await r.text()).toContain('请求内容过大');
		const streamed = await fetch(`${baseUrl}/login`, {
			method: 'POST',
			redirect: 'manual',
			body: chunked(30 * MB),
			duplex: 'half',
			headers: { origin: baseUrl, 'content-type': 'application/x-www-form-urlencoded' }
		} as RequestInit);
		expect(streamed.status).toBe(413);
	});

	it('refuses a user name over 64 characters within the body limit as a failed sign-in, without an audit entry', async () => {
		const name = 'b'.repeat(100_000);
		const r = await post('/login', { username: name, password: 'x' });
		expect(r.status).toBe(400);
		const admin = await session(accounts.auditor);
		const audit = await (await get('/admin/audit', { headers: { cookie: admin } })).text();
		expect(audit).not.toContain('b'.repeat(65));
	});

	it('refuses a JSON body over 1 MB on an ordinary API route', async () => {
		const cookie = await session(accounts.officer);
		const r = await fetch(`${baseUrl}/suggest/live`, {
			method: 'POST',
			body: JSON.stringify({ pad: 'x'.repeat(2 * MB) }),
			headers: { cookie, origin: baseUrl, 'content-type': 'application/json', accept: 'application/json' }
		});
		expect(r.status).toBe(413);
		expect(((await r.json()) as { error: { status: number } }).error.status).toBe(413);
	});

	it('still takes an export of several megabytes on the upload route, with and without a Content-Length', async () => {
		const sample = readFileSync(resolve(import.meta.dirname, '../data/samples/cases-current-utf8.csv'), 'utf8');
		const [header, ...rows] = sample.trimEnd().split(/\r?\n/);
		const big = [header, ...Array.from({ length: 20 }, () => rows).flat()].join('\n') + '\n';
		expect(Buffer.byteLength(big)).toBeGreaterThan(2 * MB);
		const cookie = await session(accounts.analyst);
		const headers = { cookie, origin: baseUrl, 'content-type': 'text/csv', 'x-file-name': encodeURIComponent('big.csv') };
		const declared = await fetch(`${baseUrl}/api/import/upload`, { method: 'POST', body: big, headers });
		expect(declared.status, await declared.text()).toBe(200);
		const bytes = new TextEncoder().encode(big);
		const stream = new ReadableStream<Uint8Array>({
			start(c) {
				for (let i = 0; i < bytes.length; i += 256 * 1024) c.enqueue(bytes.subarray(i, i + 256 * 1024));
				c.close();
			}
		});
		const streamed = await fetch(`${baseUrl}/api/import/upload`, { method: 'POST', body: stream, duplex: 'half', headers } as RequestInit);
		expect(streamed.status).toBe(200);
	});
});

describe('what the public learns', () => {
	it('/health says only that the server is up', async () => {
		const r = await get('/health');
		expect(r.status).toBe(200);
		expect(await r.json()).toEqual({ ok: true });
	});

	/** The message of a refused sign-in, as the page shows it. */
	async function refusal(username: string, password: string): Promise<{ status: number; message: string }> {
		const r = await post('/login', { username, password });
		const html = await r.text();
		return { status: r.status, message: /role="alert"[^>]*>([^<]*)</.exec(html)?.[1] ?? html.slice(0, 200) };
	}

	it('answers an unknown name, a wrong password and a locked name alike', async () => {
		const unknown = await refusal('no-such-user', 'Whatever-2025!');
		expect(unknown.status).toBe(400);
		expect(unknown.message).toContain('用户名或密码错误');
		expect(await refusal(accounts.leader, 'Whatever-2025!')).toEqual(unknown);
		for (let i = 0; i < 6; i++) await refusal('locked-out-stranger', 'Whatever-2025!');
		expect(await refusal('locked-out-stranger', 'Whatever-2025!')).toEqual(unknown);
	});
});

describe('security headers', () => {
	function expectHeaders(r: Response, frame: 'DENY' | 'SAMEORIGIN' = 'DENY'): void {
		expect(r.headers.get('content-security-policy')).toMatch(frame === 'DENY' ? /frame-ancestors 'none'/ : /frame-ancestors 'self'/);
		expect(r.headers.get('x-frame-options')).toBe(frame);
		expect(r.headers.get('x-content-type-options')).toBe('nosniff');
		expect(r.headers.get('referrer-policy')).toBe('same-origin');
	}

	it('sends them with pages, with SvelteKit’s inline script allowed by hash or nonce only', async () => {
		const login = await get('/login');
		expectHeaders(login);
		const csp = login.headers.get('content-security-policy') ?? '';
		expect(csp).toMatch(/script-src 'self' '(nonce|sha256)-[^']+'/);
		expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
		const cookie = await session(accounts.auditor);
		for (const path of ['/', '/admin/users', '/admin/audit', '/stats']) expectHeaders(await get(path, { headers: { cookie } }));
	});

	it('sends them with redirects, refusals, errors and JSON', async () => {
		expectHeaders(await get('/admin/users'));
		expectHeaders(await get('/lang/en?to=/'));
		expectHeaders(await get('/api/public/decisions'));
		expectHeaders(await get('/health'));
		expectHeaders(await get('/no-such-page'));
	});
});

describe('the content policy in the browser', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => browser?.close());

	it('lets every page of a reviewer run, charts included, with no policy violation', async () => {
		const page = await browser.newPage();
		const violations: string[] = [];
		page.on('console', (m) => {
			if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
		});
		await signIn(page, baseUrl, accounts.reviewer, accounts.password);
		for (const path of ['/', '/stats', '/cases', '/review', '/suggest', '/catalog', '/model']) {
			await page.goto(`${baseUrl}${path}`);
			await page.waitForLoadState('networkidle');
		}
		expect(violations).toEqual([]);
		await page.goto(`${baseUrl}/stats`);
		await expect.poll(() => page.locator('[data-testid="branch-chart"] svg path').count()).toBeGreaterThan(0);
	});

	it('will not show a page of the site inside another site’s frame', async () => {
		const page = await browser.newPage();
		await page.setContent(`<iframe src="${baseUrl}/login"></iframe>`);
		await page.waitForTimeout(1000);
		const frame = page.frames().find((f) => f !== page.mainFrame());
		expect(frame).toBeDefined();
		expect(await frame!.locator('input[name="username"]').count()).toBe(0);
	});
});
