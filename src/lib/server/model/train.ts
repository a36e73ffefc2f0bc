import { tierByName, type Catalog } from '../../domain/catalog';
import { COVERAGE_LEVELS, conformityScore, scoreTable, type ScoreTable } from '../../domain/conformal';
import { encodeCase, featureCount, fitFeatureSpec, scaleFine, statuteOf, tierDigest, type FeatureSpec } from '../../domain/discretion-features';
import { catalogBook } from '../catalog/versions';
import type { Queryable } from '../db';
import { initBackend } from './backend';
import { isLearnable, loadPastCases, sampleCases, splitPart, type PastCase, type SplitPart } from './dataset';
import { DiscretionModel, type ModelMeta } from './discretion';
import { covers, evaluate, type Evaluation } from './evaluate';
import { median } from '../../domain/sign-test';
import { loadModel } from './artifacts';
import { branchEffects, buildNetwork, fitNetwork, predictQuantiles, type FitData, type Matrix } from './network';
import { LocalizedError } from '../../i18n/error';
import { msg, type Text } from '../../i18n/message';

/** Fewer learnable cases than this and a range would be guesswork: training refuses with a clear message. */
export const MIN_TRAINING_CASES = 200;
/** A branch whose shift is more than 5% of the statute range (2,000 yuan on 10,000–50,000) from the norm is drifting. */
export const DRIFT_TOLERANCE = 0.05;
/**
 * At a million cases the network learned from 117k cases, 3,861 yuan wide at 80%; on 16k demo cases 4,055: past a
 * few hundred thousand cases more of them narrow the range by little and cost training time in proportion.
 */
export const MAX_TRAIN = 250_000;
export const MAX_VALIDATION = 50_000;
/**
 * Hidden layers by the number of training cases: a small network where data are few (a wide one overfits a few
 * thousand cases, measured on the demo data: held-out width 5,500 yuan with [32, 32] against 4,200 with [16]),
 * a wider one where a million cases can teach it the interactions of tier and circumstances.
 */
export function hiddenFor(trainingCases: number): number[] {
	return trainingCases < 5_000 ? [16] : trainingCases < 50_000 ? [32, 32] : [64, 64];
}

/** Printed by the commands in both languages, as it always was. */
export class TrainingError extends LocalizedError {
	constructor(text: Text) {
		super(text, { bilingual: ' / ' });
	}
}

export interface TrainOptions {
	hidden?: number[];
	maxEpochs?: number;
	/** Also train the linear quantile regression baseline and evaluate against all baselines (default true). */
	baselines?: boolean;
	onEpoch?: (epoch: number, epochs: number, loss: number, valLoss: number) => void;
	now?: Date;
	/** At most this many training and validation cases (defaults MAX_TRAIN, MAX_VALIDATION). */
	maxTrain?: number;
	maxValidation?: number;
}

export interface TrainResult {
	model: DiscretionModel;
	evaluation: Evaluation | null;
	parts: Record<SplitPart, PastCase[]>;
}

function matrices(spec: FeatureSpec, branches: readonly string[], cases: readonly PastCase[]): FitData {
	const dim = featureCount(spec);
	const groups = Math.max(1, branches.length);
	const x: Matrix = { rows: cases.length, cols: dim, data: new Float32Array(cases.length * dim) };
	const g: Matrix = { rows: cases.length, cols: groups, data: new Float32Array(cases.length * groups) };
	const y = new Float32Array(cases.length);
	const branchIndex = new Map(branches.map((b, i) => [b, i]));
	cases.forEach((c, i) => {
		encodeCase(spec, c, c.catalog_tier, x.data, i * dim);
		const b = branchIndex.get(c.department ?? '');
		if (b !== undefined) g.data[i * groups + b] = 1;
		y[i] = scaleFine(statuteOf(spec, c.item_code)!, c.fine);
	});
	return { x, g, y };
}

function versionOf(now: Date): string {
	return now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

export interface BranchDrift {
	branch: string;
	/** The branch's shift from the agency's reference, in scaled units (share of the statute range). */
	shift: number;
	cases: number;
}

function withinTier(catalog: Catalog, c: PastCase): boolean {
	const item = c.item_code ? catalog.byCode.get(c.item_code) : undefined;
	const t = item && c.catalog_tier ? tierByName(item, c.catalog_tier) : undefined;
	return t !== undefined && c.fine >= t.min && c.fine <= t.max;
}

function branchesByCount(cases: readonly PastCase[]): string[] {
	const counts = new Map<string, number>();
	for (const c of cases) if (c.department) counts.set(c.department, (counts.get(c.department) ?? 0) + 1);
	return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([b]) => b);
}

/**
 * Stage one: a linear quantile model with a shift per branch, on at most 100,000 training cases, measures how far
 * each branch sits from the median branch. Additive shifts describe a lenient branch only roughly (its fines pile
 * up at the statute minimum, for one), so stage two learns the norm without the drifting branches' cases; they
 * remain similar cases and are measured in the card and the review, not copied into the range.
 */
async function measureDrift(catalog: Catalog, parts: Record<SplitPart, PastCase[]>, options: TrainOptions): Promise<BranchDrift[]> {
	const train = sampleCases(parts.train, 100_000);
	const step = parts.train.length / train.length;
	const spec = fitFeatureSpec(catalog, train);
	const branches = branchesByCount(train);
	const network = buildNetwork({ inputs: featureCount(spec), groups: branches.length, hidden: [] });
	try {
		await fitNetwork(network, matrices(spec, branches, train), matrices(spec, branches, parts.validation), { maxEpochs: options.maxEpochs });
		const effects = [...branchEffects(network)].slice(0, branches.length);
		const reference = effects.length ? median(effects) : 0;
		return branches.map((b, i) => ({
			branch: b,
			shift: (effects[i] as number) - reference,
			cases: Math.round(train.filter((c) => c.department === b).length * step)
		}));
	} finally {
		network.dispose();
	}
}

/** Learns the network, its branch shifts, the reference, the calibration and the held-out coverage. */
async function fitOne(
	catalog: Catalog,
	all: Record<SplitPart, PastCase[]>,
	drift: BranchDrift[],
	options: TrainOptions & { hidden: number[] }
): Promise<DiscretionModel> {
	const started = Date.now();
	const backend = await initBackend();
	const drifting = drift.filter((d) => Math.abs(d.shift) > DRIFT_TOLERANCE).map((d) => d.branch);
	const driftSet = new Set(drifting);
	// The norm is learned, calibrated and tested on consistent practice: branches that keep to it, and fines inside
	// the benchmark tier their circumstances select (a fine outside it is an R02 case, not evidence of the norm;
	// left in, a few of them in the calibration set would also blunt every p-value).
	const keep = (cases: PastCase[]) => cases.filter((c) => !driftSet.has(c.department ?? '') && withinTier(catalog, c));
	// Training and early stopping read at most MAX_TRAIN and MAX_VALIDATION cases (hash-sampled), so that the time
	// to train stops growing with the data; calibration and the held-out test keep every case, as they only predict.
	const parts = {
		train: sampleCases(keep(all.train), options.maxTrain ?? MAX_TRAIN),
		validation: sampleCases(keep(all.validation), options.maxValidation ?? MAX_VALIDATION),
		calibration: keep(all.calibration),
		test: keep(all.test)
	};
	const spec = fitFeatureSpec(catalog, parts.train);
	const branches = branchesByCount(parts.train);
	const network = buildNetwork({ inputs: featureCount(spec), groups: branches.length, hidden: options.hidden });
	const fit = await fitNetwork(network, matrices(spec, branches, parts.train), matrices(spec, branches, parts.validation), {
		onEpoch: options.onEpoch,
		maxEpochs: options.maxEpochs
	});
	const effects = [...branchEffects(network)].slice(0, branches.length);
	const reference = effects.length ? median(effects) : 0;

	// Calibration at the reference shift, on the cases of branches that keep to the norm: new consistent cases are
	// suggested at the reference too, so their scores must include the small differences between such branches
	// (measured at a million cases: calibrating each case at its own branch's shift covered 77.9% instead of 80%).
	const calCases = parts.calibration;
	const cal = matrices(spec, branches, calCases);
	const calShift = new Float32Array(calCases.length).fill(reference);
	const q = predictQuantiles(network, cal.x, branches.length, calShift);
	const byTier = new Map<string, number[]>();
	const scores: number[] = [];
	calCases.forEach((c, i) => {
		const s = conformityScore(q[i * 3] as number, q[i * 3 + 2] as number, cal.y[i] as number);
		scores.push(s);
		const list = byTier.get(c.catalog_tier ?? '*') ?? [];
		list.push(s);
		byTier.set(c.catalog_tier ?? '*', list);
	});
	const calibration: Record<string, ScoreTable> = { '*': scoreTable(scores) };
	for (const [tier, scores] of byTier) if (tier !== '*') calibration[tier] = scoreTable(scores);

	const learnable = [...all.train, ...all.validation, ...all.calibration, ...all.test];
	const decided = learnable.map((c) => c.decided_on).sort();
	const items: Record<string, number> = {};
	for (const c of learnable) items[c.item_code ?? ''] = (items[c.item_code ?? ''] ?? 0) + 1;
	const now = options.now ?? new Date();
	const meta: ModelMeta = {
		format: 1,
		version: versionOf(now),
		created_at: now.toISOString(),
		backend,
		spec,
		branches,
		branch_effects: effects,
		reference_shift: reference,
		drift_tolerance: DRIFT_TOLERANCE,
		drifting,
		branch_drift: drift,
		calibration,
		coverage: {},
		training: {
			cases: learnable.length,
			learned_from: parts.train.length + parts.validation.length,
			train: parts.train.length,
			validation: parts.validation.length,
			calibration: parts.calibration.length,
			test: parts.test.length,
			first_decided: decided[0] ?? null,
			last_decided: decided[decided.length - 1] ?? null,
			items,
			epochs: fit.epochs,
			seconds: 0,
			hidden: options.hidden,
			excluded: {
				drifting_branches: learnable.filter((c) => driftSet.has(c.department ?? '')).length,
				outside_tier: learnable.filter((c) => !driftSet.has(c.department ?? '') && !withinTier(catalog, c)).length,
				sampled_out: keep(all.train).length - parts.train.length + keep(all.validation).length - parts.validation.length
			}
		}
	};
	const model = new DiscretionModel(network, meta);

	// Held-out coverage at the reference shift, on cases of branches that are not drifting: what a suggestion states.
	const test = parts.test;
	if (test.length > 0) {
		const tq = model.quantiles(test.map((c) => ({ c, tier: c.catalog_tier })));
		for (const level of COVERAGE_LEVELS) {
			const hit = test.filter((c, i) => covers(model.intervalFrom(tq, i * 3, c.item_code, c.catalog_tier, level), c.fine)).length;
			meta.coverage[String(Math.round(level * 100))] = hit / test.length;
		}
	}
	meta.training.seconds = (Date.now() - started) / 1000;
	return model;
}

/** Trains the discretion model on the decided penalty cases of a database. */
export async function trainDiscretion(db: Queryable, catalog: Catalog, options: TrainOptions = {}): Promise<TrainResult> {
	await initBackend();
	const all = (await loadPastCases(db, catalog)).filter((c) => isLearnable(catalog, c));
	if (all.length < MIN_TRAINING_CASES) {
		throw new TrainingError(msg('err.model.fewCases', { n: all.length, min: MIN_TRAINING_CASES }));
	}
	const parts: Record<SplitPart, PastCase[]> = { train: [], validation: [], calibration: [], test: [] };
	for (const c of all) parts[splitPart(c)].push(c);
	const drift = await measureDrift(catalog, parts, options);
	const model = await fitOne(catalog, parts, drift, { ...options, hidden: options.hidden ?? hiddenFor(parts.train.length) });
	// The card names the catalog version it learned under, so that a later version's change of tiers is seen.
	const trainedUnder = (await catalogBook(db))?.versions.find((v) => v.catalog === catalog) ?? null;
	model.meta.catalog = {
		version: trainedUnder?.version ?? null,
		label: catalog.version,
		effective_from: trainedUnder?.effective_from ?? null,
		tiers: tierDigest(catalog)
	};
	let evaluation: Evaluation | null = null;
	if (options.baselines !== false) {
		const linear = await fitOne(catalog, parts, drift, { ...options, hidden: [], onEpoch: undefined });
		evaluation = evaluate(catalog, model, linear, parts.train, parts.test);
		linear.network.dispose();
	}
	return { model, evaluation, parts };
}

/**
 * Evaluates a saved model on a database: the held-out cases are the database's test part (the split is by case
 * key, so it is the same part the model was calibrated without), and the linear baseline is trained afresh on
 * the training part, with the drifting branches the model measured.
 */
export async function evaluateSaved(db: Queryable, catalog: Catalog, dir: string): Promise<Evaluation> {
	const model = await loadModel(dir);
	const all = (await loadPastCases(db, catalog)).filter((c) => isLearnable(catalog, c));
	const parts: Record<SplitPart, PastCase[]> = { train: [], validation: [], calibration: [], test: [] };
	for (const c of all) parts[splitPart(c)].push(c);
	if (parts.train.length < MIN_TRAINING_CASES / 2) throw new TrainingError(msg('err.model.fewToEvaluate', { n: all.length }));
	const drift = model.meta.branch_drift;
	const linear = await fitOne(catalog, parts, drift, { hidden: [] });
	try {
		return evaluate(catalog, model, linear, parts.train, parts.test);
	} finally {
		linear.network.dispose();
		model.network.dispose();
	}
}
