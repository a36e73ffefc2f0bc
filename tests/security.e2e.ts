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

const host = new URL(baseUrl).host;
const PROBES = ['/%5C127.0.0.1:3399/x', '/%09/127.0.0.1:3399/x', '/%0A/127.0.0.1:3399/x', '/%0D%0A/x', '//127.0.0.1:3399/x', 'http://127.0.0.1:3399/x', '/.//127.0.0.1:3399/x'];

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
