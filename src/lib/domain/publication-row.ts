import { FIELD_BY_KEY, PENALTY_KINDS } from './case-schema';
import { isBlank, readDate, readEnum, readList, readMoney, trimText, type MoneyUnit } from './cell-values';
import { normalizeHeader } from './headers';
import { cellReason, fieldTerm, type QuarantineReason } from './import-reasons';
import { finesFromText } from './money-text';
import { PUBLICATION_FIELDS, type Publication, type PublicationKey } from './publication-schema';

/** A column of a publicity list: the field it holds (null: kept as it is) and, for money, its unit. */
export interface PublicationColumn {
	index: number;
	header: string;
	key: PublicationKey | null;
	unit: MoneyUnit;
}

const LOOKUP = new Map<string, PublicationKey>(
	PUBLICATION_FIELDS.flatMap((f) => [f.header, ...f.aliases].map((h) => [normalizeHeader(h).replace(/\((万元|元)\)$/, ''), f.key] as const))
);

function keyOf(header: string): PublicationKey | null {
	return LOOKUP.get(normalizeHeader(header).replace(/\((万元|元)\)$/, '')) ?? null;
}

/** How many cells of a row are publicity-list headers: the header row of such a list has at least two. */
export function publicationScore(cells: readonly string[]): number {
	return cells.filter((c) => keyOf(c) !== null).length;
}

export const PUBLICATION_MIN_HEADERS = 2;

/** The columns of a header row; a field is given to its first column only. */
export function publicationColumns(header: readonly string[]): PublicationColumn[] {
	const seen = new Set<PublicationKey>();
	return header.map((h, index) => {
		let key = keyOf(h);
		if (key !== null && seen.has(key)) key = null;
		if (key !== null) seen.add(key);
		return { index, header: h, key, unit: /万元/.test(h.normalize('NFKC')) ? 'wan' : 'yuan' };
	});
}

const PARTY = FIELD_BY_KEY.get('party_type');
const PENALTIES = FIELD_BY_KEY.get('penalty_types');
const enumOf = (f: typeof PARTY) => ({
	values: f && 'values' in f ? (f.values as readonly string[]) : [],
	synonyms: f && 'synonyms' in f ? (f.synonyms as Readonly<Record<string, string>>) : {}
});

/** The penalty kinds a content text names (「警告；罚款4.54万元」 → 警告, 罚款); 按日连续处罚 is a fine. */
export function penaltyKindsInText(text: string): string[] {
	const kinds: string[] = PENALTY_KINDS.filter((k) => k !== '其他' && text.includes(k));
	if (!kinds.includes('罚款') && /按日连续处罚|罚金/.test(text)) kinds.push('罚款');
	if (!kinds.includes('吊销许可证件') && /吊销.{0,8}(?:许可证|执照|证书)/.test(text)) kinds.push('吊销许可证件');
	return kinds;
}

export interface PublicationRowResult {
	record: Publication;
	problems: QuarantineReason[];
	/** Cells of columns no field takes, by header. */
	extra: Record<string, string>;
}

/**
 * One row of a publicity list as a published decision, with every problem that keeps it from being one. The fine
 * column wins over the text; without one, the fine is read from the content (several targets summed, each kept).
 */
export function readPublicationRow(cells: readonly string[], columns: readonly PublicationColumn[], line: number | null): PublicationRowResult {
	const problems: QuarantineReason[] = [];
	const extra: Record<string, string> = {};
	const text: Partial<Record<PublicationKey, string>> = {};
	const r: Publication = {
		source_line: line,
		agency: null,
		decision_no: null,
		party_name: null,
		party_type: null,
		violation: null,
		legal_basis: null,
		content: null,
		penalty_types: null,
		fine_amount: null,
		fines: [],
		decided_on: null,
		published_on: null,
		region: null,
		source_url: null
	};
	for (const col of columns) {
		const raw = cells[col.index] ?? '';
		if (col.key === null) {
			if (!isBlank(raw) && col.header.trim() !== '') extra[col.header] = raw;
			continue;
		}
		const f = PUBLICATION_FIELDS.find((x) => x.key === col.key)!;
		const term = fieldTerm(f);
		switch (f.type) {
			case 'text':
				text[f.key] = raw;
				break;
			case 'date': {
				const d = readDate(raw);
				if (d.ok) (r as unknown as Record<string, unknown>)[f.key] = d.value;
				else problems.push(cellReason(term, d.problem));
				break;
			}
			case 'money': {
				const m = readMoney(raw, col.unit);
				if (m.ok) r.fine_amount = m.value;
				else problems.push(cellReason(term, m.problem));
				break;
			}
			case 'enum': {
				const { values, synonyms } = enumOf(PARTY);
				const e = readEnum(raw, values, synonyms);
				if (e.ok) r.party_type = e.value;
				else problems.push(cellReason(term, e.problem));
				break;
			}
			case 'list': {
				const { values, synonyms } = enumOf(PENALTIES);
				const l = readList(raw, values, synonyms);
				if (l.ok) r.penalty_types = l.value;
				else problems.push(cellReason(term, l.problem));
				break;
			}
		}
	}
	for (const key of ['agency', 'decision_no', 'party_name', 'violation', 'legal_basis', 'content', 'region', 'source_url'] as const) {
		const raw = text[key];
		r[key] = raw === undefined || isBlank(raw) ? null : trimText(raw);
	}
	if (r.content !== null) {
		const read = finesFromText(r.content);
		if (r.fine_amount === null) {
			r.fine_amount = read.total;
			r.fines = read.fines.map((x) => ({ target: x.target, amount: x.amount }));
		} else r.fines = [{ target: null, amount: r.fine_amount }];
		if (r.penalty_types === null) {
			const kinds = penaltyKindsInText(r.content);
			r.penalty_types = kinds.length ? kinds : null;
		}
	} else if (r.fine_amount !== null) r.fines = [{ target: null, amount: r.fine_amount }];
	// A decision is someone's penalty: without a party (or a decision number) and without what was decided, the row is none.
	if (r.party_name === null && r.decision_no === null) problems.push({ code: 'required-missing', values: { field: fieldTerm(PUBLICATION_FIELDS[2]) } });
	if (r.content === null && r.fine_amount === null && r.penalty_types === null)
		problems.push({ code: 'required-missing', values: { field: fieldTerm(PUBLICATION_FIELDS[6]) } });
	return { record: r, problems, extra };
}

/** An analyst's choice of field per header (null: keep the column as it is), over the automatic reading of a header. */
export type PublicationMapping = Record<string, PublicationKey | null>;

/** The columns with the analyst's choices applied; a field still goes to its first column only. */
export function applyPublicationMapping(columns: readonly PublicationColumn[], mapping: PublicationMapping): PublicationColumn[] {
	const seen = new Set<PublicationKey>();
	return columns.map((c) => {
		let key = Object.hasOwn(mapping, c.header) ? (mapping[c.header] ?? null) : c.key;
		if (key !== null && seen.has(key)) key = null;
		if (key !== null) seen.add(key);
		return { ...c, key };
	});
}
