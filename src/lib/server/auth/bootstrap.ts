import type { Database, Queryable } from '../db';
import { verifyPassword } from './passwords';
import { findUser } from './users';
import { addAccount } from './accounts';
import type { Actor } from '../audit/actor';

/** Accounts the product adds by itself are logged under this name. */
const SYSTEM: Actor = { username: 'system' };

/** The demo accounts, one per role, created only with the demo data (README lists them). */
export const DEMO_PASSWORD = 'Equitas#2025';
export const DEMO_ACCOUNTS = [
	{ username: 'lingdao', displayName: '王主任', roles: ['leader'] },
	{ username: 'zhifa', displayName: '执法人员（演示）', roles: ['officer'] },
	{ username: 'shenhe', displayName: '法制审核（演示）', roles: ['reviewer'] },
	{ username: 'fenxi', displayName: '数据分析（演示）', roles: ['analyst'] }
] as const;

/**
 * First start: when no active administrator exists, creates `admin` with a one-time password that must be changed
 * at the first sign-in. Returns that password (to print once), or null when there already is an administrator.
 */
export async function ensureAdmin(db: Database): Promise<string | null> {
	const [r] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM users WHERE list_contains(roles, 'admin') AND NOT disabled`);
	if ((r?.n ?? 0) > 0) return null;
	const username = (await findUser(db, 'admin')) ? `admin${Date.now() % 10000}` : 'admin';
	const { password } = await addAccount(db, SYSTEM, { username, displayName: '系统管理员', roles: ['admin'] }, 'first start');
	return password;
}

/** Demo accounts for each role; the officer is linked to a certificate of the roster that is valid today. */
export async function addDemoAccounts(db: Database): Promise<{ username: string; password: string }[]> {
	const [officer] = await db.query<{ cert_no: string; name: string; department: string | null }>(
		`SELECT cert_no, name, department FROM officers WHERE valid_from <= current_date AND valid_to >= current_date ORDER BY department, cert_no LIMIT 1`
	);
	const out: { username: string; password: string }[] = [];
	for (const a of DEMO_ACCOUNTS) {
		if (await findUser(db, a.username)) continue;
		const isOfficer = a.username === 'zhifa';
		await addAccount(
			db,
			SYSTEM,
			{
				username: a.username,
				displayName: isOfficer && officer ? officer.name : a.displayName,
				roles: [...a.roles],
				certNo: isOfficer ? (officer?.cert_no ?? null) : null,
				department: isOfficer ? (officer?.department ?? null) : null,
				password: DEMO_PASSWORD
			},
			'demo data'
		);
		out.push({ username: a.username, password: DEMO_PASSWORD });
	}
	return out;
}

// A verification is an argon2 run: the answer is kept per stored hash, which changes when the password does.
const demoHashChecked = new Map<string, boolean>();

/**
 * The demo accounts that are enabled and still take the demo password, which the README publishes: anyone can sign
 * in with them, so the users page warns until each is disabled or its password changed.
 */
export async function openDemoAccounts(db: Queryable): Promise<string[]> {
	const rows = await db.query<{ username: string; password_hash: string }>(
		`SELECT username, password_hash FROM users WHERE NOT disabled AND username IN (SELECT unnest(string_split(?, chr(31)))) ORDER BY username`,
		[DEMO_ACCOUNTS.map((a) => a.username).join('\u001f')]
	);
	const open: string[] = [];
	for (const r of rows) {
		let takes = demoHashChecked.get(r.password_hash);
		if (takes === undefined) {
			takes = await verifyPassword(r.password_hash, DEMO_PASSWORD);
			demoHashChecked.set(r.password_hash, takes);
		}
		if (takes) open.push(r.username);
	}
	return open;
}
