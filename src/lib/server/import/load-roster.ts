import { basename } from 'node:path';
import { ROSTER_FIELDS, type RosterKey } from '../../domain/roster-schema';
import { normalizeHeader } from '../../domain/headers';
import { canonicalText, isBlank, readDate } from '../../domain/values';
import type { Database } from '../db';
import { decodedStream, sniffFile } from './decode';
import { readSheet } from './read-rows';
import type { RejectedRow } from './load-cases';

const LOOKUP = new Map<string, RosterKey>(ROSTER_FIELDS.flatMap((f) => [f.header, ...f.aliases].map((h) => [normalizeHeader(h), f.key] as const)));

function rosterScore(cells: readonly string[]): number {
	return cells.filter((c) => LOOKUP.has(normalizeHeader(c))).length;
}

/** Loads an officer roster (执法证号, 姓名, 所属部门, 证件有效期起/止, 状态); a certificate seen again is updated. */
export async function loadRosterFile(db: Database, path: string, options: { user?: string } = {}): Promise<{ batch: number; rows: number; loaded: number; rejected: RejectedRow[] }> {
	const sniffed = sniffFile(path);
	const sheet = await readSheet(decodedStream(path, sniffed), rosterScore, 2);
	const keys = sheet.header.map((h) => LOOKUP.get(normalizeHeader(h)) ?? null);
	const rejected: RejectedRow[] = [];
	let rows = 0;
	let loaded = 0;
	return db.transaction(async (tx) => {
		const [b] = await tx.query<{ id: number }>(`INSERT INTO batches (kind, file_name, encoding, user_name) VALUES ('roster', ?, ?, ?) RETURNING id`, [
			basename(path),
			sniffed.encoding,
			options.user ?? 'system'
		]);
		const batch = b?.id ?? 0;
		for await (const { cells, rowNumber } of sheet.rows) {
			rows++;
			const rec: Partial<Record<RosterKey, string | null>> = {};
			const problems: RejectedRow['problems'] = [];
			keys.forEach((k, i) => {
				if (!k) return;
				const raw = cells[i] ?? '';
				const f = ROSTER_FIELDS.find((x) => x.key === k);
				if (f?.type === 'date') {
					const d = readDate(raw);
					if (d.ok) rec[k] = d.value;
					else problems.push({ key: null, reason: `${f.header}：${d.reason}` });
				} else rec[k] = isBlank(raw) ? null : canonicalText(raw);
			});
			for (const f of ROSTER_FIELDS) if (f.required && !rec[f.key]) problems.push({ key: null, reason: `缺少必填项「${f.header}」` });
			if (problems.length) {
				rejected.push({ rowNumber, cells, problems });
				continue;
			}
			await tx.run(
				`INSERT INTO officers (cert_no, name, department, valid_from, valid_to, status, batch_id) VALUES (?, ?, ?, CAST(? AS DATE), CAST(? AS DATE), ?, ?)
				 ON CONFLICT (cert_no) DO UPDATE SET name = excluded.name, department = excluded.department, valid_from = excluded.valid_from,
				 valid_to = excluded.valid_to, status = excluded.status, batch_id = excluded.batch_id`,
				[rec.cert_no ?? null, rec.name ?? null, rec.department ?? null, rec.valid_from ?? null, rec.valid_to ?? null, rec.status ?? null, batch]
			);
			loaded++;
		}
		await tx.run(`UPDATE batches SET finished_at = current_timestamp, rows_read = ?, imported = ?, quarantined = ? WHERE id = ?`, [rows, loaded, rejected.length, batch]);
		return { batch, rows, loaded, rejected };
	});
}
