import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

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
		headers: { origin: baseUrl, 'content-type': 'application/x-www-form-urlencoded', ...init.headers }
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
		expect(declared.status).toBe(200);
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
