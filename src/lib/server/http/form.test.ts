import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formCheckbox, formList, formObject, formText, pageNumber, parseForm, readForm } from './form';

function form(entries: [string, string | Blob][]): FormData {
	const f = new FormData();
	for (const [k, v] of entries) f.append(k, v);
	return f;
}

describe('forms read through a schema', () => {
	it('give one value as a string, repeated values as a list, and leave files out', () => {
		const f = form([
			['a', 'x'],
			['b', '1'],
			['b', '2'],
			['file', new Blob(['data'])]
		]);
		expect(formObject(f)).toEqual({ a: 'x', b: ['1', '2'] });
	});

	it('read missing text as empty, lists as [], and a checkbox as on only when sent', () => {
		const schema = z.object({ name: formText(z.string().trim()), roles: formList(z.string()), on: formCheckbox, off: formCheckbox });
		expect(readForm(schema, form([['on', 'on']]))).toEqual({ name: '', roles: [], on: true, off: false });
		expect(
			readForm(
				schema,
				form([
					['name', '  li  '],
					['name', 'second'],
					['roles', 'leader']
				])
			)
		).toEqual({ name: 'li', roles: ['leader'], on: false, off: false });
	});

	it('refuse what the schema refuses', () => {
		const schema = z.object({ id: formText(z.coerce.number().int()) });
		expect(parseForm(schema, form([['id', '12']]))).toMatchObject({ success: true, data: { id: 12 } });
		expect(parseForm(schema, form([['id', '1.5']])).success).toBe(false);
		expect(parseForm(schema, form([['id', 'abc']])).success).toBe(false);
	});
});

describe('pageNumber', () => {
	it('takes a whole page number from 0 and reads anything else as the first page', () => {
		const page = (v: string) => pageNumber(new URLSearchParams({ page: v }));
		expect(page('3')).toBe(3);
		expect(['-1', '1e309', 'Infinity', 'NaN', '1.5', 'x', '9007199254740993'].map(page)).toEqual([0, 0, 0, 0, 0, 0, 0]);
		expect(pageNumber(new URLSearchParams())).toBe(0);
	});
});
