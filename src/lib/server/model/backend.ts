import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/**
 * Chooses the TensorFlow.js backend at run time: the native `tensorflow` backend when @tensorflow/tfjs-node
 * installed (it needs a download that closed networks refuse, so it is optional), else WebAssembly, else plain
 * JavaScript. A backend is kept only if a gradient step of the model's own operations works on it: the wasm
 * backend lacks some gradients, and a backend that cannot train must not be found out halfway through training.
 */

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

let chosen: Promise<BackendName> | null = null;

async function tryNative(): Promise<boolean> {
	try {
		// A variable specifier keeps bundlers and the type checker from requiring the optional package.
		const specifier = '@tensorflow/tfjs-node';
		await import(/* @vite-ignore */ specifier);
		return await tf.setBackend('tensorflow');
	} catch {
		return false;
	}
}

async function tryWasm(): Promise<boolean> {
	// The Emscripten runtime installs process-wide handlers that rethrow every later error from inside its own
	// minified source (so a crash report shows pages of it); the process's own handling is kept instead.
	const uncaught = new Set(process.listeners('uncaughtException'));
	const rejection = new Set(process.listeners('unhandledRejection'));
	try {
		const require = createRequire(import.meta.url);
		setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/');
		return await tf.setBackend('wasm');
	} catch {
		return false;
	} finally {
		for (const l of process.listeners('uncaughtException')) if (!uncaught.has(l)) process.removeListener('uncaughtException', l);
		for (const l of process.listeners('unhandledRejection')) if (!rejection.has(l)) process.removeListener('unhandledRejection', l);
	}
}

/** One gradient step through the operations of the quantile network and its pinball loss. */
function canTrain(): boolean {
	try {
		const w = tf.variable(tf.tensor2d([[0.1, -0.2, 0.3]]));
		const x = tf.tensor2d([[1], [2]]);
		const y = tf.tensor2d([[0.5], [1]]);
		const { grads, value } = tf.variableGrads(() => {
			const raw = tf.matMul(x, w);
			const [m, d1, d2] = tf.split(raw, 3, 1) as [tf.Tensor, tf.Tensor, tf.Tensor];
			const q = tf.concat([tf.sub(m, tf.softplus(d1)), m, tf.add(m, tf.softplus(d2))], 1);
			const e = tf.sub(y, q);
			return tf.mean(tf.maximum(tf.mul(e, 0.1), tf.mul(e, -0.9))) as tf.Scalar;
		});
		const ok = Object.values(grads).every((g) => g.dataSync().every(Number.isFinite)) && Number.isFinite(value.dataSync()[0]);
		tf.dispose([w, x, y, value, ...Object.values(grads)]);
		return ok;
	} catch {
		return false;
	}
}

async function choose(preferred?: string): Promise<BackendName> {
	const order: BackendName[] = ['tensorflow', 'wasm', 'cpu'];
	const start = preferred && (order as string[]).includes(preferred) ? order.indexOf(preferred as BackendName) : 0;
	for (const name of order.slice(start)) {
		const ready = name === 'tensorflow' ? await tryNative() : name === 'wasm' ? await tryWasm() : await tf.setBackend('cpu');
		if (ready && canTrain()) return name;
	}
	throw new Error('没有可用的 TensorFlow.js 计算后端 / no TensorFlow.js backend can train here');
}

/** The backend in use, chosen once per process. `EQUITAS_TF_BACKEND` may name a preferred one (e.g. cpu in tests). */
export function initBackend(): Promise<BackendName> {
	chosen ??= choose(process.env.EQUITAS_TF_BACKEND);
	return chosen;
}

export { tf };
