import { z } from 'zod';
import type { PublishedFilter } from '$lib/server/publicity';
import { parseQuery } from '$lib/server/http/form';

/** A date or nothing: a hand-edited bad date shows the list unfiltered by it rather than an error. */
const isoDate = z.iso.date().optional().catch(undefined);

const publishedQuery = z.object({
	q: z
		.string()
		.trim()
		.transform((v) => v.slice(0, 60) || undefined)
		.optional(),
	from: isoDate,
	to: isoDate,
	ended: z
		.string()
		.optional()
		.transform((v) => v === '1')
});

/** The published list's filter from a URL; the page and its exports read the same one. */
export function publishedFilter(params: URLSearchParams): PublishedFilter {
	const parsed = parseQuery(params, publishedQuery);
	const f = parsed.success ? parsed.data : { q: undefined, from: undefined, to: undefined, ended: false };
	return { q: f.q, from: f.from, to: f.to, includeEnded: f.ended };
}
