import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { getDatabase } from '$lib/server/db';
import { findProfile, profileKind, updateProfile, UnreadableFileError } from '$lib/server/import';
import { formText, parseForm } from '$lib/server/http/form';
import { msg, translator } from '$lib/i18n';
import { FIELDS, type CaseKey } from '$lib/domain/case-schema';
import { rulesOf } from '../../import-view';
import type { Actions, PageServerLoad } from './$types';

const keys = FIELDS.map((f) => f.key) as [CaseKey, ...CaseKey[]];
const fieldOrBlank = z.union([z.enum(keys), z.literal('')]);

/** What the editor sends: one JSON value, its shape checked here (a hand-made request gets the same message). */
const editSchema = z.object({
	mapping: z.record(z.string().max(500), fieldOrBlank),
	headerRow: z.number().int().min(1).max(20).nullable(),
	constants: z.array(z.object({ key: fieldOrBlank, value: z.string().max(500) })).max(100),
	recodes: z.array(z.object({ key: fieldOrBlank, from: z.string().max(200), to: z.string().max(500) })).max(500)
});
const form = z.object({
	profile: formText(
		z
			.string()
			.transform((s, ctx) => {
				try {
					return JSON.parse(s) as unknown;
				} catch {
					ctx.addIssue({ code: 'custom', message: 'not JSON' });
					return z.NEVER;
				}
			})
			.pipe(editSchema)
	)
});

export const load: PageServerLoad = async ({ params, locals }) => {
	const db = await getDatabase();
	const profile = await findProfile(db, params.name);
	// This editor is for case fields, constants and recodes: a publicity list's profile has none of them.
	if (!profile && (await profileKind(db, params.name)) === 'publications') error(404, translator(locals.locale)('import.profiles.publicationsNote'));
	if (!profile) error(404, 'no such profile');
	return { profile };
};

export const actions: Actions = {
	default: async ({ request, params, locals }) => {
		if (!locals.user) error(401, 'sign in');
		const parsed = parseForm(form, await request.formData());
		if (!parsed.success) return fail(400, { error: msg('err.profile.rules', { detail: parsed.error.issues.map((i) => i.path.join('.')).join('、') }) });
		const edit = parsed.data.profile;
		const mapping = Object.fromEntries(Object.entries(edit.mapping).map(([h, k]) => [h, k === '' ? null : k]));
		try {
			const saved = await updateProfile(
				await getDatabase(),
				params.name,
				{ mapping, rules: rulesOf(edit.headerRow, edit.constants, edit.recodes) },
				locals.user.username
			);
			if (!saved) error(404, 'no such profile');
			return { saved: true };
		} catch (e) {
			if (e instanceof UnreadableFileError) return fail(400, { error: e.msg });
			throw e;
		}
	}
};
