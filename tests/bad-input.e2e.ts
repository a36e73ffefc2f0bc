import { beforeAll, describe, expect, inject, it } from 'vitest';

/**
 * Bad input is a 400 (or the page without that filter), never a 500: malformed values thrown at every query
 * parameter and path segment each route reads, signed in as a role that may open it.
 */

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');

/** Values a hand-edited link, a scanner or an attacker sends. */
const BAD = ['not-a-date', '1e309', 'Infinity', '-1', 'NaN', '0x10', '2024-13-45', ' ', '%00', '%E0%A4%A', '../../etc/passwd', '<script>', 'x'.repeat(5000)];

/** Each route with the parameters it reads, and who may open it. */
const ROUTES: { who: keyof typeof sessions; path: string; params: string[] }[] = [
	{
		who: 'leader',
		path: '/cases',
		params: [
			'year',
			'month',
			'cell',
			'department',
			'category',
			'status',
			'q',
			'flag',
			'rule',
			'item',
			'tier',
			'officer',
			'days',
			'decided',
			'fined',
			'filed',
			'sort',
			'dir',
			'page'
		]
	},
	{ who: 'leader', path: '/stats', params: ['year', 'department', 'category', 'item', 'officer'] },
	{ who: 'leader', path: '/report', params: ['year', 'agency'] },
	{ who: 'leader', path: '/report/xlsx', params: ['year', 'agency'] },
	{ who: 'leader', path: '/report/print', params: ['year'] },
	{ who: 'leader', path: '/scorecard', params: ['year'] },
	{ who: 'leader', path: '/scorecard/print', params: ['year'] },
	{ who: 'leader', path: '/scorecard/xlsx', params: ['year'] },
	{ who: 'leader', path: '/case-files', params: ['year', 'department'] },
	{ who: 'leader', path: '/publicity', params: ['page'] },
	{ who: 'leader', path: '/publicity/published', params: ['q', 'from', 'to', 'ended', 'page'] },
	{ who: 'leader', path: '/publicity/withdrawn', params: ['page', 'done'] },
	{ who: 'leader', path: '/publicity/export', params: ['format', 'q', 'from', 'to'] },
	{ who: 'reviewer', path: '/publicity/withdraw', params: ['agency', 'case'] },
	{ who: 'reviewer', path: '/review', params: ['department', 'rule', 'item', 'state', 'page'] },
	{ who: 'leader', path: '/review/supervision', params: ['rule', 'department', 'officer', 'year', 'status', 'page'] },
	{ who: 'analyst', path: '/review/supervision/export', params: ['rule', 'year'] },
	{ who: 'reviewer', path: '/api/flags', params: ['status', 'rule', 'limit', 'offset'] },
	{ who: 'officer', path: '/suggest', params: ['case'] },
	{ who: 'admin', path: '/admin/audit', params: ['actor', 'action', 'from', 'to', 'page'] },
	{ who: 'leader', path: '/public/decisions', params: ['q', 'page'] },
	{ who: 'leader', path: '/lang/en', params: ['to'] },
	{ who: 'leader', path: '/login', params: ['to'] }
];

/** Routes with the case, document or batch in the path. */
const PATHS: { who: keyof typeof sessions; path: (v: string) => string }[] = [
	{ who: 'leader', path: (v) => `/cases/${v}` },
	{ who: 'leader', path: (v) => `/cases/${v}?agency=${v}` },
	{ who: 'leader', path: (v) => `/cases/LJ2024CF00001/files/${v}` },
	{ who: 'leader', path: (v) => `/api/files/${v}` },
	{ who: 'reviewer', path: (v) => `/review/${v}` },
	{ who: 'analyst', path: (v) => `/api/import/batches/${v}/quarantine` }
];

const sessions = { leader: '', officer: '', reviewer: '', analyst: '', admin: '' };

async function session(username: string): Promise<string> {
	const r = await fetch(`${baseUrl}/login`, {
		method: 'POST',
		redirect: 'manual',
		body: new URLSearchParams({ username, password: accounts.password }),
		headers: { origin: baseUrl, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }
	});
	const cookie = r.headers.getSetCookie().find((c) => c.startsWith('equitas_session='));
	if (r.status !== 303 || !cookie) throw new Error(`signing in as ${username} gave ${r.status}`);
	return cookie.split(';')[0]!;
}

beforeAll(async () => {
	sessions.leader = await session(accounts.leader);
	sessions.officer = await session(accounts.officer);
	sessions.reviewer = await session(accounts.reviewer);
	sessions.analyst = await session(accounts.analyst);
	sessions.admin = await session(accounts.auditor);
}, 60_000);

/** A raw value in the query: encoded, except the ones that are themselves broken or literal escapes. */
const inQuery = (v: string) => (v.startsWith('%') ? v : encodeURIComponent(v));

/** The URL with its status if the server failed on it (5xx), else null; the body is read so the connection is reused. */
async function serverError(who: keyof typeof sessions, url: string): Promise<string | null> {
	const res = await fetch(`${baseUrl}${url}`, { redirect: 'manual', headers: { cookie: sessions[who] } });
	await res.arrayBuffer();
	return res.status >= 500 ? `${res.status} ${url.slice(0, 120)}` : null;
}

describe('bad input is never a 500', () => {
	it('answers malformed query parameters on every route without a server error', async () => {
		const errors: string[] = [];
		let asked = 0;
		for (const r of ROUTES) {
			for (const p of r.params) {
				for (const v of BAD) {
					const failed = await serverError(r.who, `${r.path}?${p}=${inQuery(v)}`);
					asked++;
					if (failed) errors.push(failed);
				}
			}
		}
		expect(asked).toBeGreaterThan(500);
		expect(errors).toEqual([]);
	}, 300_000);

	it('answers malformed path segments without a server error', async () => {
		const errors: string[] = [];
		for (const r of PATHS) {
			for (const v of BAD) {
				const failed = await serverError(r.who, r.path(inQuery(v)));
				if (failed) errors.push(failed);
			}
		}
		expect(errors).toEqual([]);
	}, 120_000);
});
