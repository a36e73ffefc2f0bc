import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import Papa from 'papaparse';
import { ROSTER_FIELDS, type RosterKey } from '../../domain/roster-schema';
import { normalizeHeader } from '../../domain/headers';
import { isBlank, readDate, trimText } from '../../domain/cell-values';
import type { Database } from '../db';
import { encodingLabel, prepareFile } from './prepare';
import type { BatchCounts } from './import-cases';
import { readHead } from './head';
import { padToWidth } from './sheet-csv';
import { rawLine, storeQuarantine, type QuarantinedRow } from './quarantine';
import { appendAudit } from '../audit';
import { cellReason, columnCount, countReasons, fieldTerm, requiredMissing, type QuarantineReason } from '../../domain/import-reasons';

const LOOKUP = new Map<string, RosterKey>(ROSTER_FIELDS.flatMap((f) => [f.header, ...f.aliases].map((h) => [normalizeHeader(h), f.key] as const)));

/** How many cells of a row are roster headers: the header row of a roster has at least two. */
export function rosterScore(cells: readonly string[]): number {
	return cells.filter((c) => LOOKUP.has(normalizeHeader(c))).length;
}

export const ROSTER_MIN_HEADERS = 2;

/** The command line's JSON contract for a roster. */
export interface RosterSummary extends BatchCounts {
	officers_total: number;
}

/**
 * Loads an officer roster (执法证号, 姓名, 所属部门, 证件有效期起/止, 状态) as one batch. A roster is small (hundreds
 * of rows), so it is read whole; a certificate seen again is updated, an identical row is unchanged.
 */
export async function importRoster(
	db: Database,
	path: string,
	options: { user?: string; fileName?: string; encoding?: string; sheet?: string } = {}
): Promise<RosterSummary> {
	const prepared = await prepareFile(path, { encoding: options.encoding, sheet: options.sheet });
	try {
		const head = readHead(prepared.csvPath, { score: rosterScore, minHeaders: ROSTER_MIN_HEADERS });
		const text = readFileSync(prepared.csvPath, 'utf8').replace(/^\uFEFF/, '');
		const parsed = Papa.parse<string[]>(text, { delimiter: head.delimiter, skipEmptyLines: 'greedy' });
		const all = parsed.data;
		const at = all.findIndex((r) => rosterScore(r) >= ROSTER_MIN_HEADERS);
		const keys = (all[at] ?? []).map((h) => LOOKUP.get(normalizeHeader(h)) ?? null);
		const quarantined: QuarantinedRow[] = [];
		const good: { rec: Record<RosterKey, string | null>; line: number }[] = [];
		all.slice(at + 1).forEach((given, i) => {
			const line = prepared.sheetRows ? (prepared.sheetRows[at + 1 + i] ?? at + 2 + i) : at + 2 + i;
			const cells = prepared.padShortRows ? padToWidth(given, keys.length) : given;
			const rec = Object.fromEntries(ROSTER_FIELDS.map((f) => [f.key, null])) as Record<RosterKey, string | null>;
			const problems: QuarantineReason[] = [];
			if (cells.length !== keys.length) problems.push(columnCount(keys.length, cells.length));
			keys.forEach((k, j) => {
				if (!k) return;
				const raw = cells[j] ?? '';
				const f = ROSTER_FIELDS.find((x) => x.key === k);
				if (f?.type === 'date') {
					const d = readDate(raw);
					if (d.ok) rec[k] = d.value;
					else problems.push(cellReason(fieldTerm(f), d.problem));
				} else rec[k] = isBlank(raw) ? null : trimText(raw);
			});
			for (const f of ROSTER_FIELDS) if (f.required && !rec[f.key]) problems.push(requiredMissing(fieldTerm(f)));
			if (problems.length) quarantined.push({ line, raw: rawLine(cells, head.delimiter), cells, reasons: problems });
			else good.push({ rec, line });
		});
		const digest = createHash('sha256').update(readFileSync(path)).digest('hex');
		const summary = await db.transaction(async (tx): Promise<RosterSummary> => {
			const [b] = await tx.query<{ id: number }>(
				`INSERT INTO batches (kind, file_name, sha256, size_bytes, encoding, user_name) VALUES ('roster', ?, ?, ?, ?, ?) RETURNING id`,
				[options.fileName ?? basename(path), digest, statSync(path).size, prepared.encoding, options.user ?? 'system']
			);
			const batch = b?.id ?? 0;
			let imported = 0;
			let updated = 0;
			let unchanged = 0;
			for (const { rec } of good) {
				const [old] = await tx.query<{ same: boolean }>(
					`SELECT (name IS NOT DISTINCT FROM ? AND department IS NOT DISTINCT FROM ? AND valid_from IS NOT DISTINCT FROM CAST(? AS DATE)
					         AND valid_to IS NOT DISTINCT FROM CAST(? AS DATE) AND status IS NOT DISTINCT FROM ?) AS same FROM officers WHERE cert_no = ?`,
					[rec.name, rec.department, rec.valid_from, rec.valid_to, rec.status, rec.cert_no]
				);
				if (old?.same) {
					unchanged++;
					continue;
				}
				if (old) updated++;
				else imported++;
				await tx.run(
					`INSERT INTO officers (cert_no, name, department, valid_from, valid_to, status, batch_id) VALUES (?, ?, ?, CAST(? AS DATE), CAST(? AS DATE), ?, ?)
					 ON CONFLICT (cert_no) DO UPDATE SET name = excluded.name, department = excluded.department, valid_from = excluded.valid_from,
					 valid_to = excluded.valid_to, status = excluded.status, batch_id = excluded.batch_id`,
					[rec.cert_no, rec.name, rec.department, rec.valid_from, rec.valid_to, rec.status, batch]
				);
			}
			await storeQuarantine(tx.connection, batch, quarantined);
			const rows = good.length + quarantined.length;
			await tx.run(
				`UPDATE batches SET finished_at = current_timestamp, rows_read = ?, imported = ?, updated = ?, unchanged = ?, quarantined = ? WHERE id = ?`,
				[rows, imported, updated, unchanged, quarantined.length, batch]
			);
			const [t] = await tx.query<{ n: number }>('SELECT count(*) AS n FROM officers');
			const encoding = encodingLabel(prepared.encoding);
			return {
				batch,
				file: options.fileName ?? basename(path),
				encoding,
				rows,
				imported,
				updated,
				unchanged,
				quarantined: quarantined.length,
				skipped: 0,
				warnings: {},
				quarantine_reasons: countReasons(quarantined),
				officers_total: t?.n ?? 0
			};
		});
		const { batch, ...counts } = summary;
		await appendAudit(db, {
			actor: options.user ?? 'system',
			action: 'import',
			targetType: 'batch',
			targetId: String(batch),
			detail: { kind: 'roster', ...counts }
		});
		return summary;
	} finally {
		prepared.cleanup();
	}
}
