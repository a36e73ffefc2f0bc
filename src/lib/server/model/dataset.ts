import type { Tier } from '../../domain/case-schema';
import type { Catalog } from '../../domain/catalog';
import { FINE_TIERS, catalogTier, modelItems, type ModelCase } from '../../domain/discretion-features';
import type { Queryable } from '../db';

/** A decided penalty case as the model reads it: its circumstances, its branch and its fine. */
export interface PastCase extends ModelCase {
	agency: string;
	case_id: string;
	department: string | null;
	/** Yuan (the model's unit); exact fen are not needed for learning a range. */
	fine: number;
	decided_on: string;
	/** The tier the officer recorded; the tier the catalog selects from the circumstances is `catalog_tier`. */
	circumstance_tier: Tier | null;
	catalog_tier: Tier | null;
	/** Whether any of its circumstances was read from the facts text rather than recorded (cases.extracted). */
	extracted?: boolean;
}

const SELECT = `SELECT agency, case_id, item_code, department, party_type, employees_affected, months_overdue,
	CAST(round(amount_involved * 100) AS BIGINT) AS amount_involved, prior_violations, rectified, cooperated, harm,
	circumstance_tier, CAST(fine_amount AS DOUBLE) AS fine, strftime(decided_on, '%Y-%m-%d') AS decided_on, extracted IS NOT NULL AS extracted
	FROM cases
	WHERE category = '行政处罚' AND item_code IN (SELECT unnest(string_split(?, chr(31)))) AND decided_on IS NOT NULL
		AND fine_amount IS NOT NULL AND coalesce(status, '') <> '已撤销'`;

/** Every decided, not revoked penalty case of the items the model serves, oldest first. */
export async function loadPastCases(db: Queryable, catalog: Catalog): Promise<PastCase[]> {
	const codes = modelItems(catalog).map((i) => i.code);
	if (codes.length === 0) return [];
	// One bound parameter carries the list (codes joined by the unit separator, which no code contains).
	const rows = await db.query<Omit<PastCase, 'catalog_tier'>>(SELECT + ' ORDER BY decided_on, agency, case_id', [codes.join('\u001f')]);
	return rows.map((r) => ({ ...r, catalog_tier: catalogTier(catalog, r) }));
}

/**
 * Whether a past case can teach the model the usual fine: a fine inside the statute range, in a tier whose fines
 * are numbers (not 减轻 or 不予处罚, which are legal grounds), for circumstances the catalog places in such a tier.
 */
export function isLearnable(catalog: Catalog, c: PastCase): boolean {
	const range = c.item_code ? catalog.byCode.get(c.item_code)?.fine : null;
	if (!range || c.fine <= 0 || c.fine < range.min || c.fine > range.max) return false;
	if (c.circumstance_tier === '减轻' || c.circumstance_tier === '不予处罚') return false;
	return c.catalog_tier !== null && FINE_TIERS.includes(c.catalog_tier);
}

/** A stable number in [0, 1) from a case's key, so that the split into training, calibration and test never moves. */
export function splitKey(agency: string, caseId: string): number {
	let h = 0x811c9dc5;
	const s = `${agency}\u0000${caseId}`;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return (h >>> 0) / 2 ** 32;
}

export type SplitPart = 'train' | 'validation' | 'calibration' | 'test';

/** 50% training, 10% validation (early stopping), 20% calibration, 20% held-out test. */
export function splitPart(c: Pick<PastCase, 'agency' | 'case_id'>): SplitPart {
	const u = splitKey(c.agency, c.case_id);
	return u < 0.5 ? 'train' : u < 0.6 ? 'validation' : u < 0.8 ? 'calibration' : 'test';
}

/**
 * At most about `limit` of the cases, chosen by a hash of their key. Taking every k-th case instead picked, on the
 * generated data, every k-th case of a rota of officers: a biased sample (77.5% coverage where all cases gave 79.5%).
 */
export function sampleCases<T extends Pick<PastCase, 'agency' | 'case_id'>>(cases: readonly T[], limit: number): T[] {
	if (cases.length <= limit) return [...cases];
	const share = limit / cases.length;
	return cases.filter((c) => splitKey(c.agency, `${c.case_id}\u0000sample`) < share);
}
