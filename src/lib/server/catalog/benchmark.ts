import { TIERS } from '../../domain/case-schema';
import type { Catalog } from '../../domain/catalog';
import { addDays } from '../../domain/dates';
import type { Queryable } from '../db';
import { catalogPath, loadCatalog } from './file';
import { catalogBook } from './versions';

/**
 * The public benchmark (行政处罚法第三十四条: 裁量基准应当向社会公布): the version in force today, every version
 * with the dates it was in force and its note, and a version published for a date still to come.
 */

function benchmarkOf(c: Catalog) {
	return {
		name: c.name,
		label: c.version,
		items: c.items
			.filter((i) => i.tiers.length > 0)
			// Tiers in the dictionary's order (不予处罚 … 从重), whatever order the catalog file lists them in.
			.map((i) => ({
				code: i.code,
				name: i.name,
				legal_basis: i.legal_basis,
				fine: i.fine,
				tiers: [...i.tiers].sort((a, b) => TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier)).map(({ when: _when, ...t }) => t)
			})),
		hearing: c.hearing_threshold
	};
}

export async function publicBenchmark(db: Queryable) {
	const book = await catalogBook(db);
	if (!book) return { today: null, inForce: { version: null, effective_from: null, ...benchmarkOf(loadCatalog(catalogPath())) }, history: [], upcoming: [] };
	const now = book.inForce();
	const ordered = book.versions;
	return {
		today: book.today,
		inForce: { version: now.version, effective_from: now.effective_from, ...benchmarkOf(now.catalog) },
		history: ordered
			.filter((v) => v.effective_from <= book.today)
			.map((v, i, past) => ({
				version: v.version,
				label: v.label,
				effective_from: v.effective_from,
				// In force until the day before the next version took effect.
				until: past[i + 1] ? addDays(past[i + 1]!.effective_from, -1) : null,
				note: v.note,
				current: v.version === now.version
			}))
			.reverse(),
		upcoming: book.upcoming().map((v) => ({ version: v.version, effective_from: v.effective_from, note: v.note, ...benchmarkOf(v.catalog) }))
	};
}
