import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogData, parseCatalog } from '../../domain/catalog';
import { CatalogBook, type CatalogVersion } from '../../domain/catalog-versions';
import { loadCatalog } from '../catalog';
import { openDatabase, type Database } from '../db';
import { versionedConditions } from './dashboard';

const v1 = loadCatalog();
const revised = (() => {
	const d = structuredClone(catalogData(v1));
	d.major_decision.fine_at_least = 10_000;
	d.publicity_working_days['行政处罚'] = 3;
	return parseCatalog(d, 'v2');
})();
const version = (n: number, from: string, catalog: typeof v1): CatalogVersion => ({
	version: n,
	effective_from: from,
	note: '',
	published_by: 't',
	published_at: '',
	label: catalog.version,
	items: catalog.items.length,
	catalog
});
let db: Database;
beforeAll(async () => {
	db = await openDatabase(':memory:');
});
afterAll(async () => db.close());

/** The conditions evaluated by DuckDB on two decisions of 20,000 yuan, one before the revision and one after. */
async function judge(book: CatalogBook | null) {
	const { major, publicationLimit } = versionedConditions(v1, book);
	return db.query<{ d: string; major: boolean; days: number }>(
		`SELECT strftime(decided_on, '%Y-%m-%d') AS d, ${major} AS major, ${publicationLimit} AS days
		 FROM (VALUES (DATE '2023-06-01'), (DATE '2024-06-01')) t(decided_on),
		      (SELECT NULL::BOOLEAN AS major_decision, 20000::DECIMAL(18,2) AS fine_amount, ['罚款'] AS penalty_types, '一般' AS circumstance_tier,
		              NULL::DATE AS hearing_on, DATE '2023-01-01' AS filed_on, '行政处罚' AS category)
		 ORDER BY d`
	);
}

describe('the statistics judge each decision by its own catalog version', () => {
	it('counts major decisions and publication limits by the version in force on the decision date', async () => {
		const book = new CatalogBook([version(1, '2000-01-01', v1), version(2, '2024-01-01', revised)], '2026-06-01');
		expect(await judge(book)).toEqual([
			{ d: '2023-06-01', major: false, days: v1.publicity_working_days['行政处罚'] },
			{ d: '2024-06-01', major: true, days: 3 }
		]);
	});

	it('takes the newest version in force on the date when there are several', async () => {
		const relaxed = parseCatalog({ ...structuredClone(catalogData(v1)), version: 'v3' }, 'v3');
		const book = new CatalogBook([version(1, '2000-01-01', v1), version(2, '2023-01-01', revised), version(3, '2024-01-01', relaxed)], '2026-06-01');
		expect((await judge(book)).map((r) => [r.major, r.days])).toEqual([
			[true, 3],
			[false, v1.publicity_working_days['行政处罚']]
		]);
	});

	it('leaves every decision to version 1 while the revision has not come into force', async () => {
		const early = new CatalogBook([version(1, '2000-01-01', v1), version(2, '2024-01-01', revised)], '2023-12-31');
		expect((await judge(early)).map((r) => r.major)).toEqual([false, false]);
		expect((await judge(null)).map((r) => r.major)).toEqual([false, false]);
	});
});
