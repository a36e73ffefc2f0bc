import type { APIRequestContext, Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../src/lib/server/db';
import { seesPersonalData, type Viewer } from '../src/lib/domain/masking';
import type { Role } from '../src/lib/domain/roles';
import { launchBrowser, signIn } from './browser';

/**
 * The masking walk: every page and endpoint that shows case data, fetched as each role, must not contain a natural
 * person's full name or ID number where that role may not see them. The rule itself (`seesPersonalData`) decides
 * what each role may see; this test checks that no route hands out more.
 */

const base = inject('baseUrl');
const accounts = inject('accounts');

interface Probe {
	agency: string;
	case_id: string;
	party_name: string;
	party_id: string;
	officer_ids: string[];
	status: string;
	item_code: string | null;
}

interface Account {
	username: string;
	password: string;
	roles: Role[];
	certNo: string | null;
}

let browser: Browser;
const contexts = new Map<string, BrowserContext>();
let probes: Probe[] = [];
let accountsByRole: Account[] = [];
/** Every natural person's ID number with the case it belongs to: an ID is unmistakable wherever it turns up. */
let ids: Probe[] = [];

beforeAll(async () => {
	const db = await openDatabase(inject('cliDb'), { readOnly: true });
	try {
		const pick = (where: string) =>
			db.query<Probe>(
				`SELECT agency, case_id, party_name, party_id, officer_ids, status, item_code FROM cases
				 WHERE party_type = '自然人' AND party_name IS NOT NULL AND party_id IS NOT NULL AND ${where}
				 ORDER BY case_id LIMIT 1`
			);
		const [officer] = await db.query<{ cert_no: string | null }>(`SELECT cert_no FROM users WHERE username = ?`, [accounts.officer]);
		const cert = officer?.cert_no ?? '';
		const own = `list_contains(officer_ids, '${cert.replace(/'/g, "''")}')`;
		// The demo has natural persons among decided cases and the officer's own; a pending one only by chance.
		probes = [...(await pick(`status = '已结案' AND NOT ${own}`)), ...(await pick(own)), ...(await pick(`status = '待审核' AND NOT ${own}`))];
		ids = await db.query<Probe>(
			`SELECT agency, case_id, party_name, party_id, officer_ids, status, item_code FROM cases WHERE party_type = '自然人' AND party_id IS NOT NULL`
		);
		accountsByRole = [
			{ username: accounts.leader, password: accounts.password, roles: ['leader'], certNo: null },
			{ username: accounts.officer, password: accounts.password, roles: ['officer'], certNo: cert || null },
			{ username: accounts.reviewer, password: accounts.password, roles: ['reviewer'], certNo: null },
			{ username: accounts.analyst, password: accounts.password, roles: ['analyst'], certNo: null },
			{ username: accounts.auditor, password: accounts.password, roles: ['admin'], certNo: null }
		];
	} finally {
		await db.close();
	}
	browser = await launchBrowser();
	for (const a of accountsByRole) {
		const context = await browser.newContext();
		await signIn(await context.newPage(), base, a.username, a.password);
		contexts.set(a.username, context);
	}
}, 180_000);

afterAll(async () => {
	await browser?.close();
});

/** What a route answers to this account; a route the role matrix closes to it answers 403 and shows nothing. */
async function fetchAs(request: APIRequestContext, path: string, body?: unknown): Promise<{ status: number; text: string }> {
	const r =
		body === undefined ? await request.get(`${base}${path}`, { maxRedirects: 0 }) : await request.post(`${base}${path}`, { data: body, maxRedirects: 0 });
	return { status: r.status(), text: await r.text() };
}

function viewerOf(a: Account): Viewer {
	// The demo agency keeps the default: administrators do not see personal data.
	return { roles: a.roles, certNo: a.certNo, adminSeesPersonalData: false };
}

/** The routes that show one case's data, as a person would open them from the case list, the queue or the desk. */
function caseRoutes(p: Probe): { path: string; body?: unknown }[] {
	const q = `agency=${encodeURIComponent(p.agency)}`;
	return [
		{ path: `/cases/${encodeURIComponent(p.case_id)}?${q}` },
		{ path: `/cases?q=${encodeURIComponent(p.case_id)}` },
		{ path: `/cases/export?format=csv&q=${encodeURIComponent(p.case_id)}` },
		{ path: `/review/${encodeURIComponent(p.case_id)}?${q}` },
		{ path: `/suggest?case=${encodeURIComponent(p.case_id)}` },
		{ path: `/publicity/withdraw?${q}&case=${encodeURIComponent(p.case_id)}` }
	];
}

/** Pages that list many cases at once: no ID number of a case the viewer may not see may appear on any of them. */
const LIST_ROUTES: { path: string; body?: unknown }[] = [
	{ path: '/cases' },
	{ path: '/cases?status=%E5%BE%85%E5%AE%A1%E6%A0%B8' },
	{ path: '/review' },
	{ path: '/publicity' },
	{ path: '/publicity/published' },
	{ path: '/publicity/withdrawn' },
	{ path: '/publicity/export?format=csv' },
	{ path: '/cases/export?format=csv' },
	{ path: '/admin/audit' },
	{ path: '/api/flags?limit=200' },
	{ path: '/suggest/live', body: { item_code: 'HPF-37-1', party_type: '自然人', fine_amount: 20000 } }
];

describe('masking walk: no route shows a natural person to a role that may not see them', () => {
	it('found cases to probe: a decided case and the officer’s own (and a pending one where there is)', () => {
		expect(probes.length).toBeGreaterThanOrEqual(2);
		expect(ids.length).toBeGreaterThan(10);
	});

	it('masks each probed case on every page that shows it, for every role', async () => {
		let opened = 0;
		for (const a of accountsByRole) {
			const request = contexts.get(a.username)!.request;
			for (const p of probes) {
				const may = seesPersonalData(viewerOf(a), p);
				for (const r of caseRoutes(p)) {
					const { status, text } = await fetchAs(request, r.path, r.body);
					if (status !== 200) continue;
					opened++;
					const where = `${a.username} (${a.roles.join()}) on ${r.path}, case ${p.status}`;
					if (!may) {
						// A two-character name can also be an officer's, shown on the same page; an ID number is unmistakable.
						if ([...p.party_name].length >= 3) expect(text.includes(p.party_name), `${where} shows the full name`).toBe(false);
						expect(text.includes(p.party_id), `${where} shows the ID number`).toBe(false);
					}
				}
			}
		}
		// Every role opens some of them, so the walk is not vacuous.
		expect(opened).toBeGreaterThan(20);
	});

	it('shows the full record where the rule allows it (the officer’s own case; a pending case to the reviewer)', async () => {
		const own = probes[1]!;
		const officer = contexts.get(accounts.officer)!.request;
		expect((await fetchAs(officer, `/cases/${encodeURIComponent(own.case_id)}?agency=${encodeURIComponent(own.agency)}`)).text).toContain(own.party_id);
		const pending = probes[2];
		if (!pending) return;
		const reviewer = contexts.get(accounts.reviewer)!.request;
		expect((await fetchAs(reviewer, `/review/${encodeURIComponent(pending.case_id)}?agency=${encodeURIComponent(pending.agency)}`)).text).toContain(
			pending.party_id
		);
	});

	it('never lets a search by a masked name find its case', async () => {
		const decided = probes[0]!;
		expect([...decided.party_name].length).toBeGreaterThanOrEqual(2);
		for (const a of accountsByRole) {
			const { status, text } = await fetchAs(contexts.get(a.username)!.request, `/cases?q=${encodeURIComponent(decided.party_name)}`);
			if (status !== 200 || seesPersonalData(viewerOf(a), decided)) continue;
			expect(text.includes(decided.case_id), `${a.username} finds ${decided.case_id} by its masked name`).toBe(false);
		}
	});

	it('shows no ID number on the list pages, exports and APIs that a role may not see', async () => {
		for (const a of accountsByRole) {
			const hidden = ids.filter((p) => !seesPersonalData(viewerOf(a), p));
			const request = contexts.get(a.username)!.request;
			for (const r of LIST_ROUTES) {
				const { status, text } = await fetchAs(request, r.path, r.body);
				if (status !== 200) continue;
				const leaked = hidden.find((p) => text.includes(p.party_id));
				expect(leaked, `${a.username} (${a.roles.join()}) on ${r.path} shows ${leaked?.case_id}'s ID number`).toBeUndefined();
			}
		}
	});
});
