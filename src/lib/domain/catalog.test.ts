import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogError, parseCatalog, selectTier } from './catalog';
import { emptyCase } from './case-schema';

const file = join(process.cwd(), 'data/catalog/hpf.json');
const json = JSON.parse(readFileSync(file, 'utf8')) as { items: { code: string; tiers?: { min: number; max: number }[] }[] };

function circumstances(over: Partial<ReturnType<typeof emptyCase>>) {
	return { ...emptyCase(), ...over };
}

describe('the default Housing Provident Fund catalog', () => {
	const catalog = parseCatalog(json, file);

	it('carries the items and statute ranges of RULES.md §3', () => {
		expect(catalog.byCode.get('HPF-37-1')?.fine).toEqual({ min: 10_000, max: 50_000 });
		expect(catalog.byCode.get('HPF-38')?.fine).toBeNull();
		expect(catalog.byName.get('单位不为本单位职工办理住房公积金账户设立手续')?.code).toBe('HPF-37-2');
	});

	it('selects the tier the circumstances call for', () => {
		const item = catalog.byCode.get('HPF-37-1')!;
		const light = circumstances({ employees_affected: 8, months_overdue: 2, prior_violations: 0, cooperated: true, harm: '轻微', rectified: false });
		expect(selectTier(item, light)?.tier).toBe('从轻');
		expect(selectTier(item, { ...light, employees_affected: 150 })?.tier).toBe('从重');
		expect(selectTier(item, { ...light, employees_affected: 50 })?.tier).toBe('一般');
		expect(selectTier(item, { ...light, rectified: true })?.tier).toBe('不予处罚');
	});

	it('does not treat an unknown circumstance as 0', () => {
		const item = catalog.byCode.get('HPF-37-1')!;
		const unknownEmployees = circumstances({ months_overdue: 2, prior_violations: 0, cooperated: true, harm: '无' });
		expect(selectTier(item, unknownEmployees)?.tier).toBe('一般');
	});
});

describe('a broken catalog', () => {
	it('names the file, the entry and what is wrong', () => {
		const broken = structuredClone(json);
		broken.items[1]!.tiers![1]!.max = 80_000;
		try {
			parseCatalog(broken, 'agency.json');
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(CatalogError);
			expect(String((e as Error).message)).toMatch(/agency\.json/);
			expect(String((e as Error).message)).toMatch(/事项 HPF-37-2 › tiers\.1.*超出法定范围/);
		}
	});
});
