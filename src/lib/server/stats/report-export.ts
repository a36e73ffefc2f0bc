import type { Database } from '../db';
import type { Actor } from '../auth';
import { auditExport } from '../audit';
import { annualReport } from './annual-report';
import { reportWorkbook } from './report-xlsx';

/** The annual report as an Excel file, for download; the export goes on the audit record. */
export async function exportReportXlsx(db: Database, actor: Actor, year: number): Promise<{ fileName: string; bytes: Uint8Array<ArrayBuffer> }> {
	const report = await annualReport(db, year);
	const buffer = await (await reportWorkbook(report)).xlsx.writeBuffer();
	await auditExport(db, actor, { type: 'report', id: String(year) }, { format: 'xlsx' });
	return { fileName: `${report.agency}${year}年度行政执法统计年报.xlsx`, bytes: new Uint8Array(buffer as ArrayBuffer) };
}
