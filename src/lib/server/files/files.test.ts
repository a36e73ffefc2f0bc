import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { loadCatalog } from '../catalog';
import { loadCalendar } from '../calendar';
import { listAudit, verifyAudit } from '../audit';
import { updateFlags, listFlags } from '../review';
import type { Viewer } from '../../domain/masking';
import {
	addUploadedDocument,
	blobPath,
	documentsOf,
	evaluateCaseFiles,
	FileError,
	importDocumentList,
	openDocument,
	storeStream,
	verifyFiles,
	type UploadRequest
} from './index';
import { parseRange } from './serve';

const dir = mkdtempSync(join(tmpdir(), 'equitas-files-'));
const store = join(dir, 'store');
const catalog = loadCatalog();
const AGENCY = '临江市住房公积金管理中心';
const officer: Viewer = { roles: ['officer'], certNo: 'A1' };
let db: Database;

async function addCase(caseId: string, over: Record<string, string | number | null> = {}): Promise<void> {
	const cols: Record<string, string | number | null> = {
		agency: AGENCY,
		case_id: caseId,
		department: '第一管理部',
		category: '行政处罚',
		item_code: 'HPF-37-1',
		item_name: '单位不办理住房公积金缴存登记',
		procedure: '普通程序',
		status: '已结案',
		party_type: '法人及非法人组织',
		party_name: `${caseId}公司`,
		fine_amount: 20000,
		circumstance_tier: '一般',
		filed_on: '2024-01-05',
		investigated_on: '2024-02-01',
		notified_on: '2024-02-10',
		decided_on: '2024-03-01',
		served_on: '2024-03-04',
		closed_on: '2024-03-20',
		...over
	};
	const keys = Object.keys(cols);
	await db.run(
		`INSERT INTO cases (${keys.join(', ')}, officer_ids, penalty_types) VALUES (${keys.map(() => '?').join(', ')}, ['A1', 'A2'], ['罚款'])`,
		keys.map((k) => cols[k] ?? null)
	);
}

function request(over: Partial<UploadRequest> = {}): UploadRequest {
	return {
		agency: AGENCY,
		caseId: 'F1',
		stage: 'decided_on',
		docType: '行政处罚决定书',
		fileName: '决定书.pdf',
		docDate: '2024-03-01',
		supersedes: null,
		note: null,
		username: 'zhifa',
		user: officer,
		ip: '127.0.0.1',
		...over
	};
}

const pdf = (text: string) => Readable.from([Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`)]);
const sha = (text: string) => createHash('sha256').update(`%PDF-1.4\n% ${text}\n%%EOF\n`).digest('hex');

beforeAll(async () => {
	process.env.EQUITAS_FILES = store;
	db = await openMigrated(join(dir, 'files.duckdb'));
	await addCase('F1');
	await addCase('F2', { department: '第二管理部' });
	await addCase('F3', { party_type: '自然人', party_name: '张三丰' });
});

afterAll(async () => {
	await db?.close();
	delete process.env.EQUITAS_FILES;
	rmSync(dir, { recursive: true, force: true });
});

describe('uploading a document to a stage', () => {
	it('stores it under its SHA-256, records it and audits the hash', async () => {
		const d = await addUploadedDocument(db, catalog, request(), pdf('decision v1'));
		expect(d).toMatchObject({
			case_id: 'F1',
			stage: 'decided_on',
			doc_type: '行政处罚决定书',
			title: '决定书.pdf',
			sha256: sha('decision v1'),
			source: 'upload'
		});
		expect(d.media_type).toBe('application/pdf');
		const { rows } = await listAudit(db, { action: 'file-uploaded' });
		expect(JSON.parse(rows[0]!.detail!)).toMatchObject({ id: d.id, sha256: d.sha256 });
		expect((await verifyAudit(db)).ok).toBe(true);
		const check = await verifyFiles(db, store);
		expect(check).toMatchObject({ ok: true, files: 1, records: 1 });
	});

	it('refuses, before storing anything, what an officer may not file', async () => {
		const refused = async (r: Partial<UploadRequest>) => addUploadedDocument(db, catalog, request(r), pdf('never')).catch((e: unknown) => e);
		expect(await refused({ fileName: 'page.html' })).toMatchObject({ status: 415 });
		expect(await refused({ docType: '自编文书' })).toMatchObject({ status: 400 });
		expect(await refused({ stage: 'somewhere' })).toMatchObject({ status: 400 });
		expect(await refused({ docDate: '2024-02-30' })).toMatchObject({ status: 400 });
		expect(await refused({ caseId: 'NOPE' })).toMatchObject({ status: 404 });
		expect(await refused({ user: { roles: ['officer'], certNo: 'Z9' } })).toMatchObject({ status: 403 });
		expect(await refused({ user: { roles: ['leader'] } })).toBeInstanceOf(FileError);
		expect((await documentsOf(db, AGENCY, 'F1')).length).toBe(1);
	});

	it('refuses content that is not of the type its name says, and keeps none of it', async () => {
		const html = Buffer.from('<html><script>alert(document.cookie)</script></html>');
		const e = await addUploadedDocument(db, catalog, request({ fileName: '决定书.pdf' }), Readable.from([html])).catch((x: unknown) => x);
		expect(e).toMatchObject({ status: 415 });
		expect(existsSync(blobPath(createHash('sha256').update(html).digest('hex'), store))).toBe(false);
		expect((await documentsOf(db, AGENCY, 'F1')).length).toBe(1);
	});

	it('keeps both versions when a document is corrected, and refuses to fork the chain', async () => {
		const [first] = await documentsOf(db, AGENCY, 'F1');
		await expect(addUploadedDocument(db, catalog, request({ supersedes: first!.id }), pdf('decision v2'))).rejects.toThrow(/更正理由/);
		const second = await addUploadedDocument(db, catalog, request({ supersedes: first!.id, note: '文号有误' }), pdf('decision v2'));
		expect(second).toMatchObject({ supersedes: first!.id, note: '文号有误' });
		const all = await documentsOf(db, AGENCY, 'F1');
		expect(all.map((d) => d.sha256)).toEqual([sha('decision v1'), sha('decision v2')]);
		await expect(addUploadedDocument(db, catalog, request({ supersedes: first!.id, note: '再改' }), pdf('decision v3'))).rejects.toMatchObject({ status: 409 });
		expect((await verifyFiles(db, store)).ok).toBe(true);
	});

	it('keeps the same content once', async () => {
		const a = await addUploadedDocument(db, catalog, request({ caseId: 'F2', stage: 'filed_on', docType: '立案审批表', fileName: 'a.pdf' }), pdf('same'));
		const b = await addUploadedDocument(db, catalog, request({ caseId: 'F2', stage: 'filed_on', docType: '立案审批表', fileName: 'b.pdf' }), pdf('same'));
		expect(a.sha256).toBe(b.sha256);
		expect(a.id).not.toBe(b.id);
		expect((await verifyFiles(db, store)).files).toBe(3);
	});
});

describe('verify', () => {
	it('reports a file altered on disk, and a file gone missing', async () => {
		const path = blobPath(sha('decision v1'), store);
		chmodSync(path, 0o644);
		writeFileSync(path, '%PDF-1.4\n% decision v1 — altered\n%%EOF\n');
		const changed = await verifyFiles(db, store);
		expect(changed.ok).toBe(false);
		expect(changed.problems).toEqual([expect.objectContaining({ kind: 'changed', sha256: sha('decision v1'), ids: [1] })]);
		rmSync(path);
		expect((await verifyFiles(db, store)).problems).toEqual([expect.objectContaining({ kind: 'missing', ids: [1] })]);
		// Put the original back: the store is whole again.
		await storeStream(pdf('decision v1'), undefined, store);
		expect((await verifyFiles(db, store)).ok).toBe(true);
	});

	it('reports a record changed or deleted behind the audit log', async () => {
		await db.run(`UPDATE case_files SET doc_type = '送达回证' WHERE id = 2`);
		expect((await verifyFiles(db, store)).problems).toEqual([expect.objectContaining({ kind: 'record-changed', ids: [2] })]);
		await db.run(`UPDATE case_files SET doc_type = '行政处罚决定书' WHERE id = 2`);
		await db.run(
			`INSERT INTO case_files (agency, case_id, stage, doc_type, title, media_type, sha256, source, uploaded_by) VALUES (?, 'F1', 'filed_on', '立案审批表', 'x.pdf', 'application/pdf', ?, 'upload', 'x')`,
			[AGENCY, sha('decision v1')]
		);
		const slipped = await verifyFiles(db, store);
		expect(slipped.problems.map((p) => p.kind)).toEqual(['unrecorded']);
		await db.run(`DELETE FROM case_files WHERE uploaded_by = 'x'`);
		expect((await verifyFiles(db, store)).ok).toBe(true);
	});
});

describe('viewing', () => {
	it('serves ranges and audits one view per playback, and a download', async () => {
		const r = { user: officer, username: 'zhifa', ip: null, download: false, head: false };
		const whole = await openDocument(db, 2, { ...r, range: null });
		expect(whole.status).toBe(200);
		expect(whole.headers['content-disposition']).toMatch(/^inline;.*filename\*=UTF-8''%E5%86%B3/);
		expect(await new Response(whole.body).text()).toContain('decision v2');
		const part = await openDocument(db, 2, { ...r, range: 'bytes=0-3' });
		expect(part.status).toBe(206);
		expect(await new Response(part.body).text()).toBe('%PDF');
		await openDocument(db, 2, { ...r, range: 'bytes=4-' });
		await openDocument(db, 2, { ...r, range: null, download: true });
		const { rows } = await listAudit(db, {});
		expect(rows.filter((e) => e.action === 'file-viewed').length).toBe(2);
		expect(rows.filter((e) => e.action === 'file-downloaded').length).toBe(1);
		expect(parseRange('bytes=-4', 10)).toEqual({ start: 6, end: 9 });
		expect(parseRange('bytes=20-', 10)).toBe('unsatisfiable');
	});

	it('audits a read that does not start at the first byte, once per viewer, file and hour', async () => {
		const r = { user: officer, username: 'zhifa2', ip: null, download: false, head: false };
		const viewsOf = async (who: string) => (await listAudit(db, { action: 'file-viewed', actor: who })).total;
		const tail = await openDocument(db, 2, { ...r, range: 'bytes=1-' });
		expect(tail.status).toBe(206);
		expect(await new Response(tail.body).text()).toContain('decision v2');
		expect(await viewsOf('zhifa2')).toBe(1);
		await Promise.all([openDocument(db, 2, { ...r, range: 'bytes=2-5' }), openDocument(db, 2, { ...r, range: 'bytes=6-' })]);
		expect(await viewsOf('zhifa2')).toBe(1);
		await openDocument(db, 2, { ...r, username: 'zhifa3', range: 'bytes=1-' });
		expect(await viewsOf('zhifa3')).toBe(1);
		await openDocument(db, 2, { ...r, range: 'bytes=1-', head: true });
		expect(await viewsOf('zhifa2')).toBe(1);
	});

	it("opens a natural person's case file only to those who may see the person's data", async () => {
		const d = await addUploadedDocument(
			db,
			catalog,
			request({ caseId: 'F3', stage: 'filed_on', docType: '立案审批表', fileName: '张三丰立案审批表.pdf' }),
			pdf('person')
		);
		const leader = { user: { roles: ['leader'] } as Viewer, username: 'lingdao', ip: null, download: false, head: false, range: null };
		await expect(openDocument(db, d.id, leader)).rejects.toMatchObject({ status: 403 });
		expect((await openDocument(db, d.id, { ...leader, user: officer })).status).toBe(200);
	});
});

describe('document lists from case-management systems', () => {
	it('records listed documents as metadata, reports unreadable rows and imports a list once', async () => {
		const csv = join(dir, 'list.csv');
		writeFileSync(
			csv,
			[
				'案件编号,环节,文书类型,文件名,SHA-256,文件大小,文书日期',
				`F2,调查,调查询问笔录,询问笔录.pdf,${'a'.repeat(64)},1024,2024-02-01`,
				`F2,,送达回证,送达回证.jpg,${'B'.repeat(64)},,2024年3月4日`,
				`F9,立案,立案审批表,x.pdf,${'c'.repeat(64)},,`,
				`F2,立案,不认识的文书,x.pdf,nothex,,`
			].join('\n')
		);
		const first = await importDocumentList(db, catalog, csv, 'fenxi');
		expect(first).toMatchObject({ rows: 4, imported: 2, unchanged: 0 });
		expect(first.rejected.map((r) => r.line)).toEqual([4, 5]);
		expect(first.rejected[0]!.reasons).toEqual(['没有案件 F9']);
		expect(first.rejected[1]!.reasons.join('；')).toMatch(/不认识的文书.*SHA-256/);
		const docs = (await documentsOf(db, AGENCY, 'F2')).filter((d) => d.source === 'import');
		expect(docs.map((d) => [d.stage, d.doc_type, d.doc_date, d.sha256.slice(0, 2)])).toEqual([
			['investigated_on', '调查询问笔录', '2024-02-01', 'aa'],
			['served_on', '送达回证', '2024-03-04', 'bb']
		]);
		const again = await importDocumentList(db, catalog, csv, 'fenxi');
		expect(again).toMatchObject({ imported: 0, unchanged: 2 });
		expect((await verifyFiles(db, store)).ok).toBe(true);
		await db.run(`UPDATE case_files SET title = '改名.pdf' WHERE source = 'import' AND doc_type = '送达回证'`);
		expect((await verifyFiles(db, store)).problems.map((p) => p.kind)).toEqual(['list-changed']);
		await db.run(`UPDATE case_files SET title = '送达回证.jpg' WHERE source = 'import' AND doc_type = '送达回证'`);
	});
});

describe('case-file evaluation and R14', () => {
	it('lists incomplete case files by branch and flags them for review', async () => {
		await addCase('F4', { department: '第二管理部' });
		const e = await evaluateCaseFiles(db, catalog);
		expect(e.totals).toMatchObject({ withFile: 3, withoutFile: 1, complete: 0, incomplete: 3 });
		expect(e.branches.map((b) => [b.department, b.withFile, b.withoutFile])).toEqual([
			['第一管理部', 2, 0],
			['第二管理部', 1, 1]
		]);
		expect(e.incomplete.find((r) => r.case_id === 'F1')?.missing).toContain('立案审批表');
		expect((await evaluateCaseFiles(db, catalog, { department: '第二管理部' })).incomplete.map((r) => r.case_id)).toEqual(['F2']);

		await updateFlags(db, catalog, loadCalendar(), null, true);
		const r14 = await listFlags(db, { rule: 'R14' });
		expect(r14.map((f) => f.case_id).sort()).toEqual(['F1', 'F2', 'F3']);
		expect(r14.find((f) => f.case_id === 'F1')?.reason).toMatch(/^电子案卷缺少立案审批表/);
	});
});

describe('a large upload', () => {
	it('streams to disk without holding the file in memory', async () => {
		const mb = 512;
		const chunk = Buffer.alloc(1024 * 1024, 7);
		const body = Readable.from(
			(function* () {
				for (let i = 0; i < mb; i++) yield chunk;
			})()
		);
		globalThis.gc?.();
		const before = process.memoryUsage().rss;
		let peak = before;
		const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
		const started = performance.now();
		const stored = await storeStream(body, 4 * 1024 ** 3, store);
		const seconds = (performance.now() - started) / 1000;
		clearInterval(timer);
		peak = Math.max(peak, process.memoryUsage().rss);
		expect(stored.size).toBe(mb * 1024 * 1024);
		const grew = (peak - before) / 1024 ** 2;
		console.log(`stored ${mb} MB in ${seconds.toFixed(2)} s (${(mb / seconds).toFixed(0)} MB/s); resident memory grew by ${grew.toFixed(1)} MB at most`);
		expect(grew).toBeLessThan(64);
		rmSync(blobPath(stored.sha256, store), { force: true });
	}, 120_000);
});
