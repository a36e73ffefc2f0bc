import type { Tier } from '../../domain/case-schema';
import { circumstanceOffset, encodeCase, featureCount, type FeatureSpec, type ModelCase } from '../../domain/discretion-features';
import type { PastCase } from './dataset';

/**
 * The past cases nearest to a new one: same item, Euclidean distance in the model's standardized input space
 * (item features left out, since candidates share the item). Cases are bucketed by item and catalog tier; a
 * query searches its own bucket when it holds enough cases, which keeps a search over a million cases fast
 * without changing the answer much (a different tier is already far away in that space).
 */

export interface Neighbour {
	case: PastCase;
	distance: number;
}

interface Bucket {
	rows: number[];
	/** The dimensions that vary within the bucket, most varied first: a search can stop early on a row. */
	dims: Int32Array;
	/** Row-major, `dims.length` values per row, in the order of `dims`. */
	features: Float32Array;
	/** The value of each dimension that is the same on every row of the bucket (NaN where it varies). */
	constant: Float32Array;
}

export class SimilarIndex {
	readonly size: number;
	private readonly dim: number;
	private readonly offset: number;
	private readonly buckets = new Map<string, Bucket>();
	private readonly byItem = new Map<string, string[]>();
	private readonly scratch: Float32Array;

	constructor(
		private readonly spec: FeatureSpec,
		private readonly cases: readonly PastCase[]
	) {
		this.size = cases.length;
		this.offset = circumstanceOffset(spec);
		this.dim = featureCount(spec) - this.offset;
		this.scratch = new Float32Array(featureCount(spec));
		const members = new Map<string, number[]>();
		cases.forEach((c, i) => {
			const key = `${c.item_code}\u0000${c.catalog_tier}`;
			let list = members.get(key);
			if (!list) {
				list = [];
				members.set(key, list);
				const keys = this.byItem.get(c.item_code ?? '') ?? [];
				keys.push(key);
				this.byItem.set(c.item_code ?? '', keys);
			}
			list.push(i);
		});
		for (const [key, rows] of members) {
			const full = new Float32Array(rows.length * this.dim);
			rows.forEach((r, j) => {
				const c = cases[r] as PastCase;
				encodeCase(spec, c, c.catalog_tier, this.scratch);
				full.set(this.scratch.subarray(this.offset), j * this.dim);
			});
			// Dimensions constant in the bucket (its tier, say) add nothing to a distance; the others are ordered by
			// variance so that the partial sum exceeds the k-th best distance as soon as possible.
			const variance = new Float64Array(this.dim);
			for (let t = 0; t < this.dim; t++) {
				let sum = 0;
				let sq = 0;
				for (let j = 0; j < rows.length; j++) {
					const v = full[j * this.dim + t] as number;
					sum += v;
					sq += v * v;
				}
				variance[t] = sq / rows.length - (sum / rows.length) ** 2;
			}
			const dims = Int32Array.from(
				[...variance.keys()].filter((t) => (variance[t] as number) > 1e-12).sort((a, b) => (variance[b] as number) - (variance[a] as number))
			);
			const features = new Float32Array(rows.length * dims.length);
			for (let j = 0; j < rows.length; j++)
				for (let u = 0; u < dims.length; u++) features[j * dims.length + u] = full[j * this.dim + (dims[u] as number)] as number;
			this.buckets.set(key, { rows, dims, features, constant: this.constants(full, rows.length, variance) });
		}
	}

	/** The values of the dimensions that do not vary in a bucket (a query pays their distance once). */
	private constants(full: Float32Array, n: number, variance: Float64Array): Float32Array {
		const out = new Float32Array(this.dim).fill(NaN);
		if (n > 0) for (let t = 0; t < this.dim; t++) if ((variance[t] as number) <= 1e-12) out[t] = full[t] as number;
		return out;
	}

	/**
	 * The k nearest past cases of the same item, nearest first; with `decidedAs`, only those decided in that tier
	 * (减轻 or 不予处罚: a legal ground, which the circumstances alone do not select), searched over every bucket.
	 */
	nearest(c: ModelCase, tier: Tier | null, k: number, decidedAs: Tier | null = null): Neighbour[] {
		const own = this.buckets.get(`${c.item_code}\u0000${tier}`);
		const pool = own && own.rows.length >= k && !decidedAs ? [own] : (this.byItem.get(c.item_code ?? '') ?? []).map((key) => this.buckets.get(key) as Bucket);
		encodeCase(this.spec, c, tier, this.scratch);
		const q = this.scratch.subarray(this.offset);
		const bestD = new Float64Array(k).fill(Infinity);
		const bestR = new Int32Array(k).fill(-1);
		const query = new Float32Array(this.dim);
		for (const b of pool) {
			const dims = b.dims;
			const m = dims.length;
			for (let u = 0; u < m; u++) query[u] = q[dims[u] as number] as number;
			// The distance in the bucket's constant dimensions is the same for every row of it.
			let base = 0;
			for (let t = 0; t < this.dim; t++) {
				const v = b.constant[t] as number;
				if (!Number.isNaN(v)) base += ((q[t] as number) - v) ** 2;
			}
			const f = b.features;
			for (let j = 0, n = b.rows.length; j < n; j++) {
				if (decidedAs && (this.cases[b.rows[j] as number] as PastCase).circumstance_tier !== decidedAs) continue;
				const limit = bestD[k - 1] as number;
				let d = base;
				const at = j * m;
				for (let u = 0; u < m && d < limit; u++) {
					const diff = (f[at + u] as number) - (query[u] as number);
					d += diff * diff;
				}
				if (d >= limit) continue;
				// Insertion into the sorted top k.
				let p = k - 1;
				while (p > 0 && (bestD[p - 1] as number) > d) {
					bestD[p] = bestD[p - 1] as number;
					bestR[p] = bestR[p - 1] as number;
					p--;
				}
				bestD[p] = d;
				bestR[p] = b.rows[j] as number;
			}
		}
		const out: Neighbour[] = [];
		for (let i = 0; i < k; i++) {
			const r = bestR[i] as number;
			if (r < 0) break;
			out.push({ case: this.cases[r] as PastCase, distance: Math.sqrt(bestD[i] as number) });
		}
		return out;
	}
}

/** The p-th percentile (0–1) of values, linear between order statistics. */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return NaN;
	const s = [...values].sort((a, b) => a - b);
	const pos = p * (s.length - 1);
	const i = Math.floor(pos);
	const f = pos - i;
	return (s[i] as number) + f * ((s[Math.min(s.length - 1, i + 1)] as number) - (s[i] as number));
}
