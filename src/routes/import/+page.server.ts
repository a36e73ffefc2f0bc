import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { dataChanged, getDatabase } from '$lib/server/db';
import { listBatches, undoBatch, UndoError, uploadLimit } from '$lib/server/import';
import { formText, readForm } from '$lib/server/http/form';
import { translator } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

// A number that is not a batch is refused by undoBatch with its own message, as before.
const undoForm = z.object({ id: formText().transform(Number) });

export const load: PageServerLoad = async () => ({ batches: await listBatches(await getDatabase(), 100), uploadLimit: uploadLimit() });

export const actions: Actions = {
	undo: async ({ request, locals }) => {
		if (!locals.user) error(401, 'sign in');
		const t = translator(locals.locale);
		const { id } = readForm(undoForm, await request.formData());
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
