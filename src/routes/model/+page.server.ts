import { getDatabase } from '$lib/server/db';
import { getCatalog } from '$lib/server/catalog';
import { activeModelDir, readCard, retrainJob, currentSuggester, startRetrain, modelCatalogStatus } from '$lib/server/model';
import { decide } from '$lib/domain/roles';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const dir = activeModelDir();
	let error: string | null = null;
	// Loading the suggester verifies that the model on disk actually loads, not only that a card exists.
	await currentSuggester(await getDatabase(), getCatalog()).catch((e: unknown) => (error = e instanceof Error ? e.message : String(e)));
	const job = retrainJob();
	const card = readCard(dir);
	return {
		card,
		itemNames: Object.fromEntries(getCatalog().items.map((i) => [i.code, i.name])) as Record<string, string>,
		catalog: await modelCatalogStatus(await getDatabase(), card),
		error,
		job: job ? { ...job, seconds: Math.round(((job.finishedAt ?? Date.now()) - job.startedAt) / 1000) } : null,
		mayRetrain: decide(locals.user?.roles ?? null, '/model', 'POST') === 'allow'
	};
};

export const actions: Actions = {
	retrain: async ({ locals }) => {
		startRetrain(await getDatabase(), getCatalog(), locals.user?.username ?? 'unknown');
		return { started: true };
	}
};
