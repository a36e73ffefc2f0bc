import type { z } from 'zod';

/**
 * A submitted form as a plain object for a zod schema: a field sent once is a string, one sent several times (a
 * checkbox list) an array; files are left out, as no form action here takes one.
 */
export function formObject(form: FormData): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const key of new Set(form.keys())) {
		const values = form.getAll(key).filter((v): v is string => typeof v === 'string');
		out[key] = values.length === 1 ? values[0]! : values;
	}
	return out;
}

/** Parses a form with a schema; the result is zod's, so the caller decides how to answer a bad form. */
export function parseForm<S extends z.ZodType>(form: FormData, schema: S): z.ZodSafeParseResult<z.infer<S>> {
	return schema.safeParse(formObject(form));
}

/** Parses the query string with a schema (each parameter's first value). */
export function parseQuery<S extends z.ZodType>(params: URLSearchParams, schema: S): z.ZodSafeParseResult<z.infer<S>> {
	return schema.safeParse(Object.fromEntries(Array.from(params.keys(), (k) => [k, params.get(k) ?? ''])));
}
