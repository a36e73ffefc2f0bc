import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { getDatabase } from '$lib/server/db';
import { getCatalog } from '$lib/server/catalog';
import { getUpload, profileRulesSchema, startImportJob } from '$lib/server/import';
import { FIELDS } from '$lib/domain/case-schema';
import { PUBLICATION_FIELDS, type PublicationKey } from '$lib/domain/publication-schema';
import type { RequestHandler } from './$types';
import { errorBody, msg } from '$lib/i18n';

const keys = FIELDS.map((f) => f.key) as [string, ...string[]];
const publicationKeys = PUBLICATION_FIELDS.map((f) => f.key) as [PublicationKey, ...PublicationKey[]];
const body = z.object({
	upload: z.string(),
	kind: z.enum(['cases', 'roster', 'publications']).default('cases'),
	encoding: z.string().optional(),
	mapping: z.record(z.string(), z.enum(keys).nullable()).optional(),
	rules: profileRulesSchema.optional(),
	saveProfileAs: z.string().max(100).optional(),
	/** A publicity list's columns as the analyst corrected them. */
	publicationMapping: z.record(z.string(), z.enum(publicationKeys).nullable()).optional()
});

/** Starts importing an uploaded file; the page then polls the job. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const parsed = body.safeParse(await request.json().catch(() => null));
	if (!parsed.success) return json({ ...errorBody(msg('err.import.badRequest')), issues: parsed.error.issues }, { status: 400 });
	const upload = getUpload(parsed.data.upload);
	if (!upload) return json(errorBody(msg('err.import.noUpload')), { status: 404 });
	const job = startImportJob(await getDatabase(), getCatalog(), upload.path, parsed.data.kind, {
		user: locals.user?.username ?? 'unknown',
		fileName: upload.name,
		encoding: parsed.data.encoding || undefined,
		mapping: parsed.data.mapping as Record<string, (typeof FIELDS)[number]['key'] | null> | undefined,
		rules: parsed.data.rules,
		saveProfileAs: parsed.data.saveProfileAs || undefined,
		publicationMapping: parsed.data.publicationMapping
	});
	return json({ job: job.id }, { status: 202 });
};
