import type { Writable } from 'node:stream';
import type { Database } from '../db';
import type { Actor } from '../audit/actor';
import { auditExport } from '../audit';
import { viewerFor, type Reader } from '../viewer';
import { getCatalog } from '../catalog';
import type { CaseFilter, SortKey } from '../cases/list';
import { CASE_COLUMNS, PUBLICATION_COLUMNS } from './columns';
import { caseExportRecords, countCaseExport, countPublicationExport, NO_NEED, publicationExportRecords, UNMASKED, type CaseExportRequest } from './records';
import { writeRecords, XLSX_MAX_ROWS, type ExportFormat } from './writers';

/** The kinds of data the export command writes. */
export const EXPORT_KINDS = ['cases', 'publications'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export class ExportTooLarge extends Error {}

export interface ExportResult {
	rows: number;
}

/** Refused before anything is written: an XLSX sheet cannot hold the rows. */
function checkSize(format: ExportFormat, rows: number): void {
	if (format === 'xlsx' && rows > XLSX_MAX_ROWS)
		throw new ExportTooLarge(
			`共 ${rows} 行，超过 XLSX 一张表的上限 ${XLSX_MAX_ROWS} 行：请改用 CSV，或按年份导出 / ${rows} rows exceed an XLSX sheet: use CSV or a year`
		);
}

/** An export counted, checked and on the audit record, ready to write its rows. */
export interface PreparedExport {
	rows: number;
	fileName: string;
	write(out: Writable, onRows?: (rows: number) => void): Promise<number>;
}

async function prepareCases(
	db: Database,
	actor: Actor,
	request: CaseExportRequest,
	format: ExportFormat,
	audit: Record<string, unknown>
): Promise<PreparedExport> {
	const rows = await countCaseExport(db, request);
	checkSize(format, rows);
	// Recorded before the rows leave: an export cut off half-way still happened.
	await auditExport(db, actor, { type: 'cases', id: 'list' }, { format, rows, ...audit });
	const year = request.filter.year;
	return {
		rows,
		fileName: `案件列表${year ? `（${year} 年）` : ''}.${format}`,
		write: (out, onRows) => writeRecords(caseExportRecords(db, request), CASE_COLUMNS, format, out, { title: '案件', onRows })
	};
}

/**
 * The case list as a signed-in reader filtered it, all pages, masked for that reader like the page, in the page's
 * order; the export goes on the audit record with its filter. Refused (ExportTooLarge) before anything is recorded
 * when the format cannot hold the rows.
 */
export async function prepareCaseListExport(
	db: Database,
	user: Reader,
	actor: Actor,
	r: { filter: CaseFilter; sort: SortKey; descending: boolean; format: ExportFormat }
): Promise<PreparedExport> {
	const viewer = await viewerFor(db, user);
	const { viewer: _v, ...filter } = r.filter;
	void _v;
	return prepareCases(db, actor, { filter, viewer, sort: r.sort, descending: r.descending, catalog: getCatalog() }, r.format, {
		masked: true,
		filter: JSON.parse(JSON.stringify(filter)) as Record<string, unknown>
	});
}

export interface CliExportRequest {
	kind: ExportKind;
	format: ExportFormat;
	year?: number;
	/** The operator's explicit ask for names and ID numbers in full; masked otherwise. */
	unmasked?: boolean;
	/** Rows written so far, after each chunk: the terminal's progress. */
	onRows?: (rows: number) => void;
}

/**
 * The export command's work: every case (or published decision) of the year, masked unless the operator asked
 * otherwise, on the audit record either way.
 */
export async function exportForOperator(db: Database, actor: Actor, r: CliExportRequest, out: Writable): Promise<ExportResult> {
	const audit = { masked: !r.unmasked, ...(r.year === undefined ? {} : { year: r.year }) };
	if (r.kind === 'cases') {
		const prepared = await prepareCases(db, actor, { filter: { year: r.year }, viewer: r.unmasked ? UNMASKED : NO_NEED }, r.format, audit);
		return { rows: await prepared.write(out, r.onRows) };
	}
	const request = { year: r.year, unmasked: r.unmasked };
	const rows = await countPublicationExport(db, request);
	checkSize(r.format, rows);
	await auditExport(db, actor, { type: 'publications', id: 'all' }, { format: r.format, rows, ...audit });
	return { rows: await writeRecords(publicationExportRecords(db, request), PUBLICATION_COLUMNS, r.format, out, { title: '处罚公示', onRows: r.onRows }) };
}
