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
	features: Float32Array;
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
			const features = new Float32Array(rows.length * this.dim);
			rows.forEach((r, j) => {
				const c = cases[r] as PastCase;
				encodeCase(spec, c, c.catalog_tier, this.scratch);
				features.set(this.scratch.subarray(this.offset), j * this.dim);
			});
			this.buckets.set(key, { rows, features });
		}
	}

	/** The k nearest past cases of the same item, nearest first. */
	nearest(c: ModelCase, tier: Tier | null, k: number): Neighbour[] {
		const own = this.buckets.get(`${c.item_code}\u0000${tier}`);
		const pool = own && own.rows.length >= k ? [own] : (this.byItem.get(c.item_code ?? '') ?? []).map((key) => this.buckets.get(key) as Bucket);
		encodeCase(this.spec, c, tier, this.scratch);
		const q = this.scratch.subarray(this.offset);
		const dim = this.dim;
		const bestD = new Float64Array(k).fill(Infinity);
		const bestR = new Int32Array(k).fill(-1);
		for (const b of pool) {
			const f = b.features;
			for (let j = 0, n = b.rows.length; j < n; j++) {
				let d = 0;
				const base = j * dim;
				for (let t = 0; t < dim; t++) {
					const diff = (f[base + t] as number) - (q[t] as number);
					d += diff * diff;
				}
				if (d >= (bestD[k - 1] as number)) continue;
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
