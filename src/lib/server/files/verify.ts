import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Queryable } from '../db';
import { filesDir, hashBlob } from './store';
import { uploadDetail } from './upload';
import { listDigest } from './document-list';

/**
 * Verification of the case file: every stored file is read again and re-hashed (a changed or missing file is
 * named), and every record is compared with the audit entry made when it was added (a record changed, deleted or
 * slipped in behind the log shows). With the audit chain verified too, nothing in the case file changes unseen.
 */

export type FileProblemKind = 'changed' | 'missing' | 'record-changed' | 'unrecorded' | 'record-deleted' | 'list-changed' | 'blob-unrecorded';

/** The stored files' hashes: the store's one level of folders named by the first two hex digits. */
function storedBlobs(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((sub) => /^[0-9a-f]{2}$/.test(sub))
		.flatMap((sub) => readdirSync(join(dir, sub)).filter((name) => /^[0-9a-f]{64}$/.test(name) && name.startsWith(sub)));
}

export interface FileProblem {
	kind: FileProblemKind;
	/** The records concerned. */
	ids: number[];
	sha256: string | null;
	detail: string;
}

export interface FilesCheck {
	ok: boolean;
	records: number;
	files: number;
	bytes: number;
	problems: FileProblem[];
	seconds: number;
}

export async function verifyFiles(db: Queryable, dir = filesDir(), onFile?: (done: number, total: number) => void): Promise<FilesCheck> {
	const started = Date.now();
	const problems: FileProblem[] = [];
	const blobs = await db.query<{ sha256: string; ids: number[]; size: number | null }>(
		`SELECT sha256, list(id ORDER BY id) AS ids, max(size_bytes) AS size FROM case_files WHERE source = 'upload' GROUP BY sha256 ORDER BY sha256`
	);
	let bytes = 0;
	for (const [i, b] of blobs.entries()) {
		const now = await hashBlob(b.sha256, dir);
		if (!now) problems.push({ kind: 'missing', ids: b.ids, sha256: b.sha256, detail: `文件缺失：${b.sha256}` });
		else if (now.sha256 !== b.sha256 || (b.size !== null && now.size !== b.size))
			problems.push({
				kind: 'changed',
				ids: b.ids,
				sha256: b.sha256,
				detail: `文件内容已改变：应为 ${b.sha256}（${b.size} 字节），实为 ${now.sha256}（${now.size} 字节）`
			});
		else bytes += now.size;
		onFile?.(i + 1, blobs.length);
	}

	const records = await db.query<{
		id: number;
		agency: string;
		case_id: string;
		stage: string;
		doc_type: string;
		title: string;
		size_bytes: number | null;
		sha256: string;
		supersedes: number | null;
		detail: string | null;
	}>(
		`SELECT f.id, f.agency, f.case_id, f.stage, f.doc_type, f.title, f.size_bytes, f.sha256, f.supersedes, a.detail
		FROM case_files f LEFT JOIN audit_log a ON a.action = 'file-uploaded' AND a.target_id = CAST(f.id AS VARCHAR)
		WHERE f.source = 'upload' ORDER BY f.id`
	);
	for (const r of records) {
		if (r.detail === null) problems.push({ kind: 'unrecorded', ids: [r.id], sha256: r.sha256, detail: `第 ${r.id} 号材料在审计日志中没有上传记录` });
		else if (r.detail !== JSON.stringify(uploadDetail(r)))
			problems.push({ kind: 'record-changed', ids: [r.id], sha256: r.sha256, detail: `第 ${r.id} 号材料的记录与上传时的审计记录不符` });
	}
	const orphans = await db.query<{ target_id: string }>(
		`SELECT target_id FROM audit_log WHERE action = 'file-uploaded' AND target_id NOT IN (SELECT CAST(id AS VARCHAR) FROM case_files) ORDER BY seq`
	);
	for (const o of orphans)
		problems.push({ kind: 'record-deleted', ids: [Number(o.target_id)], sha256: null, detail: `第 ${o.target_id} 号材料的记录已被删除` });

	const lists = await db.query<{ batch: string | null; digest: string | null }>(
		`SELECT json_extract_string(detail, '$.batch') AS batch, json_extract_string(detail, '$.digest') AS digest FROM audit_log WHERE action = 'file-list-imported' ORDER BY seq`
	);
	for (const l of lists) {
		if (!l.batch) continue;
		const now = await listDigest(db, l.batch);
		if (now.digest !== l.digest)
			problems.push({ kind: 'list-changed', ids: now.ids, sha256: null, detail: `导入的材料清单 ${l.batch} 与导入时的审计记录不符` });
	}
	// A record deleted together with its upload entry (and the chain re-signed) still leaves its file in the store,
	// which is never deleted from: a stored file that no record names is that, or an edit of the store.
	const named = new Set((await db.query<{ sha256: string }>('SELECT DISTINCT sha256 FROM case_files')).map((r) => r.sha256));
	for (const sha256 of storedBlobs(dir)) {
		if (!named.has(sha256))
			problems.push({ kind: 'blob-unrecorded', ids: [], sha256, detail: `存储中的文件 ${sha256} 没有任何材料记录（记录连同其上传记录被删除）` });
	}
	const [n] = await db.query<{ n: number }>('SELECT count(*) AS n FROM case_files');
	return { ok: problems.length === 0, records: n?.n ?? 0, files: blobs.length, bytes, problems, seconds: (Date.now() - started) / 1000 };
}
