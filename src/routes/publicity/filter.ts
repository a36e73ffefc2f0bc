import type { PublishedFilter } from '$lib/server/publicity';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The published list's filter from a URL; the page and its exports read the same one. */
export function publishedFilter(params: URLSearchParams): PublishedFilter {
	const date = (k: string) => {
		const v = params.get(k) ?? '';
		return ISO.test(v) ? v : undefined;
	};
	return { q: params.get('q')?.trim().slice(0, 60) || undefined, from: date('from'), to: date('to'), includeEnded: params.get('ended') === '1' };
}
