import type { Database } from '../db';
import type { Actor } from '../audit/actor';
import type { MappedColumn } from '../../domain/headers';
import { auditExport } from '../audit';
import { getBatch } from './batches';
import { quarantineCsv } from './quarantine';

/**
 * A batch's quarantined rows as a CSV (UTF-8 with BOM for Excel) under the file's own header, to fix and import
 * again; the export goes on the audit record. Null when there is no such batch.
 */
export async function exportQuarantine(db: Database, actor: Actor, batchId: number): Promise<{ fileName: string; csv: string } | null> {
	const batch = await getBatch(db, batchId);
	if (!batch) return null;
	const [m] = await db.query<{ mapping: string | null }>('SELECT mapping FROM batches WHERE id = ?', [batchId]);
	const header = m?.mapping ? (JSON.parse(m.mapping) as MappedColumn[]).map((c) => c.header) : [];
	const csv = await quarantineCsv(db, batchId, header);
	await auditExport(db, actor, { type: 'batch', id: String(batchId) }, { what: 'quarantine' });
	return { fileName: `${batch.file_name.replace(/\.[^.]+$/, '')}-隔离行-批次${batchId}.csv`, csv };
}
