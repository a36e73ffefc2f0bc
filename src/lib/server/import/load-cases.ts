import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { FIELDS } from '../../domain/case-schema';
import { mapHeaders, type MappedColumn } from '../../domain/headers';
import { readCaseRow, type RowProblem } from '../../domain/case-row';
import type { Database } from '../db';
import { decodedStream, sniffFile, type TextEncoding } from './decode';
import { readSheet } from './read-rows';
import { appendStaged, castFromStaging, createCaseStaging, type StagedRow } from './staging';

export interface RejectedRow {
	rowNumber: number;
	cells: string[];
	problems: RowProblem[];
}

export interface LoadSummary {
	batch: number;
	file: string;
	encoding: TextEncoding;
	rows: number;
	imported: number;
	updated: number;
	rejected: RejectedRow[];
	columns: MappedColumn[];
}

async function sha256(path: string): Promise<string> {
	const h = createHash('sha256');
	for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
	return h.digest('hex');
}

const CHUNK = 5000;

/**
 * Loads a case export (CSV of any delimiter, UTF-8/UTF-16/GB18030) into `cases` as one batch, in one transaction.
 * A case already present (same agency and case number) is updated. Rows that cannot be cases are returned with
 * every reason; they are not loaded.
 */
export async function loadCaseFile(db: Database, path: string, options: { user?: string } = {}): Promise<LoadSummary> {
	const sniffed = sniffFile(path);
	const sheet = await readSheet(decodedStream(path, sniffed));
	const columns = mapHeaders(sheet.header);
	const digest = await sha256(path);
	const rejected: RejectedRow[] = [];
	let rows = 0;

	return db.transaction(async (tx) => {
		const [batchRow] = await tx.query<{ id: number }>(
			`INSERT INTO batches (kind, file_name, sha256, size_bytes, encoding, user_name, mapping) VALUES ('cases', ?, ?, ?, ?, ?, ?) RETURNING id`,
			[basename(path), digest, statSync(path).size, sniffed.encoding, options.user ?? 'system', JSON.stringify(columns)]
		);
		const batch = batchRow?.id;
		if (batch === undefined) throw new Error('could not create a batch');
		await createCaseStaging(tx.connection, 'staging_cases');
		let chunk: StagedRow[] = [];
		for await (const { cells, rowNumber } of sheet.rows) {
			rows++;
			const r = readCaseRow(cells, columns);
			if (r.problems.length) rejected.push({ rowNumber, cells, problems: r.problems });
			else chunk.push({ record: r.record, extra: r.extra, rowNumber });
			if (chunk.length >= CHUNK) {
				await appendStaged(tx.connection, 'staging_cases', chunk);
				chunk = [];
			}
		}
		await appendStaged(tx.connection, 'staging_cases', chunk);

		// A case repeated inside one file: the later row wins, as a later export would.
		const keys = FIELDS.map((f) => f.key);
		const [counts] = await tx.query<{ total: number; existing: number }>(
			`SELECT count(*) AS total, count(c.case_id) AS existing
			 FROM (SELECT DISTINCT agency, case_id FROM staging_cases) s LEFT JOIN cases c USING (agency, case_id)`
		);
		await tx.run(
			`INSERT INTO cases (${keys.join(', ')}, extra, batch_id)
			 SELECT ${FIELDS.map(castFromStaging).join(', ')}, extra, ?
			 FROM staging_cases
			 QUALIFY row_number() OVER (PARTITION BY agency, case_id ORDER BY row_number DESC) = 1
			 ON CONFLICT (agency, case_id) DO UPDATE SET ${[...keys.filter((k) => k !== 'agency' && k !== 'case_id'), 'extra', 'batch_id'].map((k) => `${k} = excluded.${k}`).join(', ')}, loaded_at = excluded.loaded_at`,
			[batch]
		);
		await tx.run('DROP TABLE staging_cases');
		const imported = (counts?.total ?? 0) - (counts?.existing ?? 0);
		const updated = counts?.existing ?? 0;
		await tx.run(`UPDATE batches SET finished_at = current_timestamp, rows_read = ?, imported = ?, updated = ?, quarantined = ? WHERE id = ?`, [
			rows,
			imported,
			updated,
			rejected.length,
			batch
		]);
		return { batch, file: path, encoding: sniffed.encoding, rows, imported, updated, rejected, columns };
	});
}
