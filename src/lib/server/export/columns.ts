import { FIELD_BY_KEY, FIELDS, type CaseKey } from '../../domain/case-schema';
import { PUBLICATION_FIELDS } from '../../domain/publication-schema';
import { neutralizeFormula } from '../../domain/spreadsheet-safety';
import type { CaseExportRecord, PublicationExportRecord } from './records';

/**
 * The columns of the CSV and XLSX exports: a record's keys in the JSON's order, each under the header the importer
 * reads (the data dictionary's canonical header, the publicity list's), so that an exported file imports again.
 * Lists are written with 、, yes/no as 是/否, money as exact yuan with two decimals.
 */

export type Cell = string | number | null;

export interface Column<R> {
	key: string;
	header: string;
	/** A spreadsheet cell: money as a number in XLSX (yuan), everything else as text. */
	cell: (r: R) => Cell;
	money?: boolean;
}

/** Exact yuan text from fen (1234.5 yuan → "1234.50"): money never goes through a float into the CSV. */
export function yuanText(fen: number): string {
	const sign = fen < 0 ? '-' : '';
	const a = Math.abs(fen);
	return `${sign}${Math.trunc(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** Fen of a yuan amount the records carry as a number (two decimals at most). */
export const fenOf = (yuan: number): number => Math.round(yuan * 100);

const list = (v: readonly string[] | null): string | null => (v === null ? null : v.join('、'));

function caseCell(key: CaseKey): (r: CaseExportRecord) => Cell {
	const f = FIELD_BY_KEY.get(key);
	switch (f?.type) {
		case 'money':
			return (r) => (r[key] === null ? null : (r[key] as number));
		case 'bool':
			return (r) => (r[key] === null ? null : r[key] ? '是' : '否');
		case 'list':
			return (r) => list(r[key] as string[] | null);
		case 'int':
			return (r) => (r[key] === null ? null : String(r[key]));
		default:
			return (r) => r[key] as string | null;
	}
}

/** The header of the column that names the circumstances read from the facts text. */
export const EXTRACTED_HEADER = '从违法事实读出的情节';

export const CASE_COLUMNS: readonly Column<CaseExportRecord>[] = [
	...FIELDS.map((f) => ({ key: f.key, header: f.header, cell: caseCell(f.key), money: f.type === 'money' })),
	// In the spreadsheet the circumstances go by their Chinese headers; the JSON keeps the keys.
	{ key: 'extracted', header: EXTRACTED_HEADER, cell: (r) => r.extracted.map((k) => FIELD_BY_KEY.get(k as CaseKey)?.header ?? k).join('、') }
];

const PUBLICATION_HEADER = new Map<string, string>(PUBLICATION_FIELDS.map((f) => [f.key, f.header]));
const header = (key: string) => PUBLICATION_HEADER.get(key) ?? key;

export const PUBLICATION_COLUMNS: readonly Column<PublicationExportRecord>[] = [
	{ key: 'source_line', header: '源文件行号', cell: (r) => (r.source_line === null ? null : String(r.source_line)) },
	{ key: 'agency', header: header('agency'), cell: (r) => r.agency },
	{ key: 'decision_no', header: header('decision_no'), cell: (r) => r.decision_no },
	{ key: 'party_name', header: header('party_name'), cell: (r) => r.party_name },
	{ key: 'party_type', header: header('party_type'), cell: (r) => r.party_type },
	{ key: 'violation', header: header('violation'), cell: (r) => r.violation },
	{ key: 'legal_basis', header: header('legal_basis'), cell: (r) => r.legal_basis },
	{ key: 'content', header: header('content'), cell: (r) => r.content },
	{ key: 'penalty_types', header: header('penalty_types'), cell: (r) => list(r.penalty_types) },
	{ key: 'fine_amount', header: header('fine_amount'), cell: (r) => r.fine_amount, money: true },
	// 「某公司：50000.00；张某：10000.00」: each fined target with its amount, as one cell.
	{
		key: 'fines',
		header: '各对象罚款',
		cell: (r) => r.fines.map((f) => `${f.target ?? ''}：${yuanText(fenOf(f.amount))}`).join('；')
	},
	{ key: 'decided_on', header: header('decided_on'), cell: (r) => r.decided_on },
	{ key: 'published_on', header: header('published_on'), cell: (r) => r.published_on },
	{ key: 'region', header: header('region'), cell: (r) => r.region },
	{ key: 'source_url', header: header('source_url'), cell: (r) => r.source_url },
	{ key: 'item_code', header: '对应事项编码', cell: (r) => r.item_code },
	{ key: 'item_match', header: '事项匹配度', cell: (r) => String(r.item_match) }
];

/** A CSV cell: money as exact yuan text, every text neutralised so that a spreadsheet cannot run it as a formula. */
export function csvCell<R>(c: Column<R>, r: R): string {
	const v = c.cell(r);
	if (v === null) return '';
	if (typeof v === 'number') return yuanText(fenOf(v));
	return neutralizeFormula(v);
}

/** An XLSX cell: money a number (formatted with two decimals), text neutralised likewise. */
export function xlsxCell<R>(c: Column<R>, r: R): string | number | null {
	const v = c.cell(r);
	if (v === null || typeof v === 'number') return v;
	return neutralizeFormula(v);
}
