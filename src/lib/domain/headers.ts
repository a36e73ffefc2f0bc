import { FIELDS, type CaseKey } from './case-schema';
import type { MoneyUnit } from './cell-values';

/**
 * Mapping an export's headers to the dictionary's keys. Full-width and half-width forms, spaces and a unit in
 * brackets are normalised; a money unit in the header sets the unit of the column.
 */

/** The comparable form of a header: NFKC, no spaces or stars, lower case. */
export function normalizeHeader(h: string): string {
	return h
		.normalize('NFKC')
		.replace(/[\s*＊:：]/g, '')
		.replace(/^\uFEFF/, '')
		.toLowerCase();
}

const UNIT_SUFFIX = /\((万元|元)\)$|[(（]?(万元)[)）]?$/;

function splitUnit(normalized: string): { base: string; unit: MoneyUnit | null } {
	const m = UNIT_SUFFIX.exec(normalized);
	if (!m) return { base: normalized, unit: null };
	return { base: normalized.slice(0, m.index), unit: (m[1] ?? m[2]) === '万元' ? 'wan' : 'yuan' };
}

interface HeaderEntry {
	key: CaseKey;
	/** The unit the header itself says, e.g. 罚款金额(万元). */
	unit: MoneyUnit | null;
}

function buildLookup(fields: readonly { key: string; header: string; aliases: readonly string[] }[]): Map<string, HeaderEntry> {
	const map = new Map<string, HeaderEntry>();
	for (const f of fields) {
		for (const h of [f.header, ...f.aliases]) {
			const n = normalizeHeader(h);
			const { base, unit } = splitUnit(n);
			map.set(n, { key: f.key as CaseKey, unit });
			if (!map.has(base)) map.set(base, { key: f.key as CaseKey, unit: null });
		}
	}
	return map;
}

const CASE_LOOKUP = buildLookup(FIELDS);

export interface MappedColumn {
	index: number;
	header: string;
	/** The dictionary key, or null for a column the dictionary does not know (kept raw, offered for mapping). */
	key: CaseKey | null;
	unit: MoneyUnit | null;
	/** Why a column was left unmapped although its name matched (e.g. a second column for the same key). */
	note?: string;
}

/** Maps each header to a key; the first column wins when two name the same key. */
export function mapHeaders(headers: readonly string[]): MappedColumn[] {
	const taken = new Set<CaseKey>();
	return headers.map((header, index) => {
		const n = normalizeHeader(header);
		const { base, unit } = splitUnit(n);
		const hit = CASE_LOOKUP.get(n) ?? CASE_LOOKUP.get(base);
		if (!hit) return { index, header, key: null, unit: null };
		if (taken.has(hit.key)) return { index, header, key: null, unit: null, note: `与前面的列重复对应「${hit.key}」` };
		taken.add(hit.key);
		return { index, header, key: hit.key, unit: hit.unit ?? unit };
	});
}

/** How many of a row's cells look like case headers: used to find the header row below title rows. */
export function headerScore(cells: readonly string[]): number {
	return cells.filter((c) => c.trim() !== '' && (CASE_LOOKUP.has(normalizeHeader(c)) || CASE_LOOKUP.has(splitUnit(normalizeHeader(c)).base))).length;
}
