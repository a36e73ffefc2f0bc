import type { Catalog } from '../../domain/catalog';
import { FINE_TIERS, statuteOf, unscaleFine } from '../../domain/discretion-features';
import { median, signTestPValue } from '../../domain/sign-test';
import type { Queryable } from '../db';
import { isLearnable, loadPastCases, type PastCase } from '../model/dataset';
import type { Suggester } from '../model/suggest';

/**
 * Patterns, not only cases: branches and officers whose decided fines sit consistently above or below the model's
 * median for the same circumstances. A group is listed when it has enough cases and its shift is significant by a
 * sign test after a Bonferroni correction for the number of groups tested, and large enough to matter.
 */

export interface DriftPattern {
	scope: 'department' | 'officer';
	name: string;
	/** What the case list filters by: the department's name, or the officer's certificate number. */
	key: string;
	/** Median of (fine − model median), yuan; negative when lighter. */
	median_shift: number;
	/** The same as a share of the model's median fine for those cases. */
	relative_shift: number;
	cases: number;
	/** Bonferroni-adjusted. */
	p_value: number;
	case_ids: string[];
}

export const MIN_CASES = 20;
export const ALPHA = 0.01;
/** A shift smaller than 5% of the usual fine is not worth a supervisor's time, however certain. */
export const MIN_RELATIVE_SHIFT = 0.05;

export async function driftPatterns(db: Queryable, catalog: Catalog, suggester: Suggester): Promise<DriftPattern[]> {
	const model = suggester.model;
	const cases = (await loadPastCases(db, catalog)).filter((c) => isLearnable(catalog, c) && c.catalog_tier !== null && FINE_TIERS.includes(c.catalog_tier));
	const officersOf = new Map(
		(
			await db.query<{ agency: string; case_id: string; officer_ids: string[] | null }>(
				`SELECT agency, case_id, officer_ids FROM cases WHERE category = '行政处罚' AND decided_on IS NOT NULL AND fine_amount IS NOT NULL`
			)
		).map((r) => [`${r.agency}\u0000${r.case_id}`, r.officer_ids ?? []])
	);
	const names = new Map((await db.query<{ cert_no: string; name: string }>('SELECT cert_no, name FROM officers')).map((o) => [o.cert_no, o.name]));
	const q = model.quantiles(cases.map((c) => ({ c, tier: c.catalog_tier })));
	const groups = new Map<string, { scope: DriftPattern['scope']; name: string; key: string; residuals: number[]; medians: number[]; ids: string[] }>();
	const add = (scope: DriftPattern['scope'], name: string, id: string, c: PastCase, residual: number, med: number) => {
		const key = `${scope}\u0000${name}`;
		const g = groups.get(key) ?? { scope, name, key: id, residuals: [], medians: [], ids: [] };
		g.residuals.push(residual);
		g.medians.push(med);
		g.ids.push(c.case_id);
		groups.set(key, g);
	};
	cases.forEach((c, i) => {
		const range = statuteOf(model.meta.spec, c.item_code);
		if (!range) return;
		const med = unscaleFine(range, q[i * 3 + 1] as number);
		const residual = c.fine - med;
		if (c.department) add('department', c.department, c.department, c, residual, med);
		for (const o of officersOf.get(`${c.agency}\u0000${c.case_id}`) ?? []) add('officer', names.has(o) ? `${names.get(o)}（${o}）` : o, o, c, residual, med);
	});
	const tested = [...groups.values()].filter((g) => g.residuals.length >= MIN_CASES);
	return tested
		.map((g) => {
			const shift = median(g.residuals);
			return {
				scope: g.scope,
				name: g.name,
				key: g.key,
				median_shift: Math.round(shift),
				relative_shift: Math.round((shift / median(g.medians)) * 1000) / 1000,
				cases: g.residuals.length,
				p_value: Math.min(1, signTestPValue(g.residuals) * tested.length),
				case_ids: g.ids
			};
		})
		.filter((p) => p.p_value < ALPHA && Math.abs(p.relative_shift) >= MIN_RELATIVE_SHIFT)
		.sort((a, b) => a.p_value - b.p_value || Math.abs(b.median_shift) - Math.abs(a.median_shift));
}

/**
 * The drifting groups as the review queue shows them: a pattern over years of decisions, computed once a day (and
 * when the model or the catalog changes) rather than after every import. At a million cases the computation takes
 * tens of seconds: while it runs, the day before's result is shown, or none, and pages never wait for it.
 */
interface DailyPatterns {
	key: string;
	promise: Promise<DriftPattern[]>;
	value: DriftPattern[] | null;
	previous: DriftPattern[] | null;
}
let daily: DailyPatterns | null = null;

export function dailyDriftPatterns(db: Queryable, catalog: Catalog, suggester: Suggester, day: string): DailyPatterns {
	const key = `${suggester.model.version}|${catalog.version}|${catalog.items.length}|${day}`;
	if (!daily || daily.key !== key) {
		const entry: DailyPatterns = { key, promise: driftPatterns(db, catalog, suggester), value: null, previous: daily?.value ?? daily?.previous ?? null };
		entry.promise.then(
			(v) => (entry.value = v),
			(e: unknown) => {
				console.error('drifting branches could not be computed:', e);
				if (daily === entry) daily = null;
			}
		);
		daily = entry;
	}
	return daily;
}
