import { tf } from './backend';
import { seededRandom } from '../demo/random';

/**
 * The quantile network: circumstances → (10th, 50th, 90th percentile) of the fine, scaled into the item's statute
 * range. Non-crossing by construction: the head outputs a median and two positive gaps (softplus). A second input,
 * the case's branch as a one-hot vector, adds a learned shift to all three quantiles, so that a systematically
 * lighter branch is absorbed by its own shift instead of widening every range; suggestions are made at a reference
 * shift (the median of the branches'), i.e. at the agency's norm.
 */

export const QUANTILES = [0.1, 0.5, 0.9] as const;

type LayerArgs = ConstructorParameters<typeof tf.layers.Layer>[0];
type ShapeLike = (number | null)[];

/** [raw (n×3), shift (n×1)] → [m + s − softplus(a), m + s, m + s + softplus(b)]. */
export class QuantileHead extends tf.layers.Layer {
	static className = 'QuantileHead';
	constructor(args?: LayerArgs) {
		super(args ?? {});
	}
	override computeOutputShape(inputShape: ShapeLike | ShapeLike[]): ShapeLike {
		const first = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as ShapeLike;
		return [first[0] ?? null, 3];
	}
	override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
		return tf.tidy(() => {
			const [raw, shift] = inputs as tf.Tensor[];
			const [m, a, b] = tf.split(raw as tf.Tensor2D, 3, 1);
			const mid = tf.add(m as tf.Tensor, shift as tf.Tensor);
			return tf.concat([tf.sub(mid, tf.softplus(a as tf.Tensor)), mid, tf.add(mid, tf.softplus(b as tf.Tensor))], 1);
		});
	}
}
tf.serialization.registerClass(QuantileHead);

export interface NetworkShape {
	inputs: number;
	groups: number;
	/** Hidden layer widths; [] gives a linear quantile regression (a baseline). */
	hidden: number[];
}

export function buildNetwork(shape: NetworkShape): tf.LayersModel {
	const x = tf.input({ shape: [shape.inputs], name: 'circumstances' });
	const g = tf.input({ shape: [Math.max(1, shape.groups)], name: 'branch' });
	// A linear part plus a deep part that starts at zero (wide & deep): the network begins as a linear quantile
	// regression and the hidden layers learn only what a linear model misses, so few cases cannot make it worse.
	let raw = tf.layers.dense({ units: 3, name: 'linear', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }).apply(x) as tf.SymbolicTensor;
	if (shape.hidden.length > 0) {
		let h: tf.SymbolicTensor = x;
		for (const [i, units] of shape.hidden.entries()) {
			h = tf.layers
				.dense({
					units,
					activation: 'relu',
					kernelInitializer: tf.initializers.heNormal({ seed: 2 + i }),
					kernelRegularizer: tf.regularizers.l2({ l2: 1e-5 }),
					name: `hidden${i + 1}`
				})
				.apply(h) as tf.SymbolicTensor;
		}
		const deep = tf.layers.dense({ units: 3, kernelInitializer: 'zeros', name: 'deep' }).apply(h) as tf.SymbolicTensor;
		raw = tf.layers.add({ name: 'raw' }).apply([raw, deep]) as tf.SymbolicTensor;
	}
	// A small L2 penalty identifies the shifts (otherwise any constant could move between them and the bias).
	const shift = tf.layers
		.dense({ units: 1, useBias: false, kernelInitializer: 'zeros', kernelRegularizer: tf.regularizers.l2({ l2: 1e-5 }), name: 'branch_effect' })
		.apply(g) as tf.SymbolicTensor;
	const out = new QuantileHead({ name: 'quantiles' }).apply([raw, shift]) as tf.SymbolicTensor;
	return tf.model({ inputs: [x, g], outputs: out });
}

/** The pinball (quantile) loss of the three quantiles, averaged. */
export function pinballLoss(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
	return tf.tidy(() => {
		const taus = tf.tensor1d([...QUANTILES]);
		const e = tf.sub(yTrue, yPred);
		return tf.mean(tf.maximum(tf.mul(e, taus), tf.mul(e, tf.sub(taus, 1)))) as tf.Scalar;
	});
}

export interface Matrix {
	rows: number;
	cols: number;
	data: Float32Array;
}

export interface FitData {
	x: Matrix;
	g: Matrix;
	y: Float32Array;
}

export interface FitOptions {
	/** Called after each epoch with the training and validation loss. */
	onEpoch?: (epoch: number, epochs: number, loss: number, valLoss: number) => void;
	maxEpochs?: number;
	seed?: number;
}

function tensors(d: FitData): { x: tf.Tensor2D; g: tf.Tensor2D; y: tf.Tensor2D } {
	const y3 = new Float32Array(d.y.length * 3);
	for (let i = 0; i < d.y.length; i++) y3[i * 3] = y3[i * 3 + 1] = y3[i * 3 + 2] = d.y[i] as number;
	return {
		x: tf.tensor2d(d.x.data, [d.x.rows, d.x.cols]),
		g: tf.tensor2d(d.g.data, [d.g.rows, d.g.cols]),
		y: tf.tensor2d(y3, [d.y.length, 3])
	};
}

/**
 * Trains with Adam on the pinball loss. The number of epochs follows the data size (about the same number of
 * gradient steps whatever the size, within bounds), and training stops early when the validation loss stalls.
 */
export async function fitNetwork(
	model: tf.LayersModel,
	train: FitData,
	validation: FitData,
	options: FitOptions = {}
): Promise<{ epochs: number; loss: number; valLoss: number }> {
	const n = train.y.length;
	const batchSize = n > 200_000 ? 2048 : n > 20_000 ? 512 : 128;
	const stepsPerEpoch = Math.ceil(n / batchSize);
	const epochs = Math.max(3, Math.min(options.maxEpochs ?? 150, Math.round(3000 / stepsPerEpoch)));
	model.compile({ optimizer: tf.train.adam(n > 200_000 ? 2e-3 : 3e-3), loss: pinballLoss });
	const t = tensors(train);
	const v = tensors(validation);
	let last = { epochs: 0, loss: NaN, valLoss: NaN };
	// The weights of the epoch with the lowest validation loss are kept, and training stops when it has not improved
	// for a while. Epochs run one at a time over a seeded permutation, so that the same data give the same model.
	let best = { valLoss: Infinity, weights: [] as tf.Tensor[], epoch: 0 };
	const patience = epochs > 20 ? 20 : 3;
	const random = seededRandom(options.seed ?? 20_261_128);
	const order = Int32Array.from({ length: n }, (_, i) => i);
	try {
		for (let epoch = 1; epoch <= epochs; epoch++) {
			for (let i = n - 1; i > 0; i--) {
				const j = random.int(0, i);
				[order[i], order[j]] = [order[j] as number, order[i] as number];
			}
			const idx = tf.tensor1d(order, 'int32');
			const [xs, gs, ys] = [tf.gather(t.x, idx), tf.gather(t.g, idx), tf.gather(t.y, idx)];
			try {
				const h = await model.fit([xs, gs], ys, { batchSize, epochs: 1, shuffle: false, verbose: 0, validationData: [[v.x, v.g], v.y] });
				last = { epochs: epoch, loss: Number(h.history.loss?.[0] ?? NaN), valLoss: Number(h.history.val_loss?.[0] ?? NaN) };
			} finally {
				tf.dispose([idx, xs, gs, ys]);
			}
			if (last.valLoss < best.valLoss - 1e-6) {
				tf.dispose(best.weights);
				best = { valLoss: last.valLoss, weights: model.getWeights().map((w) => w.clone()), epoch };
			}
			options.onEpoch?.(epoch, epochs, last.loss, last.valLoss);
			if (epoch - best.epoch >= patience) break;
		}
		if (best.weights.length) model.setWeights(best.weights);
	} finally {
		tf.dispose([t.x, t.g, t.y, v.x, v.g, v.y, ...best.weights]);
	}
	return { ...last, valLoss: best.valLoss };
}

/**
 * Predicts the three quantiles for many rows with every branch input at zero (no branch shift); callers add the
 * reference or a branch's own shift. Works in chunks so that a million rows never sit in one tensor.
 */
export function predictQuantiles(model: tf.LayersModel, x: Matrix, groups: number, shifts?: Float32Array): Float32Array {
	const out = new Float32Array(x.rows * 3);
	const chunk = 65_536;
	for (let start = 0; start < x.rows; start += chunk) {
		const rows = Math.min(chunk, x.rows - start);
		const part = tf.tidy(() => {
			const xs = tf.tensor2d(x.data.subarray(start * x.cols, (start + rows) * x.cols), [rows, x.cols]);
			const gs = tf.zeros([rows, Math.max(1, groups)]);
			return (model.predict([xs, gs]) as tf.Tensor).dataSync() as Float32Array;
		});
		out.set(part, start * 3);
	}
	if (shifts) for (let i = 0; i < x.rows; i++) for (let q = 0; q < 3; q++) out[i * 3 + q] = (out[i * 3 + q] as number) + (shifts[i] as number);
	return out;
}

/** The learned shift of each branch (in scaled units), in the order of the branch input. */
export function branchEffects(model: tf.LayersModel): Float32Array {
	const [kernel] = model.getLayer('branch_effect').getWeights();
	return kernel ? (kernel.dataSync() as Float32Array).slice() : new Float32Array();
}
