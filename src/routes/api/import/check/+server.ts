import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { getDatabase } from '$lib/server/db';
import { checkMapping, profileRulesSchema, UnreadableFileError } from '$lib/server/import';
import { FIELDS, type CaseKey } from '$lib/domain/case-schema';
import type { RequestHandler } from './$types';
import { errorBody, msg } from '$lib/i18n';

const keys = FIELDS.map((f) => f.key) as [CaseKey, ...CaseKey[]];
const body = z.object({ upload: z.string(), mapping: z.record(z.string(), z.enum(keys).nullable()), rules: profileRulesSchema });

/** How many rows would lack a required field under the mapping the analyst is about to import with. */
export const POST: RequestHandler = async ({ request }) => {
	const parsed = body.safeParse(await request.json().catch(() => null));
	if (!parsed.success) return json({ ...errorBody(msg('err.import.badRequest')), issues: parsed.error.issues }, { status: 400 });
	try {
		return json(await checkMapping(await getDatabase(), parsed.data.upload, parsed.data.mapping, parsed.data.rules));
	} catch (e) {
		if (e instanceof UnreadableFileError) return json(errorBody(e.msg), { status: 422 });
		throw e;
	}
};
