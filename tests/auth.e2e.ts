import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { join } from 'node:path';
import { launchBrowser, signIn } from './browser';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
const artifacts = inject('artifacts');
let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function contextFor(username: string, password: string): Promise<BrowserContext> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	await signIn(await context.newPage(), baseUrl, username, password);
	return context;
}

const NEW_ADMIN_PASSWORD = 'Guanli-Equitas-2026';

describe('signing in', () => {
	it('sends an anonymous visitor to the sign-in page and back after signing in', async () => {
		const page = await (await browser.newContext()).newPage();
		await page.goto(`${baseUrl}/roster`);
		expect(new URL(page.url()).pathname).toBe('/login');
		await page.getByLabel('用户名').fill(accounts.analyst);
		await page.getByLabel('密码').fill(accounts.password);
		await page.getByRole('button', { name: '登录' }).click();
		await page.waitForURL(`${baseUrl}/roster`);
		expect(await page.locator('h1').textContent()).toBe('执法人员清单');
	});

	it('keeps the user name and says why when the password is wrong', async () => {
		const page = await (await browser.newContext()).newPage();
		await page.goto(`${baseUrl}/login`);
		await page.getByLabel('用户名').fill(accounts.leader);
		await page.getByLabel('密码').fill('not-the-password');
		await page.getByRole('button', { name: '登录' }).click();
		await expect.poll(() => page.getByRole('alert').textContent()).toContain('用户名或密码错误');
		expect(await page.getByLabel('用户名').inputValue()).toBe(accounts.leader);
	});

	it('makes the administrator replace the one-time password before anything else', async () => {
		const context = await contextFor(accounts.admin, accounts.adminPassword);
		const page = context.pages()[0]!;
		expect(new URL(page.url()).pathname).toBe('/account');
		await page.goto(`${baseUrl}/admin/users`);
		expect(new URL(page.url()).pathname).toBe('/account');
		await page.getByLabel('当前密码').fill(accounts.adminPassword);
		await page.getByLabel('新密码', { exact: true }).fill(NEW_ADMIN_PASSWORD);
		await page.getByLabel('确认新密码').fill(NEW_ADMIN_PASSWORD);
		await page.getByRole('button', { name: '保存新密码' }).click();
		await expect.poll(() => page.getByRole('status').textContent()).toContain('密码已修改');
		await page.goto(`${baseUrl}/admin/users`);
		expect(await page.locator('h1').textContent()).toBe('用户与角色');
		// The demo accounts still take the published demo password: the page says so.
		const warning = await page.getByTestId('demo-warning').innerText();
		for (const name of [accounts.leader, accounts.officer, accounts.reviewer, accounts.analyst]) expect(warning).toContain(name);
		await page.screenshot({ path: join(artifacts, 'admin-users.png'), fullPage: true });
		await context.close();
	});
});

/** Pages and what each role must get: 200 where the role matrix allows, 403 where it does not. */
const PAGES: Record<string, readonly string[]> = {
	'/': ['leader', 'officer', 'reviewer', 'analyst', 'admin'],
	'/report': ['leader', 'analyst', 'admin'],
	'/scorecard': ['leader', 'analyst', 'admin'],
	'/stats': ['leader', 'reviewer', 'analyst', 'admin'],
	'/cases': ['leader', 'officer', 'reviewer', 'analyst'],
	'/case-files': ['leader', 'officer', 'reviewer', 'analyst'],
	'/catalog': ['leader', 'officer', 'reviewer', 'analyst', 'admin'],
	'/roster': ['leader', 'officer', 'reviewer', 'analyst', 'admin'],
	'/account': ['leader', 'officer', 'reviewer', 'analyst', 'admin'],
	'/import': ['analyst', 'admin'],
	'/suggest': ['officer', 'reviewer'],
	'/review': ['reviewer'],
	'/review/supervision': ['leader', 'reviewer', 'analyst'],
	'/peers': ['leader', 'officer', 'reviewer', 'analyst'],
	'/model': ['leader', 'officer', 'reviewer', 'analyst', 'admin'],
	'/admin/users': ['admin'],
	'/admin/audit': ['admin'],
	'/admin/backups': ['admin']
};

const SECTIONS: Record<string, string[]> = {
	leader: [
		'概览',
		'执法统计',
		'统计年报',
		'执法评估',
		'同类处罚对比',
		'案件',
		'案卷评查',
		'执法监督',
		'执法公示',
		'裁量模型',
		'事项清单与裁量基准',
		'执法人员',
		'我的账户'
	],
	officer: ['概览', '同类处罚对比', '案件', '案卷评查', '裁量辅助', '裁量模型', '事项清单与裁量基准', '执法人员', '我的账户'],
	reviewer: [
		'概览',
		'执法统计',
		'同类处罚对比',
		'案件',
		'案卷评查',
		'裁量辅助',
		'法制审核',
		'执法监督',
		'执法公示',
		'裁量模型',
		'事项清单与裁量基准',
		'执法人员',
		'我的账户'
	],
	analyst: [
		'概览',
		'执法统计',
		'统计年报',
		'执法评估',
		'同类处罚对比',
		'案件',
		'案卷评查',
		'执法监督',
		'执法公示',
		'数据导入',
		'裁量模型',
		'事项清单与裁量基准',
		'执法人员',
		'我的账户'
	],
	admin: [
		'概览',
		'执法统计',
		'统计年报',
		'执法评估',
		'执法公示',
		'数据导入',
		'裁量模型',
		'事项清单与裁量基准',
		'执法人员',
		'用户与角色',
		'审计日志',
		'数据备份',
		'我的账户'
	]
};

describe('each role', () => {
	for (const role of ['leader', 'officer', 'reviewer', 'analyst', 'admin'] as const) {
		it(`${role} sees only its sections and reaches only its pages`, async () => {
			const username = role === 'admin' ? accounts.admin : accounts[role];
			const context = await contextFor(username, role === 'admin' ? NEW_ADMIN_PASSWORD : accounts.password);
			const page = context.pages()[0]!;
			await page.goto(baseUrl);
			expect(await page.locator('nav a').allTextContents()).toEqual(SECTIONS[role]);
			for (const [path, allowed] of Object.entries(PAGES)) {
				const r = await context.request.get(`${baseUrl}${path}`, { maxRedirects: 0 });
				expect(r.status(), `${role} ${path}`).toBe(allowed.includes(role) ? 200 : 403);
			}
			// The menu groups pages by what one does there: an officer's cases are casework, not 「领导」.
			expect(await page.locator('nav .section').allTextContents()).not.toContain('领导');
			// A page the role may not open is refused inside the application's frame, with the menu.
			const closed = Object.keys(PAGES).find((p) => !PAGES[p]!.includes(role));
			if (closed) {
				const r = await page.goto(`${baseUrl}${closed}`);
				expect(r?.status()).toBe(403);
				expect(await page.getByTestId('forbidden').innerText()).toContain('您的角色无权访问此页面或操作');
				expect(await page.locator('nav a').allTextContents()).toEqual(SECTIONS[role]);
			}
			await context.close();
		});
	}
});

describe('protection', () => {
	it('locks an account after five failures, even against the right password', async () => {
		const page = await (await browser.newContext()).newPage();
		for (let i = 0; i < 5; i++) {
			await page.goto(`${baseUrl}/login`);
			await page.getByLabel('用户名').fill(accounts.lockable);
			await page.getByLabel('密码').fill(`wrong-${i}`);
			await page.getByRole('button', { name: '登录' }).click();
			await page.getByRole('alert').waitFor();
		}
		expect(await page.getByRole('alert').textContent()).toContain('账户已锁定');
		await page.getByLabel('密码').fill(accounts.password);
		await page.getByRole('button', { name: '登录' }).click();
		await expect.poll(() => page.getByRole('alert').textContent()).toContain('账户已锁定');
	});

	it('shows a server error in English on an English page, and in Chinese on a Chinese one', async () => {
		const context = await contextFor(accounts.reviewer, accounts.password);
		const page = context.pages()[0]!;
		const wrongCurrent = async (current: string, next: string, confirm: string, save: string) => {
			await page.getByLabel(current).fill('not-the-password');
			await page.getByLabel(next, { exact: true }).fill('Another-Equitas-2026');
			await page.getByLabel(confirm).fill('Another-Equitas-2026');
			await page.getByRole('button', { name: save }).click();
			await expect.poll(() => page.getByRole('alert').textContent()).toBeTruthy();
			return page.getByRole('alert').textContent();
		};
		await page.goto(`${baseUrl}/lang/en?to=/account`);
		expect(await wrongCurrent('Current password', 'New password', 'Repeat the new password', 'Save the new password')).toBe(
			'The current password is not correct'
		);
		await page.goto(`${baseUrl}/lang/zh-CN?to=/account`);
		expect(await wrongCurrent('当前密码', '新密码', '确认新密码', '保存新密码')).toBe('当前密码不正确');
		await context.close();
	});

	it('refuses a state-changing request from another site (CSRF)', async () => {
		const context = await contextFor(accounts.admin, NEW_ADMIN_PASSWORD);
		const r = await context.request.post(`${baseUrl}/admin/users?/add`, {
			headers: { origin: 'http://evil.example' },
			form: { username: 'intruder', displayName: 'x', roles: 'admin' },
			maxRedirects: 0
		});
		expect(r.status()).toBe(403);
		const users = await (await context.request.get(`${baseUrl}/admin/users`)).text();
		expect(users).not.toContain('intruder');
		await context.close();
	});

	it('asks machine clients for a token of the right scope', async () => {
		expect((await fetch(`${baseUrl}/api/public/decisions`)).status).toBe(401);
		const context = await contextFor(accounts.admin, NEW_ADMIN_PASSWORD);
		const page = context.pages()[0]!;
		await page.goto(`${baseUrl}/admin/users`);
		await page.getByLabel('使用方').fill('市公示平台');
		await page.getByLabel('公示数据（/api/public）').check();
		await page.getByRole('button', { name: '创建令牌' }).click();
		const token = (await page.getByTestId('token').locator('code').textContent()) ?? '';
		expect(token).toMatch(/^eqt_/);
		const withToken = await fetch(`${baseUrl}/api/public/decisions`, { headers: { authorization: `Bearer ${token}` } });
		expect(withToken.status).not.toBe(401);
		expect(withToken.status).not.toBe(403);
		const wrongPlace = await fetch(`${baseUrl}/admin/users`, { headers: { authorization: `Bearer ${token}` } });
		expect(wrongPlace.status).toBe(403);
		await context.close();
	});

	it('lets the administrator add, re-role, disable, enable and reset an account, but not disable their own', async () => {
		const context = await contextFor(accounts.admin, NEW_ADMIN_PASSWORD);
		const page = context.pages()[0]!;
		await page.goto(`${baseUrl}/admin/users`);
		const add = page.locator('form[action="?/add"]');
		// The user name is kept in lower case, as typed names are compared.
		await add.getByLabel('用户名').fill(' KongE2e ');
		await add.getByLabel('姓名').fill('孔');
		await add.getByLabel('领导').check();
		await add.getByRole('button', { name: '添加用户' }).click();
		await expect.poll(() => page.getByTestId('one-time').textContent()).toContain('已添加用户 konge2e。');
		const first = (await page.getByTestId('one-time').locator('code').textContent()) ?? '';
		const row = page.locator('tr[data-user="konge2e"]');

		await row.getByLabel('数据分析员').check();
		await row.getByRole('button', { name: '保存角色' }).click();
		await expect.poll(() => page.getByRole('status').first().textContent()).toContain('已保存。');
		expect(await row.getByLabel('数据分析员').isChecked()).toBe(true);
		expect(await row.getByLabel('领导').isChecked()).toBe(true);

		await row.getByRole('button', { name: '停用', exact: true }).click();
		await expect.poll(() => row.textContent()).toContain('已停用');
		const login = await (await browser.newContext()).newPage();
		await login.goto(`${baseUrl}/login`);
		await login.getByLabel('用户名').fill('konge2e');
		await login.getByLabel('密码').fill(first);
		await login.getByRole('button', { name: '登录' }).click();
		await expect.poll(() => login.getByRole('alert').textContent()).toContain('停用');

		await row.getByRole('button', { name: '启用', exact: true }).click();
		await expect.poll(() => row.getByRole('button', { name: '停用', exact: true }).count()).toBe(1);
		await row.getByRole('button', { name: '重置密码' }).click();
		await expect.poll(() => page.getByTestId('one-time').locator('code').textContent()).not.toBe(first);
		const second = (await page.getByTestId('one-time').locator('code').textContent()) ?? '';
		await signIn(login, baseUrl, 'konge2e', second);
		expect(new URL(login.url()).pathname).toBe('/account');

		const me = page.locator(`tr[data-user="${accounts.admin}"]`);
		await me.getByRole('button', { name: '停用', exact: true }).click();
		await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('不能停用自己的账户');
		expect(await me.textContent()).not.toContain('已停用');

		await page.goto(`${baseUrl}/admin/audit`);
		const log = (await page.getByTestId('audit').textContent()) ?? '';
		for (const action of ['添加用户', '修改角色', '停用用户', '启用用户', '重置密码']) expect(log).toContain(action);
		await login.context().close();
		await context.close();
	});

	it('records sign-ins and failures in an intact audit log', async () => {
		const context = await contextFor(accounts.admin, NEW_ADMIN_PASSWORD);
		const page = context.pages()[0]!;
		await page.goto(`${baseUrl}/admin/audit`);
		expect(await page.getByTestId('chain').textContent()).toContain('哈希链完整');
		const text = (await page.getByTestId('audit').textContent()) ?? '';
		expect(text).toContain('登录失败');
		expect(text).toContain('创建 API 令牌');
		// Details are sentences in Chinese: who did what to which account, never raw JSON.
		expect(text).toContain('登录未成功：用户名或密码不正确。');
		expect(text).toMatch(/创建 API 令牌「[^」]+」，可用于：/);
		expect(text).toContain(`用户 ${accounts.admin}`);
		expect(text).not.toMatch(/\{"|"\}/);
		await page.screenshot({ path: join(artifacts, 'audit.png'), fullPage: true });
		await context.close();
	});
});
