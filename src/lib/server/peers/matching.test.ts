import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { loadCatalog } from '../catalog';
import { importPublications } from '../import';
import { confirmViolationMatch, listViolationMatches, MATCH_THRESHOLD } from './index';

const dir = mkdtempSync(join(tmpdir(), 'equitas-peers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const catalog = loadCatalog();
let db: Database;
beforeEach(async () => {
	await db?.close();
	db = await openMigrated(':memory:');
});

function list(name: string, violations: string[]): string {
	const path = join(dir, name);
	const rows = violations.map((v, i) => `某公司${i},${v},罚款${(i + 1) * 1000}元,2024-0${(i % 9) + 1}-10,某市住房公积金管理中心`);
	writeFileSync(path, ['行政相对人名称,违法行为类型,处罚内容,处罚决定日期,处罚机关', ...rows, ''].join('\n'));
	return path;
}

describe('matching published violations to the catalog', () => {
	it('matches each distinct text to its item with a score, leaves an unrelated one unmatched, and keeps an analyst’s word for the next import', async () => {
		const texts = [
			'单位不办理住房公积金缴存登记',
			'未按规定为职工办理住房公积金账户设立手续',
			'逾期不缴住房公积金',
			'超标排放大气污染物',
			'单位不办理住房公积金缴存登记'
		];
		const r = await importPublications(db, list('a.csv', texts), { catalog, user: 'fenxi' });
		expect(r.violations).toEqual({ texts: 4, matched: 3 });
		const byText = new Map((await listViolationMatches(db)).map((m) => [m.text, m]));
		expect(byText.get('单位不办理住房公积金缴存登记')).toMatchObject({ decisions: 2, item_code: 'HPF-37-1', confirmed_by: null });
		expect(byText.get('未按规定为职工办理住房公积金账户设立手续')?.item_code).toBe('HPF-37-2');
		expect(byText.get('逾期不缴住房公积金')?.item_code).toBe('HPF-38');
		expect(byText.get('超标排放大气污染物')?.item_code).toBeNull();
		// The item's own name scores high; every match is over the threshold, the unrelated text under it.
		expect(byText.get('单位不办理住房公积金缴存登记')!.score!).toBeGreaterThan(0.5);
		for (const m of byText.values()) expect(m.item_code === null ? m.score! < MATCH_THRESHOLD : m.score! >= MATCH_THRESHOLD, m.text).toBe(true);

		// The analyst overrides one text; the next list with the same texts keeps that and matches only what is new.
		expect(await confirmViolationMatch(db, '逾期不缴住房公积金', 'HPF-37-1', catalog, 'fenxi')).toBe(true);
		expect(await confirmViolationMatch(db, '从未出现的表述', 'HPF-37-1', catalog, 'fenxi')).toBe(false);
		const again = await importPublications(db, list('b.csv', ['逾期不缴住房公积金', '不为职工办理住房公积金账户设立手续的']), { catalog });
		expect(again.violations).toEqual({ texts: 1, matched: 1 });
		const after = new Map((await listViolationMatches(db)).map((m) => [m.text, m]));
		expect(after.get('逾期不缴住房公积金')).toMatchObject({ item_code: 'HPF-37-1', confirmed_by: 'fenxi', score: 1, decisions: 2 });
		const [log] = await db.query<{ action: string; detail: string }>(`SELECT action, detail FROM audit_log WHERE action = 'publication-match'`);
		expect(log).toEqual({ action: 'publication-match', detail: '{"item":"HPF-37-1"}' });
	});
});
