import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogData } from '../../domain/catalog';
import { openMigrated, type Database } from '../db';
import { publicBenchmark } from './benchmark';
import { ensureShippedVersion, loadCatalog, publishCatalog } from './index';

let db: Database;
const shipped = loadCatalog();
const withText = (label: string, text: string) => {
	const d = structuredClone(catalogData(shipped));
	d.version = label;
	d.items[0]!.tiers[0]!.text = text;
	return d;
};

beforeAll(async () => {
	process.env.EQUITAS_TODAY = '2026-06-01';
	db = await openMigrated(':memory:');
	await ensureShippedVersion(db);
	const actor = { username: 'analyst' };
	await publishCatalog(db, { json: withText('2024.1', '二〇二四年修订'), source: 'a', effective: '2024-01-01', note: '二〇二四年修订', actor });
	await publishCatalog(db, { json: withText('2027.1', '二〇二七年修订'), source: 'b', effective: '2027-01-01', note: '将于明年施行', actor });
});
afterAll(async () => {
	delete process.env.EQUITAS_TODAY;
	await db.close();
});

describe('the public benchmark', () => {
	it('shows the version in force today, the history with dates and notes, and the upcoming one', async () => {
		const b = await publicBenchmark(db);
		expect([b.inForce.version, b.inForce.label, b.inForce.effective_from]).toEqual([2, '2024.1', '2024-01-01']);
		expect(b.inForce.items[0]?.tiers.some((t) => t.text === '二〇二四年修订')).toBe(true);
		expect(b.history.map((v) => [v.label, v.effective_from, v.until, v.current])).toEqual([
			['2024.1', '2024-01-01', null, true],
			[shipped.version, '2000-01-01', '2023-12-31', false]
		]);
		expect(b.upcoming.map((v) => [v.label, v.effective_from, v.note])).toEqual([['2027.1', '2027-01-01', '将于明年施行']]);
		expect(b.upcoming[0]?.items[0]?.tiers.some((t) => t.text === '二〇二七年修订')).toBe(true);
	});

	it('takes the upcoming version into force on its date', async () => {
		process.env.EQUITAS_TODAY = '2027-01-01';
		const b = await publicBenchmark(db);
		expect([b.inForce.label, b.upcoming.length, b.history.length]).toEqual(['2027.1', 0, 3]);
	});
});
