import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import Papa from 'papaparse';
import { dateValue, LIST, VARCHAR, type DuckDBAppender } from '@duckdb/node-api';
import type { Database } from '../db';
import { encodingLabel, prepareFile } from './prepare';
import type { BatchCounts } from './import-cases';
import { publicationHead, requirePublicationProfile, savePublicationProfile } from './publication-profiles';
import { padToWidth } from './sheet-csv';
import { rawLine, storeQuarantine, type QuarantinedRow } from './quarantine';
import { appendAudit } from '../audit';
import { countReasons } from '../../domain/import-reasons';
import {
	applyPublicationMapping,
	publicationColumns,
	publicationScore,
	PUBLICATION_MIN_HEADERS,
	readPublicationRow,
	type PublicationMapping
} from '../../domain/publication-row';
import type { Publication } from '../../domain/publication-schema';
import { dayNumber, type IsoDate } from '../../domain/dates';
import type { Catalog } from '../../domain/catalog';
import { matchNewViolations } from '../peers/matching';

/** The columns a refusal names as what a publicity list's header is recognised by. */
export const PUBLICATION_EXAMPLES = '「行政相对人名称」「处罚内容」「处罚决定日期」';

/** The command line's JSON contract for a publicity list. */
export interface PublicationsSummary extends BatchCounts {
	/** Published decisions held, over every batch not undone. */
	publications_total: number;
	/** Decisions whose fine was read from the content text (no fine column, or a blank one). */
	fines_from_text: number;
	/** Violation texts seen for the first time, and how many of them were matched to a catalog item. */
	violations: { texts: number; matched: number };
	/** The mapping profile applied (named, or saved for the list's headers), or saved from the page; null when none. */
	profile: string | null;
}

export interface PublicationsOptions {
	user?: string;
	fileName?: string;
	encoding?: string;
	sheet?: string;
	catalog?: Catalog;
	/** The analyst's choice of field per header on the page, over the profile's. */
	mapping?: PublicationMapping;
	/** A saved publicity list profile to apply by name; without one, a profile saved for the same headers applies. */
	profile?: string;
	/** Saves the columns as read (profile and page choices together) as a profile of this name. */
	saveProfileAs?: string;
}

/** Identical rows (a list imported again, a row exported twice) are one decision: the hash of what the row says. */
function rowHash(p: Publication, extra: Record<string, string>): bigint {
	const { source_line: _line, ...what } = p;
	void _line;
	return createHash('sha256')
		.update(JSON.stringify([what, extra]))
		.digest()
		.readBigUInt64BE(0);
}

function appendText(a: DuckDBAppender, v: string | null): void {
	if (v === null) a.appendNull();
	else a.appendVarchar(v);
}

function appendDate(a: DuckDBAppender, v: string | null): void {
	if (v === null) a.appendNull();
	else a.appendDate(dateValue(dayNumber(v as IsoDate)));
}

/** Where in `records` (blank ones included) the record is that has `before` non-blank records above it. */
function recordIndex(records: readonly string[][], before: number, blank: (r: readonly string[]) => boolean): number {
	let seen = 0;
	for (const [i, r] of records.entries()) {
		if (blank(r)) continue;
		if (seen === before) return i;
		seen++;
	}
	return records.length;
}

/**
 * Loads a penalty publicity list (行政处罚公示) as one batch of published decisions: other agencies' penalties,
 * kept for comparison and never mixed into the agency's cases, statistics, report or model. A list is small
 * (thousands of rows), so it is read whole.
 */
export async function importPublications(db: Database, path: string, options: PublicationsOptions = {}): Promise<PublicationsSummary> {
	const started = Date.now();
	// A profile named that is missing (or maps case ledgers) is refused before the file is read.
	const named = options.profile ? await requirePublicationProfile(db, options.profile) : null;
	const prepared = await prepareFile(path, { encoding: options.encoding, sheet: options.sheet });
	try {
		const { head, profile } = await publicationHead(db, prepared.csvPath, named, {
			score: publicationScore,
			minHeaders: PUBLICATION_MIN_HEADERS,
			examples: PUBLICATION_EXAMPLES
		});
		const text = readFileSync(prepared.csvPath, 'utf8').replace(/^\uFEFF/, '');
		// Blank lines are kept while counting: a spreadsheet program shows each as a row, and `source_line` is the row
		// number it shows (one record a row, however many lines its quoted cells span). They are skipped below.
		const all = Papa.parse<string[]>(text, { delimiter: head.delimiter, skipEmptyLines: false }).data;
		const blank = (r: readonly string[]) => r.every((c) => c.trim() === '');
		// The header is the record the head found (by its names, or the profile's row): counted without blank lines, as there.
		const at = recordIndex(all, head.titleRows.length, blank);
		let columns = publicationColumns(all[at] ?? []);
		if (profile) columns = applyPublicationMapping(columns, profile.mapping);
		if (options.mapping) columns = applyPublicationMapping(columns, options.mapping);
		let profileName = profile?.name ?? null;
		const saveAs = options.saveProfileAs?.trim();
		if (saveAs) {
			const headerRow = named?.headerRow ?? profile?.headerRow ?? null;
			await savePublicationProfile(db, saveAs, head.header, Object.fromEntries(columns.map((c) => [c.header, c.key])), options.user ?? 'system', headerRow);
			profileName = saveAs;
		}
		const quarantined: QuarantinedRow[] = [];
		const good: { p: Publication; extra: Record<string, string>; hash: bigint }[] = [];
		let fromText = 0;
		const fineColumn = columns.find((c) => c.key === 'fine_amount');
		all.slice(at + 1).forEach((given, i) => {
			if (blank(given)) return;
			const line = prepared.sheetRows ? (prepared.sheetRows[at + 1 + i] ?? at + 2 + i) : at + 2 + i;
			const cells = prepared.padShortRows ? padToWidth(given, columns.length) : given;
			const r = readPublicationRow(cells, columns, line);
			if (r.problems.length) quarantined.push({ line, raw: rawLine(cells, head.delimiter), cells, reasons: r.problems });
			else {
				good.push({ p: r.record, extra: r.extra, hash: rowHash(r.record, r.extra) });
				if (r.record.fines.length && (fineColumn === undefined || (cells[fineColumn.index] ?? '').trim() === '')) fromText++;
			}
		});
		const digest = createHash('sha256').update(readFileSync(path)).digest('hex');
		const summary = await db.transaction(async (tx): Promise<Omit<PublicationsSummary, 'violations'>> => {
			const [b] = await tx.query<{ id: number }>(
				`INSERT INTO batches (kind, file_name, sha256, size_bytes, encoding, user_name, profile) VALUES ('publications', ?, ?, ?, ?, ?, ?) RETURNING id`,
				[options.fileName ?? basename(path), digest, statSync(path).size, prepared.encoding, options.user ?? 'system', profileName]
			);
			const batch = b?.id ?? 0;
			const held = new Set(
				// As text: a 64-bit hash does not fit a JavaScript number, and the query layer refuses to round it.
				(
					await tx.query<{ h: string }>(
						`SELECT DISTINCT CAST(p.row_hash AS VARCHAR) AS h FROM publications p JOIN batches b ON b.id = p.batch_id WHERE b.undone_at IS NULL`
					)
				).map((r) => BigInt(r.h))
			);
			const fresh = good.filter((g) => {
				if (held.has(g.hash)) return false;
				held.add(g.hash);
				return true;
			});
			const a = await tx.connection.createAppender('publications');
			try {
				for (const { p, extra, hash } of fresh) {
					a.appendInteger(batch);
					if (p.source_line === null) a.appendNull();
					else a.appendInteger(p.source_line);
					for (const v of [p.agency, p.decision_no, p.party_name, p.party_type, p.violation, p.legal_basis, p.content]) appendText(a, v);
					if (p.penalty_types === null) a.appendNull();
					else a.appendList(p.penalty_types, LIST(VARCHAR));
					if (p.fine_amount === null) a.appendNull();
					else a.appendBigInt(BigInt(p.fine_amount));
					a.appendVarchar(JSON.stringify(p.fines));
					appendDate(a, p.decided_on);
					appendDate(a, p.published_on);
					appendText(a, p.region);
					appendText(a, p.source_url);
					appendText(a, Object.keys(extra).length ? JSON.stringify(extra) : null);
					a.appendUBigInt(hash);
					a.endRow();
				}
				a.flushSync();
			} finally {
				a.closeSync();
			}
			await storeQuarantine(tx.connection, batch, quarantined);
			const rows = good.length + quarantined.length;
			const unchanged = good.length - fresh.length;
			const reasons = countReasons(quarantined);
			await tx.run(
				`UPDATE batches SET finished_at = current_timestamp, rows_read = ?, imported = ?, updated = 0, unchanged = ?, quarantined = ?, reason_counts = ? WHERE id = ?`,
				[rows, fresh.length, unchanged, quarantined.length, JSON.stringify(reasons), batch]
			);
			const [t] = await tx.query<{ n: bigint | number }>(
				`SELECT count(*) AS n FROM publications p JOIN batches b ON b.id = p.batch_id WHERE b.undone_at IS NULL`
			);
			return {
				batch,
				file: options.fileName ?? basename(path),
				encoding: encodingLabel(prepared.encoding),
				rows,
				imported: fresh.length,
				updated: 0,
				unchanged,
				quarantined: quarantined.length,
				skipped: 0,
				warnings: {},
				quarantine_reasons: reasons,
				publications_total: Number(t?.n ?? 0),
				fines_from_text: fromText,
				profile: profileName
			};
		});
		// New violation texts are matched to the catalog now, so that the comparison with this list is ready.
		const violations = options.catalog ? await matchNewViolations(db, options.catalog) : { texts: 0, matched: 0 };
		const { batch, ...counts } = summary;
		await appendAudit(db, {
			actor: options.user ?? 'system',
			action: 'import',
			targetType: 'batch',
			targetId: String(batch),
			detail: { kind: 'publications', ...counts, violations, seconds: (Date.now() - started) / 1000 }
		});
		return { ...summary, violations };
	} finally {
		prepared.cleanup();
	}
}
