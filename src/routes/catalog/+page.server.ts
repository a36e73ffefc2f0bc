import { fail } from '@sveltejs/kit';
import { relative } from 'node:path';
import { decide } from '$lib/domain/roles';
import { CatalogError } from '$lib/domain/catalog';
import { draftProblems } from '$lib/domain/catalog-diff';
import { catalogPath, CatalogVersionError } from '$lib/server/catalog';
import { catalogPage, checkDraft } from '$lib/server/catalog/editor';
import { publishVersion } from '$lib/server/catalog/publish';
import { getDatabase } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	...(await catalogPage(await getDatabase())),
	file: relative(process.cwd(), catalogPath()),
	mayEdit: decide(locals.user?.roles ?? null, '/catalog', 'POST') === 'allow'
});

/** The draft as the editor posts it: its controls' state, serialised; a draft that is not JSON is a problem like any other. */
async function posted(request: Request) {
	const form = await request.formData();
	const text = String(form.get('draft') ?? '');
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { json, effective: String(form.get('effective') ?? '').trim(), note: String(form.get('note') ?? '').trim() };
}

export const actions: Actions = {
	check: async ({ request }) => {
		const d = await posted(request);
		if (d.json === undefined) return fail(400, { check: { ok: false as const, problems: [{ where: '事项清单', message: '不是有效的 JSON' }] } });
		return { check: await checkDraft(await getDatabase(), d.json, d.effective) };
	},
	publish: async ({ request, locals, getClientAddress }) => {
		const d = await posted(request);
		const problems = d.json === undefined ? [{ where: '事项清单', message: '不是有效的 JSON' }] : draftProblems(d.json);
		if (!d.note) problems.push({ where: '修订说明', message: '请填写修订说明' });
		if (problems.length) return fail(400, { check: { ok: false as const, problems } });
		try {
			const { version } = await publishVersion(await getDatabase(), {
				json: d.json,
				source: '编辑器',
				effective: d.effective,
				note: d.note,
				actor: { username: locals.user?.username ?? 'unknown', ip: getClientAddress() }
			});
			return { published: { version: version.version, effective_from: version.effective_from } };
		} catch (e) {
			if (e instanceof CatalogVersionError || e instanceof CatalogError)
				return fail(400, { check: { ok: false as const, problems: [{ where: '发布', message: e.message }] } });
			throw e;
		}
	}
};
