import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { dataChanged, getDatabase } from '$lib/server/db';
import { deleteProfile, listBatches, listProfiles, listPublicationProfiles, undoBatch, UndoError, uploadLimit } from '$lib/server/import';
import { formText, readForm } from '$lib/server/http/form';
import { translator } from '$lib/i18n';
import { getCatalog } from '$lib/server/catalog';
import type { Actions, PageServerLoad } from './$types';

// A number that is not a batch is refused by undoBatch with its own message, as before.
const undoForm = z.object({ id: formText().transform(Number) });

const profileForm = z.object({ name: formText() });

export const load: PageServerLoad = async ({ locals }) => {
	const db = await getDatabase();
	const cases = (await listProfiles(db)).map((p) => ({
		name: p.name,
		kind: 'cases' as const,
		columns: p.headersKey.split('|').length,
		mapped: Object.values(p.mapping).filter((k) => k !== null).length,
		headerRow: p.headerRow,
		constants: p.constants,
		recodes: p.recodes
	}));
	// A publicity list's profile maps columns only: it has no constants or recodes to show.
	const lists = (await listPublicationProfiles(db)).map((p) => ({
		name: p.name,
		kind: 'publications' as const,
		columns: p.headersKey.split('|').length,
		mapped: Object.values(p.mapping).filter((k) => k !== null).length,
		headerRow: p.headerRow,
		constants: {},
		recodes: {}
	}));
	const profiles = [...cases, ...lists].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	return {
		batches: await listBatches(db, 100),
		profiles,
		uploadLimit: uploadLimit(),
		// For a publicity list's violation texts: the items to match them to, and whether this user may confirm (analysts, as on /peers).
		items: getCatalog().items.map((i) => ({ code: i.code, name: i.name })),
		canConfirm: locals.user?.roles.includes('analyst') ?? false
	};
};

export const actions: Actions = {
	deleteProfile: async ({ request, locals }) => {
		if (!locals.user) error(401, 'sign in');
		const { name } = readForm(profileForm, await request.formData());
		if (!(await deleteProfile(await getDatabase(), name, locals.user.username))) return fail(404, { profileDeleted: null });
		return { profileDeleted: name };
	},
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
