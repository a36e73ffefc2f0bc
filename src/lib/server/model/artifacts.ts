import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { initBackend, tf } from './backend';
import { DiscretionModel, type ModelMeta, type TrainedCatalog } from './discretion';
import type { Evaluation } from './evaluate';
import './network'; // registers the custom head layer before any model is loaded
import { LocalizedError } from '../../i18n/error';
import { msg, type Text } from '../../i18n/message';

/**
 * A model on disk, `models/<version>/`: `model.json` (topology and weight specs), `weights.bin`, `meta.json`
 * (input scaling, branches, calibration, measured coverage) and `card.json` (the model card). Saved through
 * tf.io.withSaveHandler and loaded through tf.io.fromMemory, which work on every backend.
 */

export interface ModelCard {
	version: string;
	created_at: string;
	backend: string;
	training: ModelMeta['training'];
	coverage: { level: number; measured: number | null }[];
	reference_shift: number;
	drift_tolerance: number;
	evaluation: Evaluation | null;
	/** The catalog version it was trained under (null: trained before catalog versions). */
	catalog?: TrainedCatalog | null;
}

export const DEFAULT_MODEL_DIR = 'models/default';
const CURRENT_FILE = 'models/CURRENT';

export function modelCard(meta: ModelMeta, evaluation: Evaluation | null): ModelCard {
	return {
		version: meta.version,
		created_at: meta.created_at,
		backend: meta.backend,
		training: meta.training,
		coverage: [50, 80, 90, 95].map((l) => ({ level: l / 100, measured: meta.coverage[String(l)] ?? null })),
		reference_shift: meta.reference_shift,
		drift_tolerance: meta.drift_tolerance,
		evaluation,
		catalog: meta.catalog ?? null
	};
}

function weightBytes(data: tf.io.WeightData | undefined): Uint8Array {
	if (!data) return new Uint8Array();
	const parts = Array.isArray(data) ? data : [data];
	const total = parts.reduce((s, p) => s + p.byteLength, 0);
	const out = new Uint8Array(total);
	let at = 0;
	for (const p of parts) {
		out.set(new Uint8Array(p), at);
		at += p.byteLength;
	}
	return out;
}

/** Writes the model into `dir` (replacing it whole: files go to a temporary folder that is renamed at the end). */
export async function saveModel(model: DiscretionModel, dir: string, card: ModelCard): Promise<void> {
	const target = resolve(dir);
	const tmp = `${target}.tmp-${process.pid}`;
	rmSync(tmp, { recursive: true, force: true });
	mkdirSync(tmp, { recursive: true });
	await model.network.save(
		tf.io.withSaveHandler(async (artifacts) => {
			writeFileSync(
				join(tmp, 'model.json'),
				JSON.stringify({ modelTopology: artifacts.modelTopology, weightSpecs: artifacts.weightSpecs, format: 'layers-model' })
			);
			writeFileSync(join(tmp, 'weights.bin'), weightBytes(artifacts.weightData));
			return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
		})
	);
	writeFileSync(join(tmp, 'meta.json'), JSON.stringify(model.meta));
	writeFileSync(join(tmp, 'card.json'), JSON.stringify(card, null, 1));
	rmSync(target, { recursive: true, force: true });
	mkdirSync(resolve(target, '..'), { recursive: true });
	renameSync(tmp, target);
}

/** Printed by the commands in both languages, as it always was. */
export class ModelMissingError extends LocalizedError {
	constructor(text: Text) {
		super(text, { bilingual: ' / ' });
	}
}

export async function loadModel(dir: string): Promise<DiscretionModel> {
	const files = ['model.json', 'weights.bin', 'meta.json'].map((f) => join(dir, f));
	const missing = files.filter((f) => !existsSync(f));
	if (missing.length) throw new ModelMissingError(msg('err.model.missing', { files: missing.join('、') }));
	await initBackend();
	const json = JSON.parse(readFileSync(files[0] as string, 'utf8')) as {
		modelTopology: tf.io.ModelArtifacts['modelTopology'];
		weightSpecs: tf.io.WeightsManifestEntry[];
	};
	const bytes = readFileSync(files[1] as string);
	const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
	const network = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightSpecs, weightData }));
	const meta = JSON.parse(readFileSync(files[2] as string, 'utf8')) as ModelMeta;
	return new DiscretionModel(network, meta);
}

export function readCard(dir: string): ModelCard | null {
	const f = join(dir, 'card.json');
	return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as ModelCard) : null;
}

/**
 * The model the product uses: `EQUITAS_MODEL` if set, else the one `models/CURRENT` names (set by the last
 * training), else the default model that ships with the product.
 */
export function activeModelDir(explicit?: string): string {
	if (explicit) return explicit;
	if (process.env.EQUITAS_MODEL) return process.env.EQUITAS_MODEL;
	if (existsSync(CURRENT_FILE)) {
		const name = readFileSync(CURRENT_FILE, 'utf8').trim();
		if (name && existsSync(join('models', name, 'model.json'))) return join('models', name);
	}
	return DEFAULT_MODEL_DIR;
}

/** Makes a trained model the one the product uses. */
export function activateModel(dir: string): void {
	const rel = resolve(dir).startsWith(resolve('models') + '/') ? resolve(dir).slice(resolve('models').length + 1) : null;
	if (!rel) return;
	mkdirSync('models', { recursive: true });
	writeFileSync(CURRENT_FILE, rel + '\n');
}
