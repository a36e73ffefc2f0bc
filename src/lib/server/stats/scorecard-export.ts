import type { Database } from '../db';
import type { Actor } from '../auth';
import type { Catalog } from '../../domain/catalog';
import { auditExport } from '../audit';
import { cachedScorecard } from './scorecard';
import { scorecardWorkbook } from './scorecard-xlsx';

/** The evaluation of a year as an Excel file, for download; the export goes on the audit record. */
export async function exportScorecardXlsx(
	db: Database,
	catalog: Catalog,
	actor: Actor,
	year: number
): Promise<{ fileName: string; bytes: Uint8Array<ArrayBuffer> }> {
	const s = await cachedScorecard(db, catalog, year);
	const buffer = await (await scorecardWorkbook(s)).xlsx.writeBuffer();
	await auditExport(db, actor, { type: 'scorecard', id: String(year) }, { format: 'xlsx' });
	return { fileName: `${s.agency}${year}年度三项制度实施情况评估.xlsx`, bytes: new Uint8Array(buffer as ArrayBuffer) };
}
