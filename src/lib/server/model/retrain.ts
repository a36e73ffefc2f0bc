import { join } from 'node:path';
import type { Catalog } from '../../domain/catalog';
import type { Database } from '../db';
import { appendAudit } from '../audit/log';
import { activateModel, modelCard, saveModel } from './artifacts';
import { trainDiscretion } from './train';

/**
 * Retraining from the web page: one training at a time, in this process (the database file can be open in only
 * one process, so a command-line training cannot run beside the server). The new model goes to models/<version>/
 * and is used from the next suggestion on; the previous ones stay on disk.
 */

export interface RetrainJob {
	state: 'running' | 'done' | 'failed';
	startedAt: number;
	finishedAt: number | null;
	user: string;
	version: string | null;
	error: string | null;
}

let job: RetrainJob | null = null;

export function retrainJob(): RetrainJob | null {
	return job;
}

export function startRetrain(db: Database, catalog: Catalog, user: string): RetrainJob {
	if (job?.state === 'running') return job;
	const current: RetrainJob = { state: 'running', startedAt: Date.now(), finishedAt: null, user, version: null, error: null };
	job = current;
	void (async () => {
		try {
			const { model, evaluation } = await trainDiscretion(db, catalog);
			const dir = join('models', model.version);
			await saveModel(model, dir, modelCard(model.meta, evaluation));
			activateModel(dir);
			model.network.dispose();
			current.version = model.version;
			current.state = 'done';
			await appendAudit(db, {
				actor: user,
				action: 'model-trained',
				targetType: 'model',
				targetId: model.version,
				detail: { cases: model.meta.training.cases }
			});
		} catch (e) {
			current.state = 'failed';
			current.error = e instanceof Error ? e.message : String(e);
		} finally {
			current.finishedAt = Date.now();
		}
	})();
	return current;
}
