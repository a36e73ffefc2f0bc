import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (apt-get install -y chromium); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function assertChromium(): void {
	if (!existsSync(CHROMIUM_PATH)) {
		throw new Error(
			`End-to-end tests need Chromium at ${CHROMIUM_PATH}, and it is missing.\n` +
				`Install it with: apt-get update && apt-get install -y chromium  (or set CHROMIUM_PATH).\n` +
				`端到端测试需要 Chromium：请先执行 apt-get update && apt-get install -y chromium`
		);
	}
}

/** Headless Chromium with the flags that keep it from stalling on a closed network. */
export async function launchBrowser(): Promise<Browser> {
	assertChromium();
	return chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
		timeout: 60_000
	});
}

/** Signs in through the login form, as a person would. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
	await page.goto(`${baseUrl}/login`);
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码').fill(password);
	try {
		await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 }), page.getByRole('button', { name: '登录' }).click()]);
	} catch (e) {
		const alert = await page.getByRole('alert').allTextContents();
		throw new Error(`signing in as ${username} failed at ${page.url()}: ${alert.join(' ') || (e as Error).message}`, { cause: e });
	}
}
