import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { Catalog } from '../../domain/catalog';
import { isSha256, cleanFileName, mediaOf } from '../../domain/case-file';
import { readDate, readInt, trimText } from '../../domain/cell-values';
import { parseStageWord } from '../../domain/stages';
import { normalizeHeader } from '../../domain/headers';
import { appendAudit } from '../audit';
import type { Database, Queryable } from '../db';
import { sniffEncoding } from '../import/decode';
import { LocalizedError } from '../../i18n/error';
import { msg, type Text } from '../../i18n/message';

/**
 * Document lists exported by case-management systems (案卷材料清单): one row per document with its case, type,
 * file name and SHA-256. They are recorded as metadata (source 'import'): the completeness check counts them, and
 * a later upload of the same bytes is recognised by its hash. Rows that cannot be read come back with reasons.
 */

const COLUMNS = {
	case_id: ['案件编号', '案号', '立案编号', '案件号'],
	agency: ['执法机关', '执法主体', '处罚机关', '实施机关'],
	stage: ['环节', '办案环节', '执法环节', '阶段'],
	doc_type: ['文书类型', '材料类型', '文书种类', '材料种类'],
	title: ['文件名', '文件名称', '材料名称', '文书名称'],
	sha256: ['SHA-256', 'SHA256', '哈希值', '文件哈希', '文件哈希值', '散列值'],
	size: ['文件大小', '大小', '字节数', '文件大小(字节)'],
	doc_date: ['文书日期', '日期', '制作日期', '签发日期']
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: readonly Column[] = ['case_id', 'doc_type', 'title', 'sha256'];
const INSERT_CHUNK = 400;

export interface ListRejection {
	line: number;
	raw: string;
	reasons: string[];
}

export interface ListImport {
	batch: string;
	file: string;
	rows: number;
	imported: number;
	unchanged: number;
	rejected: ListRejection[];
}

export class DocumentListError extends LocalizedError {
	constructor(text: Text) {
		super(text);
		this.name = 'DocumentListError';
	}
}

function decode(bytes: Buffer): string {
	const s = sniffEncoding(bytes.subarray(0, 256 * 1024));
	return iconv.decode(bytes.subarray(s.bom), s.encoding);
}

function mapColumns(header: readonly string[]): Partial<Record<Column, number>> {
	const out: Partial<Record<Column, number>> = {};
	const norm = header.map((h) => normalizeHeader(h).toUpperCase());
	for (const [key, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
		const i = norm.findIndex((h) => names.some((n) => normalizeHeader(n).toUpperCase() === h));
		if (i >= 0) out[key] = i;
	}
	return out;
}

/** Reads a document list (CSV/TSV; UTF-8, GBK or UTF-16) and records its rows; re-importing the same list changes nothing. */
export async function importDocumentList(
	db: Database,
	catalog: Catalog,
	path: string,
	user: string,
	ip: string | null = null,
	fileName = basename(path)
): Promise<ListImport> {
	const text = decode(readFileSync(path));
	const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
	const [header, ...rows] = parsed.data;
	if (!header) throw new DocumentListError(msg('err.upload.empty'));
	const col = mapColumns(header);
	const absent = REQUIRED.filter((k) => col[k] === undefined);
	if (absent.length)
		throw new DocumentListError(msg('err.file.listColumns', { columns: absent.map((k) => COLUMNS[k][0]).join('、'), header: header.join('，') }));

	const cases = await db.query<{ agency: string; case_id: string }>('SELECT agency, case_id FROM cases');
	const agenciesOf = new Map<string, string[]>();
	for (const c of cases) agenciesOf.set(c.case_id, [...(agenciesOf.get(c.case_id) ?? []), c.agency]);
	const types = new Map(catalog.document_types.map((d) => [d.name, d.stage]));

	const batch = `L${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(4).toString('hex')}`;
	const rejected: ListRejection[] = [];
	const good: {
		agency: string;
		case_id: string;
		stage: string;
		doc_type: string;
		title: string;
		doc_date: string | null;
		media: string;
		size: number | null;
		sha256: string;
	}[] = [];
	rows.forEach((cells, i) => {
		const cell = (k: Column) => (col[k] === undefined ? '' : trimText(cells[col[k]!] ?? ''));
		const reasons: string[] = [];
		const caseId = cell('case_id');
		let agency = cell('agency');
		const known = agenciesOf.get(caseId) ?? [];
		if (!caseId) reasons.push('缺少案件编号');
		else if (agency && !known.includes(agency)) reasons.push(`没有案件 ${agency} ${caseId}`);
		else if (!agency && known.length !== 1) reasons.push(known.length ? `案件编号 ${caseId} 属于多个执法机关，请填写执法机关` : `没有案件 ${caseId}`);
		else agency ||= known[0]!;
		const docType = cell('doc_type');
		if (!types.has(docType)) reasons.push(`文书类型「${docType}」不在文书类型清单中`);
		const stageWord = cell('stage');
		const stage = stageWord ? parseStageWord(stageWord) : (types.get(docType) ?? null);
		if (!stage) reasons.push(`环节「${stageWord}」无法识别`);
		const title = cleanFileName(cell('title'));
		if (!cell('title')) reasons.push('缺少文件名');
		const sha256 = cell('sha256').toLowerCase();
		if (!isSha256(sha256)) reasons.push(`「${cell('sha256')}」不是 SHA-256 哈希值（64 位十六进制）`);
		const size = cell('size') ? readInt(cell('size')) : ({ ok: true, value: null } as const);
		if (!size.ok || (size.value !== null && size.value < 0)) reasons.push(`文件大小「${cell('size')}」无法识别`);
		const date = cell('doc_date') ? readDate(cell('doc_date')) : ({ ok: true, value: null } as const);
		if (!date.ok) reasons.push(`文书日期「${cell('doc_date')}」无法识别`);
		if (reasons.length) {
			rejected.push({ line: i + 2, raw: cells.join(','), reasons });
			return;
		}
		good.push({
			agency,
			case_id: caseId,
			stage: stage!,
			doc_type: docType,
			title,
			doc_date: date.ok ? date.value : null,
			media: mediaOf(title)?.type ?? 'application/octet-stream',
			size: size.ok ? size.value : null,
			sha256
		});
	});

	const imported = await db.transaction(async (tx) => {
		await tx.run(`CREATE TEMP TABLE IF NOT EXISTS listed_files (line INTEGER, agency VARCHAR, case_id VARCHAR, stage VARCHAR, doc_type VARCHAR, title VARCHAR,
			doc_date DATE, media_type VARCHAR, size_bytes BIGINT, sha256 VARCHAR)`);
		await tx.run('DELETE FROM listed_files');
		for (let i = 0; i < good.length; i += INSERT_CHUNK) {
			const part = good.slice(i, i + INSERT_CHUNK);
			await tx.run(
				`INSERT INTO listed_files VALUES ${part.map(() => '(?, ?, ?, ?, ?, ?, CAST(? AS DATE), ?, ?, ?)').join(', ')}`,
				part.flatMap((g, k) => [i + k, g.agency, g.case_id, g.stage, g.doc_type, g.title, g.doc_date, g.media, g.size, g.sha256])
			);
		}
		// The same document (case, type, content) listed again, in this list or an earlier one, is recorded once.
		const rows = await tx.query<{ id: number }>(
			`INSERT INTO case_files (agency, case_id, stage, doc_type, title, doc_date, media_type, size_bytes, sha256, source, list_batch, uploaded_by)
			SELECT agency, case_id, stage, doc_type, title, doc_date, media_type, size_bytes, sha256, 'import', ?, ?
			FROM (SELECT *, row_number() OVER (PARTITION BY agency, case_id, doc_type, sha256 ORDER BY line) AS nth FROM listed_files) l
			WHERE nth = 1 AND NOT EXISTS (SELECT 1 FROM case_files f WHERE f.agency = l.agency AND f.case_id = l.case_id AND f.doc_type = l.doc_type AND f.sha256 = l.sha256)
			ORDER BY line
			RETURNING id`,
			[batch, user]
		);
		await tx.run('DROP TABLE listed_files');
		return rows.length;
	});
	if (imported > 0) {
		const { digest } = await listDigest(db, batch);
		await appendAudit(db, {
			actor: user,
			action: 'file-list-imported',
			targetType: 'case-file-list',
			targetId: batch,
			detail: { batch, file: fileName, rows: imported, digest },
			ip
		});
	}
	return { batch, file: fileName, rows: rows.length, imported, unchanged: good.length - imported, rejected };
}

/** The digest of a list's records as they stand: verify compares it with the digest the audit entry holds. */
export async function listDigest(db: Queryable, batch: string): Promise<{ digest: string; ids: number[] }> {
	const rows = await db.query<{
		id: number;
		agency: string;
		case_id: string;
		stage: string;
		doc_type: string;
		title: string;
		sha256: string;
		size_bytes: number | null;
	}>(`SELECT id, agency, case_id, stage, doc_type, title, sha256, size_bytes FROM case_files WHERE list_batch = ? ORDER BY id`, [batch]);
	const h = createHash('sha256');
	for (const r of rows) h.update(JSON.stringify([r.id, r.agency, r.case_id, r.stage, r.doc_type, r.title, r.sha256, r.size_bytes])).update('\n');
	return { digest: h.digest('hex'), ids: rows.map((r) => r.id) };
}
