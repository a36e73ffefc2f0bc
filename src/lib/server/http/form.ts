import { z } from 'zod';

/** A form's text fields as one object: a name sent once gives a string, a name sent several times a list. Files are left out. */
export function formObject(form: FormData): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [key, value] of form) {
		if (typeof value !== 'string') continue;
		const seen = out[key];
		out[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
	}
	return out;
}

/** Checks a form against a schema built from the field helpers below. */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData): z.ZodSafeParseResult<z.output<S>> {
	return schema.safeParse(formObject(form));
}

const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);

/** One text field: its first value, '' when it was not sent (as `form.get(name) ?? ''` did), then checked by `inner`. */
export function formText(): z.ZodPreprocess<z.ZodString>;
export function formText<T extends z.ZodType>(inner: T): z.ZodPreprocess<T>;
export function formText(inner: z.ZodType = z.string()) {
	return z.preprocess((v) => first(v) ?? '', inner);
}

/** A field sent any number of times (checkboxes of one name): every value, [] when none. */
export function formList<T extends z.ZodType>(item: T): z.ZodPreprocess<z.ZodArray<T>> {
	return z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item));
}

/** A checkbox: on when the browser sent 'on'. */
export const formCheckbox = z.preprocess((v) => first(v) === 'on', z.boolean());

/** For a schema every form passes (each field has its default): the values, with no failure to handle. */
export function readForm<S extends z.ZodType>(schema: S, form: FormData): z.output<S> {
	return schema.parse(formObject(form));
}

/** Checks a query string against a schema (each parameter's first value). */
export function parseQuery<S extends z.ZodType>(params: URLSearchParams, schema: S): z.ZodSafeParseResult<z.output<S>> {
	return schema.safeParse(Object.fromEntries(Array.from(params.keys(), (k) => [k, params.get(k) ?? ''])));
}

/**
 * The page number of a paged list: a whole number from 0, anything else (`-1`, `1e309`, `Infinity`) the first page,
 * as a hand-edited link should still show the list.
 */
export function pageNumber(params: URLSearchParams): number {
	const n = Number(params.get('page') ?? 0);
	return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}
