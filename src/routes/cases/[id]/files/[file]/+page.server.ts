import { error } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { getCase } from '$lib/server/cases';
import { getCatalog } from '$lib/server/catalog';
import { documentsOf, getDocument, viewerFor } from '$lib/server/files';
import { fileRow } from '$lib/server/files/case-view';
import { ACCEPTED_EXTENSIONS, mayAddFiles, mayOpenFiles, versionChain } from '$lib/domain/case-file';
import { maskCase } from '$lib/domain/masking';
import type { PageServerLoad } from './$types';

/** One document of a case file: its record, its versions newest first, a preview, and a correction for those who may file. */
export const load: PageServerLoad = async ({ params, locals }) => {
	const db = await getDatabase();
	const doc = await getDocument(db, Number(params.file));
	if (!doc || doc.case_id !== params.id) error(404, 'not found');
	const c = await getCase(db, doc.agency, doc.case_id);
	if (!c) error(404, 'not found');
	const viewer = await viewerFor(db, locals.user);
	const all = await documentsOf(db, doc.agency, doc.case_id);
	const chain = versionChain(all, doc.id);
	const shown = maskCase(c, viewer);
	return {
		case: { agency: c.agency ?? '', case_id: c.case_id ?? '', party_name: shown.party_name, item_name: c.item_name },
		file: fileRow(doc, all, viewer, c),
		versions: chain.map((d) => fileRow(d, all, viewer, c)),
		current: chain[0]?.id === doc.id,
		mayOpen: mayOpenFiles(viewer, c),
		mayCorrect: mayAddFiles(viewer, c),
		types: getCatalog().document_types,
		accept: ACCEPTED_EXTENSIONS.join(',')
	};
};
