import { readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_TITLES, pageTitle } from './page-titles';
import { translator } from './i18n';

const routes = resolve(import.meta.dirname, '../routes');

/** The route id of every page under src/routes, as SvelteKit names them. */
function pageRoutes(dir = routes): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const path = join(dir, e.name);
		if (e.isDirectory()) return pageRoutes(path);
		if (e.name !== '+page.svelte') return [];
		const rel = relative(routes, dir).split(sep).join('/');
		return [rel ? `/${rel}` : '/'];
	});
}

describe('page titles', () => {
	it('names every signed-in page; the public site titles itself', () => {
		const ids = pageRoutes().filter((id) => id !== '/public' && !id.startsWith('/public/'));
		expect(ids.length).toBeGreaterThan(20);
		for (const id of ids) expect(PAGE_TITLES[id], id).toBeDefined();
		for (const id of Object.keys(PAGE_TITLES)) expect(ids, `${id} is in the map but is no page`).toContain(id);
	});

	it('says the page, the year it shows and the application', () => {
		const zh = translator('zh-CN');
		expect(pageTitle('/stats', { filter: { year: 2024 } }, zh)).toBe('执法统计 · 2024 年 · 同案同罚');
		expect(pageTitle('/report', { year: 2023 }, zh)).toBe('行政执法统计年报 · 2023 年 · 同案同罚');
		// A list filtered by no year is of no year; a year as text (from a query) counts.
		expect(pageTitle('/cases', { filter: { year: '' } }, zh)).toBe('案件列表 · 同案同罚');
		expect(pageTitle('/cases', { filter: { year: '2022' } }, zh)).toBe('案件列表 · 2022 年 · 同案同罚');
		expect(pageTitle('/cases/[id]', { record: { case_id: 'LJ-2024-001' } }, zh)).toBe('案件 LJ-2024-001 · 同案同罚');
		expect(pageTitle(null, {}, zh)).toBe('出错了 · 同案同罚');
		expect(pageTitle('/stats', { filter: { year: 2024 } }, zh, true)).toBe('出错了 · 同案同罚');
		expect(pageTitle('/scorecard', { year: 2024 }, translator('en'))).toBe('Evaluation of the three systems · 2024 · Equitas');
	});
});
