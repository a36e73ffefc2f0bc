import { fail } from '@sveltejs/kit';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDatabase } from '$lib/server/db';
import { getCatalog } from '$lib/server/catalog';
import { filterOptions } from '$lib/server/cases';
import { DocumentListError, evaluateCaseFiles, importDocumentList } from '$lib/server/files';
import { clientAddress } from '$lib/server/http/request-meta';
import type { Actions, PageServerLoad } from './$types';
import { msg } from '$lib/i18n';

/** Case-file evaluation (案卷评查) by branch, the incomplete case files, and the import of document lists. */

const SHOWN = 500;

export const load: PageServerLoad = async ({ url, locals }) => {
	const db = await getDatabase();
	const options = await filterOptions(db);
	const year = Number(url.searchParams.get('year')) || undefined;
	const department = url.searchParams.get('department') || undefined;
	const e = await evaluateCaseFiles(db, getCatalog(), { year: year && options.years.includes(year) ? year : undefined, department });
	return {
		filter: { year: year ?? '', department: department ?? '' },
		options: { years: options.years, departments: options.departments },
		branches: e.branches,
		totals: e.totals,
		incomplete: e.incomplete.slice(0, SHOWN),
		incompleteTotal: e.incomplete.length,
		mayImport: locals.user?.roles.includes('analyst') ?? false
	};
};

export const actions: Actions = {
	importList: async (event) => {
		const form = await event.request.formData();
		const file = form.get('list');
		if (!(file instanceof File) || file.size === 0) return fail(400, { listError: msg('err.file.listChoose') });
		// Document lists are metadata, small next to the documents: the form hands the file over whole.
		const dir = mkdtempSync(join(tmpdir(), 'equitas-list-'));
		try {
			const path = join(dir, 'list.csv');
			writeFileSync(path, Buffer.from(await file.arrayBuffer()));
			const result = await importDocumentList(
				await getDatabase(),
				getCatalog(),
				path,
				event.locals.user?.username ?? 'unknown',
				clientAddress(event),
				file.name
			);
			return { list: result };
		} catch (e) {
			if (e instanceof DocumentListError) return fail(400, { listError: e.msg });
			throw e;
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}
};
