import { FIELDS, MEASURES_IN_PENALTIES, emptyCase, type CaseKey, type CaseRecord, type Field } from './case-schema';
import type { MappedColumn } from './headers';
import { readBool, readDate, readEnum, readInt, readList, readMoney, trimText, isBlank, type Read } from './cell-values';
import { cellReason, fieldTerm, requiredMissing, type QuarantineReason } from './import-reasons';

/** One problem with one cell or one row: the field it concerns and the coded reason. */
export interface RowProblem {
	key: CaseKey | null;
	reason: QuarantineReason;
}

export interface RowResult {
	record: CaseRecord;
	problems: RowProblem[];
	/** Cells of columns the dictionary does not know, kept by their header. */
	extra: Record<string, string>;
}

/** One cell read as its field's type, with the column's money unit. */
export function readCell(f: Field, raw: string, unit: MappedColumn['unit']): Read<unknown> {
	switch (f.type) {
		case 'text':
			return { ok: true, value: isBlank(raw) ? null : trimText(raw) };
		case 'int':
			return readInt(raw);
		case 'money':
			return readMoney(raw, unit ?? 'yuan');
		case 'date':
			return readDate(raw);
		case 'bool':
			return readBool(raw);
		case 'enum':
			return readEnum(raw, 'values' in f ? f.values : [], 'synonyms' in f ? f.synonyms : {});
		case 'list':
			return readList(raw, 'values' in f ? f.values : undefined, 'synonyms' in f ? f.synonyms : {});
	}
}

/** Fields a case must have given what it is: 行政处罚 needs its item code, a decision needs its date and number. */
export function missingRequired(r: CaseRecord): CaseKey[] {
	const decided = r.status === '已决定' || r.status === '已结案';
	return FIELDS.filter((f) => {
		if (r[f.key] !== null && !(Array.isArray(r[f.key]) && (r[f.key] as unknown[]).length === 0)) return false;
		if (f.required === 'always') return true;
		if (f.required === 'penalty') return r.category === '行政处罚';
		if (f.required === 'decided') return decided && r.category === '行政处罚';
		return false;
	}).map((f) => f.key);
}

const MEASURE_SET: ReadonlySet<string> = new Set(MEASURES_IN_PENALTIES);

/** Moves the orders listed among the penalties (责令改正 …) to `measures`: they are not penalties (行政处罚法 Art. 28). */
export function moveMeasures(rec: CaseRecord): void {
	const listed = rec.penalty_types;
	if (!listed || !listed.some((p) => MEASURE_SET.has(p))) return;
	const kept = listed.filter((p) => !MEASURE_SET.has(p));
	const measures = [...(rec.measures ?? [])];
	for (const p of listed) if (MEASURE_SET.has(p) && !measures.includes(p)) measures.push(p);
	rec.penalty_types = kept.length ? kept : null;
	rec.measures = measures;
}

const SUMMARY = /^[\s\u3000]*(合计|总计|小计|共计)/;

/** A trailing total row of a ledger (合计, 总计…): never a case. Looks at the first three non-empty cells. */
export function isSummaryRow(cells: readonly (string | null)[]): boolean {
	return cells
		.filter((c): c is string => c !== null && c.trim() !== '')
		.slice(0, 3)
		.some((c) => SUMMARY.test(c));
}

export interface ReadOptions {
	/** Finds the item code from the item name through the catalog when the export has no code. */
	itemCodeFor?: (itemName: string) => string | null;
	/** Finds the item name from its code through the catalog when the export has no name. */
	itemNameFor?: (itemCode: string) => string | null;
}

/**
 * Reads one row of cells through the column mapping into a case record, with every problem found. A total row
 * (isSummaryRow) is the caller's to skip before reading: it is not a case.
 */
export function readCaseRow(cells: readonly string[], columns: readonly MappedColumn[], options: ReadOptions = {}): RowResult {
	const record = emptyCase() as Record<CaseKey, unknown>;
	const problems: RowProblem[] = [];
	const extra: Record<string, string> = {};
	for (const col of columns) {
		const raw = cells[col.index] ?? '';
		if (col.key === null) {
			if (raw.trim() !== '') extra[col.header] = raw;
			continue;
		}
		const f = FIELDS.find((x) => x.key === col.key);
		if (!f) continue;
		const r = readCell(f, raw, col.unit);
		if (r.ok) record[f.key] = r.value;
		else problems.push({ key: f.key, reason: cellReason(fieldTerm(f), r.problem) });
	}
	const rec = record as CaseRecord;
	moveMeasures(rec);
	if (rec.item_code === null && rec.item_name !== null && options.itemCodeFor) rec.item_code = options.itemCodeFor(rec.item_name);
	if (rec.item_name === null && rec.item_code !== null && options.itemNameFor) rec.item_name = options.itemNameFor(rec.item_code);
	for (const key of missingRequired(rec)) {
		if (problems.some((p) => p.key === key)) continue;
		const f = FIELDS.find((x) => x.key === key);
		problems.push({ key, reason: requiredMissing(f ? fieldTerm(f) : { zh: key, en: key }) });
	}
	return { record: rec, problems, extra };
}
