import { error, fail } from '@sveltejs/kit';
import { dataChanged, getDatabase } from '$lib/server/db';
import { listBatches, undoBatch, UndoError, uploadLimit } from '$lib/server/import';
import { translator } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ batches: await listBatches(await getDatabase(), 100), uploadLimit: uploadLimit() });

export const actions: Actions = {
	undo: async ({ request, locals }) => {
		if (!locals.user) error(401, 'sign in');
		const t = translator(locals.locale);
		const id = Number((await request.formData()).get('id'));
		try {
			const r = await undoBatch(await getDatabase(), id, locals.user.username);
			dataChanged();
			return { undone: t('import.batch.undoneOk', { id, ...r }) };
		} catch (e) {
			if (e instanceof UndoError) return fail(400, { undoError: e.msg });
			throw e;
		}
	}
};
