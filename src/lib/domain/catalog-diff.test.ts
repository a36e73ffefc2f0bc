import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogData, parseCatalog, type CatalogData } from './catalog';
import { conditionWords, diffCatalogs, draftProblems } from './catalog-diff';

const shipped = catalogData(parseCatalog(JSON.parse(readFileSync('data/catalog/hpf.json', 'utf8')), 'hpf.json'));

describe('the catalog editor vocabulary', () => {
	it('names the item and the field in Chinese for every problem of a draft', () => {
		const d = structuredClone(shipped) as CatalogData;
		const item = d.items[0]!;
		item.tiers[1]!.max = item.tiers[1]!.min - 1;
		(item as { name: string }).name = '';
		const problems = draftProblems(d);
		expect(problems).toContainEqual({ where: `事项（${item.code}） › 第 2 个阶次 › 上限`, message: '阶次下限大于上限' });
		expect(problems).toContainEqual({ where: `事项（${item.code}） › 名称`, message: '不能为空' });
		expect(draftProblems(shipped)).toEqual([]);
	});

	it("shows a change of the tiers' order, which decides the tier that applies", () => {
		const d = structuredClone(shipped) as CatalogData;
		const item = d.items[0]!;
		const before = item.tiers.map((t) => t.tier).join('、');
		item.tiers.reverse();
		expect(diffCatalogs(shipped, d)).toEqual([
			{ where: `事项「${item.name}」（${item.code}） › 裁量阶次 › 判断顺序`, before, after: item.tiers.map((t) => t.tier).join('、') }
		]);
	});

	it('says a condition in words', () => {
		expect(
			conditionWords({
				all: [
					{ field: 'employees_affected', op: '>=', value: 10 },
					{
						any: [
							{ field: 'rectified', op: '=', value: false },
							{ field: 'harm', op: 'in', value: ['严重'] }
						]
					}
				]
			})
		).toBe('涉及职工人数 ≥ 10 且 （是否改正 = 否 或 危害后果 属于 严重）');
	});

	it('lists what changed, item by item, and nothing when nothing did', () => {
		expect(diffCatalogs(shipped, structuredClone(shipped))).toEqual([]);
		const d = structuredClone(shipped) as CatalogData;
		const item = d.items[0]!;
		const tier = item.tiers.find((t) => t.max > 0)!;
		const was = tier.max;
		tier.max = was - 1;
		d.hearing_threshold['自然人'] = 8000;
		d.items.reverse();
		expect(diffCatalogs(shipped, d)).toEqual([
			{ where: '听证较大数额 › 自然人', before: String(shipped.hearing_threshold['自然人']), after: '8000' },
			{ where: `事项「${item.name}」（${item.code}） › 裁量阶次 › 阶次「${tier.tier}」 › 上限`, before: String(was), after: String(was - 1) }
		]);
	});
});
