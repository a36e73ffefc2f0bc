import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIELDS } from './case-schema';

/** docs/DATA-DICTIONARY.md explains FIELDS to people; this keeps it from drifting away from the code. */
const doc = readFileSync(new URL('../../../docs/DATA-DICTIONARY.md', import.meta.url), 'utf8');

interface DocRow {
	key: string;
	header: string;
	aliases: string[];
	type: string;
	required: string;
	sensitive: boolean;
	values: string[];
	group: string | null;
}

const codes = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

/** Rows of the field tables (first cell a `key`), each with the group named by the heading above it. */
function documentedFields(text: string): DocRow[] {
	const rows: DocRow[] = [];
	let group: string | null = null;
	for (const line of text.split('\n')) {
		const heading = /^## .*\(`(\w+)`\)\s*$/.exec(line);
		if (heading) group = heading[1]!;
		else if (line.startsWith('## ')) group = null;
		const cells = line.split('|').map((c) => c.trim());
		if (cells.length < 10 || !/^`\w+`$/.test(cells[1]!)) continue;
		rows.push({
			key: cells[1]!.slice(1, -1),
			header: cells[2]!,
			aliases: codes(cells[3]!),
			type: cells[4]!,
			required: cells[5]!,
			sensitive: cells[6] === 'yes',
			values: codes(cells[7]!),
			group
		});
	}
	return rows;
}

describe('docs/DATA-DICTIONARY.md', () => {
	const rows = documentedFields(doc);

	it('lists exactly the keys of FIELDS, once each, with their Chinese headers', () => {
		expect(rows.map((r) => r.key).sort()).toEqual(FIELDS.map((f) => f.key).sort());
		expect(Object.fromEntries(rows.map((r) => [r.key, r.header]))).toEqual(Object.fromEntries(FIELDS.map((f) => [f.key, f.header])));
	});

	it('gives every field the aliases, type, requirement, masking, values and group of case-schema.ts', () => {
		const byKey = new Map(rows.map((r) => [r.key, r]));
		for (const f of FIELDS) {
			expect(byKey.get(f.key), f.key).toEqual({
				key: f.key,
				header: f.header,
				aliases: [...f.aliases],
				type: f.type,
				required: f.required,
				sensitive: 'sensitive' in f && f.sensitive === true,
				values: 'values' in f ? [...f.values] : [],
				group: f.group
			});
		}
	});
});
