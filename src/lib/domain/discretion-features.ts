import type { Tier } from './case-schema';
import { HARMS, PARTY_TYPES } from './case-schema';
import { selectTier, type Catalog, type CatalogItem, type Circumstances, type CircumstanceKey } from './catalog';

/**
 * The discretion model's inputs: a case's item and circumstances as a vector of numbers. Every circumstance that
 * can be unknown carries a missing-value indicator, so that unknown is never read as 0. The catalog's discretion
 * tier that the circumstances select is an input too: it carries the benchmark's thresholds (e.g. more than 100
 * employees means 从重) that the network would otherwise have to rediscover. Branch and officer are not inputs.
 */

export const NUMERIC_KEYS = ['employees_affected', 'months_overdue', 'amount_involved', 'prior_violations'] as const;
export type NumericKey = (typeof NUMERIC_KEYS)[number];
export const BOOL_KEYS = ['rectified', 'cooperated'] as const;
export type BoolKey = (typeof BOOL_KEYS)[number];

/** Tiers whose fines lie inside the statute range: the ones the model learns. 减轻 and 不予处罚 are legal grounds, not numbers. */
export const FINE_TIERS: readonly Tier[] = ['从轻', '一般', '从重'];

/** A case as the model sees it: its item and its circumstances (money in fen, as in every record). */
export type ModelCase = Circumstances & { item_code: string | null };

export type TypicalValue = number | boolean | string | null;

export interface FeatureSpec {
	/**
	 * Items with a statutory fine, their statute range in yuan (the target is scaled into it) and the
	 * circumstances their catalog entry uses: any other circumstance is read as unknown for that item, so that a
	 * value stored on past cases but never asked by the form cannot make training and suggesting differ.
	 */
	items: { code: string; min: number; max: number; uses: CircumstanceKey[] }[];
	/** Numeric circumstances, standardized on the log1p scale (money in yuan). */
	numeric: { key: NumericKey; mean: number; sd: number }[];
	bools: BoolKey[];
	harms: string[];
	parties: string[];
	tiers: Tier[];
	/** The typical value of each circumstance among the training cases: the reference for "what moved the range". */
	typical: Partial<Record<CircumstanceKey, TypicalValue>>;
}

export function modelItems(catalog: Catalog): CatalogItem[] {
	return catalog.items.filter((i) => i.fine !== null && i.fine.max > i.fine.min && i.tiers.some((t) => FINE_TIERS.includes(t.tier)));
}

function naturalNumber(key: NumericKey, v: number): number {
	// Money circumstances are held in fen; the model reads yuan.
	return Math.log1p(Math.max(0, key === 'amount_involved' ? v / 100 : v));
}

function median(xs: number[]): number | null {
	if (xs.length === 0) return null;
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)] as number;
}

function mode<T>(xs: T[]): T | null {
	const counts = new Map<T, number>();
	for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
	let best: T | null = null;
	let n = 0;
	for (const [x, c] of counts) if (c > n) [best, n] = [x, c];
	return best;
}

/** Fits the input scaling and the typical values on the training cases. */
export function fitFeatureSpec(catalog: Catalog, cases: readonly ModelCase[]): FeatureSpec {
	const items = modelItems(catalog).map((i) => ({ code: i.code, min: i.fine!.min, max: i.fine!.max, uses: [...i.circumstances] }));
	const typical: FeatureSpec['typical'] = {};
	const numeric = NUMERIC_KEYS.map((key) => {
		const known = cases.map((c) => c[key]).filter((v): v is number => typeof v === 'number');
		const logs = known.map((v) => naturalNumber(key, v));
		const mean = logs.length ? logs.reduce((s, x) => s + x, 0) / logs.length : 0;
		const sd = logs.length > 1 ? Math.sqrt(logs.reduce((s, x) => s + (x - mean) ** 2, 0) / (logs.length - 1)) : 1;
		typical[key] = median(known);
		return { key, mean, sd: sd > 1e-9 ? sd : 1 };
	});
	for (const key of BOOL_KEYS) typical[key] = mode(cases.map((c) => c[key]).filter((v): v is boolean => typeof v === 'boolean'));
	typical.harm = mode(cases.map((c) => c.harm).filter((v): v is string => typeof v === 'string'));
	typical.party_type = mode(cases.map((c) => c.party_type).filter((v): v is string => typeof v === 'string'));
	return { items, numeric, bools: [...BOOL_KEYS], harms: [...HARMS], parties: [...PARTY_TYPES], tiers: [...FINE_TIERS], typical };
}

export function featureNames(spec: FeatureSpec): string[] {
	return [
		...spec.items.map((i) => `item=${i.code}`),
		...spec.parties.map((p) => `party_type=${p}`),
		...spec.numeric.flatMap((n) => [n.key, `${n.key}?`]),
		...spec.bools.flatMap((b) => [b, `${b}?`]),
		...spec.harms.map((h) => `harm=${h}`),
		...spec.tiers.map((t) => `tier=${t}`)
	];
}

export function featureCount(spec: FeatureSpec): number {
	return spec.items.length + spec.parties.length + spec.numeric.length * 2 + spec.bools.length * 2 + spec.harms.length + spec.tiers.length;
}

/** Where the item's features start: similar-case distances skip them (candidates share the item). */
export function circumstanceOffset(spec: FeatureSpec): number {
	return spec.items.length;
}

/**
 * A fingerprint of what the model takes from the catalog: its items' statutory ranges, circumstances and tiers
 * with their conditions. A version that changes it changes what the model learned against (FNV-1a, hex).
 */
export function tierDigest(catalog: Catalog): string {
	const used = modelItems(catalog).map((i) => [i.code, i.fine, i.circumstances, i.tiers.map((t) => [t.tier, t.min, t.max, t.when ?? null])]);
	let h = 0x811c9dc5;
	for (const ch of JSON.stringify(used)) {
		h ^= ch.codePointAt(0) ?? 0;
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h.toString(16).padStart(8, '0');
}

/** The catalog tier that the circumstances select, if the item has one. */
export function catalogTier(catalog: Catalog, c: ModelCase): Tier | null {
	const item = c.item_code ? catalog.byCode.get(c.item_code) : undefined;
	return item ? (selectTier(item, c)?.tier ?? null) : null;
}

/** Writes the features of one case into `out` at `offset` (so that batches fill one flat array without copies). */
export function encodeCase(spec: FeatureSpec, c: ModelCase, tier: Tier | null, out: Float32Array, offset = 0): void {
	let k = offset;
	const uses = spec.items.find((i) => i.code === c.item_code)?.uses;
	const read = <K extends CircumstanceKey>(key: K): ModelCase[K] | null => (uses && !uses.includes(key) ? null : c[key]);
	for (const it of spec.items) out[k++] = c.item_code === it.code ? 1 : 0;
	const party = read('party_type');
	for (const p of spec.parties) out[k++] = party === p ? 1 : 0;
	for (const n of spec.numeric) {
		const v = read(n.key);
		const known = typeof v === 'number';
		out[k++] = known ? (naturalNumber(n.key, v) - n.mean) / n.sd : 0;
		out[k++] = known ? 0 : 1;
	}
	for (const b of spec.bools) {
		const v = read(b);
		out[k++] = v === true ? 1 : 0;
		out[k++] = v === null || v === undefined ? 1 : 0;
	}
	const harm = read('harm');
	for (const h of spec.harms) out[k++] = harm === h ? 1 : 0;
	for (const t of spec.tiers) out[k++] = tier === t ? 1 : 0;
}

export function statuteOf(spec: FeatureSpec, itemCode: string | null): { min: number; max: number } | null {
	return spec.items.find((i) => i.code === itemCode) ?? null;
}

/** A fine in yuan as a share of the item's statute range (0 = minimum, 1 = maximum). */
export function scaleFine(range: { min: number; max: number }, yuan: number): number {
	return (yuan - range.min) / (range.max - range.min);
}

export function unscaleFine(range: { min: number; max: number }, scaled: number): number {
	return range.min + Math.min(1, Math.max(0, scaled)) * (range.max - range.min);
}

/** The same case with one circumstance set to its typical value (for "which circumstances moved the range"). */
export function withTypical(spec: FeatureSpec, c: ModelCase, key: CircumstanceKey): ModelCase | null {
	const t = spec.typical[key];
	if (t === undefined || t === null || c[key] === t) return null;
	return { ...c, [key]: t } as ModelCase;
}
