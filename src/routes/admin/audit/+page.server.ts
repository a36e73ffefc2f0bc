import { z } from 'zod';
import { getDatabase } from '$lib/server/db';
import { auditPage } from '$lib/server/audit';
import { parseQuery } from '$lib/server/http/form';
import { isAuditAction } from '$lib/domain/audit-actions';
import type { PageServerLoad } from './$types';

const PAGE = 50;

/** Every filter falls back to "none" when it does not parse, as a hand-edited link should still show the log. */
const auditQuery = z.object({
	actor: z
		.string()
		.trim()
		.transform((v) => v || undefined)
		.optional(),
	action: z
		.string()
		.optional()
		.transform((v) => (isAuditAction(v ?? null) ? v : undefined)),
	from: z.iso.date().optional().catch(undefined),
	to: z.iso.date().optional().catch(undefined),
	page: z.coerce.number().int().min(0).catch(0).default(0)
});

export const load: PageServerLoad = async ({ url, locals }) => {
	const parsed = parseQuery(url.searchParams, auditQuery);
	const { actor, action, from, to, page } = parsed.success ? parsed.data : auditQuery.parse({});
	// A date "to" includes that whole day.
	const toExclusive = to ? new Date(Date.parse(to) + 86_400_000).toISOString().slice(0, 10) : undefined;
	const { list, check, head, names } = await auditPage(await getDatabase(), locals.user, {
		actor,
		action,
		from,
		to: toExclusive,
		limit: PAGE,
		offset: page * PAGE
	});
	return { list, check, head, names, filter: { actor: actor ?? '', action: action ?? '', from: from ?? '', to: to ?? '' }, page, pageSize: PAGE };
};
