import type { Catalog } from '../../domain/catalog';
import { IMPORT_WARNINGS, type ImportWarning, type WarningCounts } from '../../domain/import-warnings';
import { DATE_ORDER } from '../../domain/stages';
import { lit, type Queryable } from '../db';

/**
 * Each import warning as a condition over a row of `cases`, so that the count in the import's result and the case
 * list it opens (`/cases?batch=N&warning=CODE`) are the same cases. The roster is judged only once one is imported.
 */
export function warningCondition(w: ImportWarning, catalog: Catalog): string {
	const hasRoster = `EXISTS (SELECT 1 FROM officers)`;
	switch (w) {
		case 'no-decision-no':
			return `(category = '行政处罚' AND status IN ('已决定', '已结案') AND coalesce(trim(decision_no), '') = '')`;
		case 'unknown-branch':
			return `(department IS NOT NULL AND ${hasRoster} AND department NOT IN (SELECT department FROM officers WHERE department IS NOT NULL))`;
		case 'item-not-in-catalog':
			return `(item_code IS NOT NULL AND NOT list_contains([${catalog.items.map((i) => lit(i.code)).join(', ')}], item_code))`;
		case 'officer-not-on-roster':
			// The roster as one list, read once, rather than a subquery per case over its unnested officers: that
			// took 6 s and half a gigabyte at the end of a million-row import (npm run bench -- --only import).
			return `(${hasRoster} AND NOT list_has_all((SELECT coalesce(list(cert_no), []) FROM officers), officer_ids))`;
		case 'fine-over-statute': {
			const limited = catalog.items.filter((i) => i.fine !== null);
			if (limited.length === 0) return 'false';
			return `(fine_amount IS NOT NULL AND fine_amount > CASE item_code ${limited.map((i) => `WHEN ${lit(i.code)} THEN ${i.fine!.max}`).join(' ')} ELSE NULL END)`;
		}
		case 'dates-out-of-order': {
			// Any two stages in the wrong order, as R10 reads them (a missing date is no evidence either way).
			const pairs: string[] = [];
			for (let i = 0; i < DATE_ORDER.length; i++)
				for (let j = i + 1; j < DATE_ORDER.length; j++) pairs.push(`coalesce(${DATE_ORDER[i]} > ${DATE_ORDER[j]}, false)`);
			return `(${pairs.join(' OR ')})`;
		}
	}
}

/** The warnings of the cases a batch wrote (new and updated), counted by code; codes with none are left out. */
export async function countWarnings(db: Queryable, batch: number, catalog: Catalog): Promise<WarningCounts> {
	const [row] = await db.query<Record<ImportWarning, number>>(
		`SELECT ${IMPORT_WARNINGS.map((w) => `CAST(count(*) FILTER (${warningCondition(w, catalog)}) AS INTEGER) AS "${w}"`).join(', ')} FROM cases WHERE batch_id = ?`,
		[batch]
	);
	const counts: WarningCounts = {};
	for (const w of IMPORT_WARNINGS) if (row && row[w] > 0) counts[w] = row[w];
	return counts;
}
