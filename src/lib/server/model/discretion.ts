import type { Tier } from '../../domain/case-schema';
import { adjustedInterval, conformalAdjustment, conformalPValue, conformityScore, normalizeLevel, type ScoreTable } from '../../domain/conformal';
import { encodeCase, featureCount, scaleFine, statuteOf, unscaleFine, type FeatureSpec, type ModelCase } from '../../domain/discretion-features';
import type { BackendName } from './backend';
import { tf } from './backend';
import { predictQuantiles, type Matrix } from './network';

/** Everything about a trained model besides its weights: scaling, branches, calibration, measured coverage. */
/** The catalog version a model was trained under; absent in models trained before catalog versions (version 1). */
export interface TrainedCatalog {
	version: number | null;
	label: string;
	effective_from: string | null;
	/** tierDigest of that catalog. */
	tiers: string;
}

export interface ModelMeta {
	format: 1;
	catalog?: TrainedCatalog;
	version: string;
	created_at: string;
	backend: BackendName;
	spec: FeatureSpec;
	/** Branches in the order of the network's branch input, with their learned shifts (scaled units). */
	branches: string[];
	branch_effects: number[];
	/** The shift suggestions are made at: the median of the branches' shifts, the agency's norm. */
	reference_shift: number;
	/** A branch whose shift differs from the reference by more than this (scaled units) is drifting. */
	drift_tolerance: number;
	drifting: string[];
	/** Every branch's shift from the norm as measured before training (stage one), drifting or not. */
	branch_drift: { branch: string; shift: number; cases: number }[];
	/** Conformity scores of the calibration cases, per catalog tier (Mondrian CQR) and for all ('*'). */
	calibration: Record<string, ScoreTable>;
	/** Held-out coverage at the reference shift on cases of branches that are not drifting, per whole-percent level. */
	coverage: Record<string, number>;
	training: {
		/** Learnable decided fines in the database, of every branch. */
		cases: number;
		/** Of those, the cases the network learned from (training and validation, drifting branches left out). */
		learned_from: number;
		train: number;
		validation: number;
		calibration: number;
		test: number;
		first_decided: string | null;
		last_decided: string | null;
		items: Record<string, number>;
		epochs: number;
		seconds: number;
		hidden: number[];
		/**
		 * The learnable cases used for none of learning, calibration or testing, by why: their branch drifts from the
		 * norm, their fine lies outside the tier their circumstances select, or training's cap left them out. With
		 * learned_from + calibration + test they add up to `cases` (absent on models trained before it was kept).
		 */
		excluded?: { drifting_branches: number; outside_tier: number; sampled_out: number };
	};
}

export interface Interval {
	/** Yuan. */
	low: number;
	high: number;
	median: number;
	level: number;
	/** Coverage measured on held-out cases at this level, or null where none was measured. */
	coverage: number | null;
}

/**
 * Minimum calibration cases for a tier to have its own scores; fewer and the scores of all tiers are used (they
 * are comparable: each is in units of its own interval's width). Below a thousand, a tier's own table would also
 * limit the p-values: the smallest possible is 1/(n + 1), and a review threshold of 0.002 needs n ≥ 500.
 */
const MIN_GROUP = 1000;

/** The trained network with its meta: predicts calibrated ranges at the agency's reference level. */
export class DiscretionModel {
	readonly dim: number;
	constructor(
		readonly network: tf.LayersModel,
		readonly meta: ModelMeta
	) {
		this.dim = featureCount(meta.spec);
	}

	get version(): string {
		return this.meta.version;
	}

	serves(itemCode: string | null): boolean {
		return statuteOf(this.meta.spec, itemCode) !== null;
	}

	scores(tier: Tier | null): ScoreTable {
		const own = tier ? this.meta.calibration[tier] : undefined;
		return own && own.n >= MIN_GROUP ? own : (this.meta.calibration['*'] as ScoreTable);
	}

	/** The three quantiles (scaled, at the reference shift) of many cases in one batch. */
	quantiles(cases: readonly { c: ModelCase; tier: Tier | null }[]): Float32Array {
		const x: Matrix = { rows: cases.length, cols: this.dim, data: new Float32Array(cases.length * this.dim) };
		cases.forEach(({ c, tier }, i) => encodeCase(this.meta.spec, c, tier, x.data, i * this.dim));
		const shifts = new Float32Array(cases.length).fill(this.meta.reference_shift);
		return predictQuantiles(this.network, x, this.meta.branches.length, shifts);
	}

	/** The calibrated interval from quantiles already predicted (scaled), in yuan, clipped to the statute. */
	intervalFrom(q: ArrayLike<number>, at: number, itemCode: string | null, tier: Tier | null, level: number): Interval | null {
		const range = statuteOf(this.meta.spec, itemCode);
		if (!range) return null;
		const lvl = normalizeLevel(level);
		const r = adjustedInterval(q[at] as number, q[at + 1] as number, q[at + 2] as number, conformalAdjustment(this.scores(tier), lvl));
		return {
			low: unscaleFine(range, r.lo),
			high: unscaleFine(range, r.hi),
			median: unscaleFine(range, r.mid),
			level: lvl,
			coverage: this.meta.coverage[String(Math.round(lvl * 100))] ?? null
		};
	}

	/** How unusual a fine is for these circumstances: the conformal p-value against the calibration cases. */
	pValueFrom(q: ArrayLike<number>, at: number, itemCode: string | null, tier: Tier | null, fineYuan: number): number | null {
		const range = statuteOf(this.meta.spec, itemCode);
		if (!range) return null;
		const y = scaleFine(range, fineYuan);
		return conformalPValue(this.scores(tier), conformityScore(q[at] as number, q[at + 2] as number, y));
	}
}
