import type { Database } from '../db';
import { FIELDS, type CaseKey } from '../../domain/case-schema';
import { mapHeaders, type MappedColumn } from '../../domain/headers';
import { NoHeaderError, readHead, readRowsSql, sampleHead, type SheetHead } from './head';
import { encodingLabel, prepareFile } from './prepare';
import { applyProfile, headersKey, profileForHeaders, type ProfileMapping, type ProfileRules } from './profiles';
import { getUpload, saveUpload, type Upload } from './uploads';
import { ROSTER_MIN_HEADERS, rosterScore } from './load-roster';
import { findHead } from './import-cases';
import { UnreadableFileError } from './unreadable';
import { PUBLICATION_EXAMPLES } from './load-publications';
import { publicationHead } from './publication-profiles';
import { applyPublicationMapping, publicationColumns, publicationScore, PUBLICATION_MIN_HEADERS, type PublicationColumn } from '../../domain/publication-row';
import { msg } from '../../i18n/message';

/** What an upload is for: the header it must have depends on it. */
export type UploadKind = 'cases' | 'roster' | 'publications';

/** What the server sees in an uploaded export, for the analyst to check before importing. */
export interface UploadPreview {
	upload: { id: string; name: string; size: number };
	encoding: string;
	titleRows: string[][];
	header: string[];
	headersKey: string;
	columns: MappedColumn[];
	/** The mapping saved for exactly this header, applied without asking. */
	profile: { name: string; mapping: ProfileMapping; rules: ProfileRules } | null;
	preview: string[][];
	/** 1-based record of the header; null when it was recognised by its names. */
	headerRow: number | null;
	/** No header was recognised: the first records, for the analyst to pick the header row from. */
	needsHeader: boolean;
	sample: string[][];
	/** A publicity list's columns and the field each holds, for the analyst to correct (null for other kinds). */
	publicationColumns: PublicationColumn[] | null;
	/** A publicity list's profile saved for its headers, whose choices the columns already show. */
	publicationProfile: string | null;
}

/**
 * Streams one export to disk and reads its start: encoding, title rows, header, the automatic mapping and the
 * first rows. Throws UploadError (refused upload) or UnreadableFileError (not a table we can read).
 */
export async function receiveUpload(
	db: Database,
	body: ReadableStream<Uint8Array> | null,
	fileName: string,
	user: string,
	kind: UploadKind = 'cases'
): Promise<UploadPreview> {
	return previewUpload(db, await saveUpload(body, fileName, user), kind, null);
}

/** The preview of an upload kept on disk, with the header at `headerRow` when the analyst picked one. */
export async function previewUploaded(db: Database, id: string, kind: UploadKind, headerRow: number | null): Promise<UploadPreview> {
	const upload = getUpload(id);
	if (!upload) throw new UnreadableFileError(msg('err.import.noUpload'));
	return previewUpload(db, upload, kind, headerRow);
}

async function previewUpload(db: Database, upload: Upload, kind: UploadKind, headerRow: number | null): Promise<UploadPreview> {
	const prepared = await prepareFile(upload.path);
	try {
		const common = { upload: { id: upload.id, name: upload.name, size: upload.size }, encoding: encodingLabel(prepared.encoding) };
		const none = { profile: null, headerRow: null, needsHeader: false, sample: [], publicationColumns: null, publicationProfile: null };
		if (kind === 'roster') {
			const head = readHead(prepared.csvPath, { score: rosterScore, minHeaders: ROSTER_MIN_HEADERS });
			return { ...common, ...shown(head, mapHeaders(head.header)), ...none };
		}
		if (kind === 'publications') {
			// The header is found as the import finds it; its fields are the publicity list's, not the case ledger's.
			const recognise = { score: publicationScore, minHeaders: PUBLICATION_MIN_HEADERS, examples: PUBLICATION_EXAMPLES };
			const { head, profile } = await publicationHead(db, prepared.csvPath, null, recognise);
			const columns = publicationColumns(head.header);
			return {
				...common,
				...shown(head, mapHeaders(head.header)),
				...none,
				publicationColumns: profile ? applyPublicationMapping(columns, profile.mapping) : columns,
				publicationProfile: profile?.name ?? null
			};
		}
		let found: { head: SheetHead; profile: Awaited<ReturnType<typeof profileForHeaders>> };
		try {
			found = await findHead(db, prepared.csvPath, null, headerRow);
		} catch (e) {
			if (!(e instanceof NoHeaderError)) throw e;
			// Nothing recognised: the first record is offered as the header, and the analyst picks another if needed.
			const head = readHead(prepared.csvPath, { headerRow: 1 });
			return {
				...common,
				...shown(head, mapHeaders(head.header)),
				profile: null,
				headerRow: 1,
				needsHeader: true,
				sample: sampleHead(prepared.csvPath).records,
				publicationColumns: null,
				publicationProfile: null
			};
		}
		const { head, profile } = found;
		const columns = profile ? applyProfile(mapHeaders(head.header), profile.mapping) : mapHeaders(head.header);
		return {
			...common,
			...shown(head, columns),
			profile: profile
				? { name: profile.name, mapping: profile.mapping, rules: { headerRow: profile.headerRow, constants: profile.constants, recodes: profile.recodes } }
				: null,
			headerRow: headerRow ?? profile?.headerRow ?? null,
			needsHeader: false,
			sample: headerRow !== null ? sampleHead(prepared.csvPath).records : [],
			publicationColumns: null,
			publicationProfile: null
		};
	} finally {
		prepared.cleanup();
	}
}

function shown(head: SheetHead, columns: MappedColumn[]) {
	return { titleRows: head.titleRows, header: head.header, headersKey: headersKey(head.header), columns, preview: head.preview };
}

/** A required field that rows of the file will lack under a mapping: they would be quarantined for it. */
export interface MappingGap {
	key: CaseKey;
	header: string;
	rows: number;
}

/**
 * Before the import: for each field every case needs, how many rows would lack it under this mapping and these
 * rules (all rows when no column and no constant gives it; else the rows whose cell is blank), counted by DuckDB
 * over the whole file. The page says 「缺少必填项「执法类别」：12,040 行将进入隔离区」 from it.
 */
export async function checkMapping(db: Database, id: string, mapping: ProfileMapping, rules: ProfileRules): Promise<{ rows: number; gaps: MappingGap[] }> {
	const upload = getUpload(id);
	if (!upload) throw new UnreadableFileError(msg('err.import.noUpload'));
	const prepared = await prepareFile(upload.path);
	try {
		const head = readHead(prepared.csvPath, rules.headerRow !== null ? { headerRow: rules.headerRow } : {});
		const columns = applyProfile(mapHeaders(head.header), mapping);
		const required = FIELDS.filter((f) => f.required === 'always' && rules.constants[f.key] === undefined);
		const n = head.header.length;
		const blank = (key: CaseKey): string | null => {
			const c = columns.find((m) => m.key === key);
			return c ? `(c${c.index} IS NULL OR trim(c${c.index}) = '')` : null;
		};
		const counts = required.map((f) => {
			// The catalog names the item when the file gives its code (readCaseRow): a code stands in for the name.
			const own = blank(f.key) ?? (f.key === 'item_name' ? (rules.constants.item_code !== undefined ? 'false' : blank('item_code')) : null);
			return own ? `count(*) FILTER (${own})` : 'count(*)';
		});
		// Blank lines are no rows; a line DuckDB cannot read is not counted here (the import quarantines it anyway).
		const [r] = await db.query<Record<string, number>>(
			`SELECT CAST(count(*) AS INTEGER) AS total${counts.map((c, i) => `, CAST(${c} AS INTEGER) AS g${i}`).join('')}
			 FROM ${readRowsSql(prepared.csvPath, head, `null_padding = true, ignore_errors = true`)}
			 WHERE NOT (${Array.from({ length: n }, (_, i) => `(c${i} IS NULL OR trim(c${i}) = '')`).join(' AND ') || 'false'})`
		);
		const gaps = required.map((f, i) => ({ key: f.key, header: f.header, rows: r?.[`g${i}`] ?? 0 })).filter((g) => g.rows > 0);
		return { rows: r?.total ?? 0, gaps };
	} finally {
		prepared.cleanup();
	}
}
