import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { launchBrowser, signIn } from './browser';

const baseUrl = inject('baseUrl');
const expected = inject('expected');
const artifacts = inject('artifacts');
const accounts = inject('accounts');
let browser: Browser;
let page: Page;
const scriptErrors: string[] = [];

const num = (s: string | null) => Number((s ?? '').replace(/[,\s]/g, ''));

beforeAll(async () => {
	browser = await launchBrowser();
	page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
	page.on('pageerror', (e) => scriptErrors.push(e.message));
	await signIn(page, baseUrl, accounts.leader, accounts.password);
});
afterAll(async () => browser?.close());

describe('概览 (home page)', () => {
	it('shows the numbers that are in the database', async () => {
		await page.goto(baseUrl);
		await expect.poll(() => page.locator('h1').textContent()).toBe('执法概览');
		expect(num(await page.getByTestId('total-cases').textContent())).toBe(expected.totalCases);
		expect(num(await page.locator('[data-cell="2023-行政处罚"]').textContent())).toBe(expected.penalty2023);
		expect(num(await page.locator('[data-cell="2024-decisions"]').textContent())).toBe(expected.decisions2024);
		// The chart is drawn (SVG renderer) once the client has loaded.
		await page.locator('.chart svg').first().waitFor({ timeout: 15_000 });
		await page.screenshot({ path: join(artifacts, 'overview.png'), fullPage: true });
	});

	it('switches to English and back, keeping the page', async () => {
		await page.goto(`${baseUrl}/catalog`);
		await page.getByRole('link', { name: 'English' }).click();
		await expect.poll(() => page.locator('h1').textContent()).toBe('Enforcement items and discretion benchmark');
		expect(new URL(page.url()).pathname).toBe('/catalog');
		await page.getByRole('link', { name: '中文' }).click();
		await expect.poll(() => page.locator('h1').textContent()).toBe('事项清单与裁量基准');
	});
});

describe('事项清单 and 执法人员', () => {
	it('shows the catalog with its statute range and tiers', async () => {
		await page.goto(`${baseUrl}/catalog`);
		const item = page.locator('[data-code="HPF-37-1"]');
		await expect.poll(() => item.textContent()).toContain('10,000–50,000 元');
		expect(await item.textContent()).toContain('从重');
	});

	it('lists every officer of the roster and marks expired certificates', async () => {
		await page.goto(`${baseUrl}/roster`);
		expect(await page.locator('tbody tr').count()).toBe(expected.officers);
		expect(await page.locator('tbody tr.expired').count()).toBeGreaterThan(0);
		await page.screenshot({ path: join(artifacts, 'roster.png'), fullPage: true });
	});

	it('answers an unknown page with a 404 in Chinese', async () => {
		const r = await page.goto(`${baseUrl}/no-such-page`);
		expect(r?.status()).toBe(404);
		expect(await page.locator('main').textContent()).toContain('没有找到这个页面');
	});
});

describe('the browser', () => {
	it('saw no script errors on any page', () => {
		expect(scriptErrors).toEqual([]);
	});
});
