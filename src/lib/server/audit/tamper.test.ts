import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryHash, entryMac, GENESIS_HASH, type AuditContent, type AuditEntry } from '../../domain/audit-chain';
import { openMigrated, type Database } from '../db';
import { loadCatalog } from '../catalog';
import { addUploadedDocument, verifyFiles } from '../files';
import { appendAudit, databaseHead, rotateAuditKey, verifyAudit, type SignedHead } from './log';
import { AuditKeyError, sidecarOf, sidecarPaths, type Keyring } from './sidecar';
import { createHmac } from 'node:crypto';

/** Each test plays an attacker who can write the database file, and sometimes the files beside it. */

const dir = mkdtempSync(join(tmpdir(), 'equitas-tamper-'));
let store: string;
let db: Database;
let path: string;
let n = 0;

async function entries(from = 1): Promise<AuditEntry[]> {
	return db.query<AuditEntry>(
		`SELECT seq, "at", actor, action, target_type, target_id, detail, ip, prev_hash, hash FROM audit_log WHERE seq >= ? ORDER BY seq`,
		[from]
	);
}

/** Recomputes the chain from `from` on with `sign`, as an attacker who edited or deleted an entry would. */
async function rechain(from: number, sign: (prev: string, c: AuditContent) => string): Promise<void> {
	const [before] = await db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = ?', [from - 1]);
	let prev = before?.hash ?? GENESIS_HASH;
	for (const e of await entries(from)) {
		const hash = sign(prev, e);
		await db.run('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?', [prev, hash, e.seq]);
		prev = hash;
	}
}

const keyring = (): Keyring => JSON.parse(readFileSync(sidecarPaths(path).keyFile, 'utf8')) as Keyring;
const theKey = () => Buffer.from(keyring().keys.at(-1)!.key, 'base64');

afterAll(() => {
	delete process.env.EQUITAS_FILES;
	rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
	path = join(dir, `t${++n}.duckdb`);
	store = join(dir, `store${n}`);
	process.env.EQUITAS_FILES = store;
	db = await openMigrated(path);
	for (let i = 1; i <= 6; i++) await appendAudit(db, { actor: `user${i}`, action: 'sign-in', ip: '127.0.0.1', detail: { n: i } });
});
afterEach(async () => db.close());

describe('the keyed audit chain', () => {
	it('verifies an untouched log, keeps its key outside the database, readable by the server user only', async () => {
		expect(await verifyAudit(db)).toEqual({ ok: true, entries: 6 });
		const { keyFile, headFile } = sidecarPaths(path);
		expect(statSync(keyFile).mode & 0o777).toBe(0o600);
		const key = keyring().keys[0]!.key;
		const stored = await db.query<{ n: number }>(
			`SELECT (SELECT count(*) FROM audit_log WHERE contains(coalesce(detail, '') || hash, ?)) + (SELECT count(*) FROM settings WHERE contains(value, ?)) AS n`,
			[key, key]
		);
		expect(stored[0]!.n).toBe(0);
		const head = JSON.parse(readFileSync(headFile, 'utf8')) as SignedHead;
		expect(head).toMatchObject((await databaseHead(db))!);
	});

	it('finds an entry edited and re-chained without the key', async () => {
		await db.run(`UPDATE audit_log SET actor = 'nobody' WHERE seq = 3`);
		await rechain(3, entryHash);
		expect(await verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 3, kind: 'mac' });
	});

	it('finds an entry appended without the key', async () => {
		const [last] = await entries(6);
		const c: AuditContent = { ...last!, seq: 7, actor: 'admin', action: 'user-added', detail: null };
		await db.run(`INSERT INTO audit_log SELECT ?, ?, ?, ?, null, null, null, ?, ?, ?`, [
			7,
			c.at,
			c.actor,
			c.action,
			c.ip,
			last!.hash,
			entryHash(last!.hash, c)
		]);
		expect(await verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 7, kind: 'mac' });
	});

	it('finds the newest entries deleted, by the head kept outside the database', async () => {
		await db.run('DELETE FROM audit_log WHERE seq > 4');
		const r = await verifyAudit(db);
		expect(r).toMatchObject({ ok: false, brokenAt: 5, kind: 'head' });
		expect(r.ok || r.reason).toMatch(/最新的记录被删除.*第 6 条.*只到第 4 条/);
	});

	it('finds a head file set back to match a cut log, since it is signed', async () => {
		const [fourth] = await entries(4);
		await db.run('DELETE FROM audit_log WHERE seq > 4');
		sidecarOf(db).writeHead({ seq: 4, hash: fourth!.hash, at: fourth!.at, key_id: keyring().keys[0]!.id, mac: 'f'.repeat(64) });
		expect(await verifyAudit(db)).toMatchObject({ ok: false, kind: 'head' });
	});

	it('refuses to verify or append without the key file, instead of re-keying quietly', async () => {
		rmSync(sidecarPaths(path).keyFile);
		expect(await verifyAudit(db)).toMatchObject({ ok: false, kind: 'key-missing' });
		await db.close();
		db = await openMigrated(path);
		await expect(appendAudit(db, { actor: 'admin', action: 'export' })).rejects.toThrow(AuditKeyError);
	});

	it('keeps an append that committed when its head cannot be written outside, and verify names the head behind', async () => {
		const { headFile } = sidecarPaths(path);
		rmSync(headFile);
		// A folder in the head file's place: its rename fails, as a full disk would fail the write.
		mkdirSync(headFile);
		await appendAudit(db, { actor: 'admin', action: 'export' });
		expect((await databaseHead(db))!.seq).toBe(7);
		rmSync(headFile, { recursive: true });
		await appendAudit(db, { actor: 'admin', action: 'export' });
		expect(await verifyAudit(db)).toEqual({ ok: true, entries: 8 });
	});

	it('rotates the key: the rotation entry is signed with the old key, what follows with the new', async () => {
		const r = await rotateAuditKey(db, 'admin');
		await appendAudit(db, { actor: 'admin', action: 'export' });
		expect(keyring().keys.map((k) => k.id)).toEqual([r.previous, r.keyId]);
		expect(await verifyAudit(db)).toEqual({ ok: true, entries: 8 });
		// An entry after the rotation re-signed with the old key does not pass.
		const oldKey = Buffer.from(keyring().keys[0]!.key, 'base64');
		await db.run(`UPDATE audit_log SET actor = 'nobody' WHERE seq = 8`);
		await rechain(8, (prev, c) => entryMac(oldKey, prev, c));
		expect(await verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 8, kind: 'mac' });
	});

	it('compares the log with checkpoints exported earlier, which catch a rewrite even by someone holding the key', async () => {
		const checkpoint = await databaseHead(db);
		await db.run(`UPDATE audit_log SET actor = 'nobody' WHERE seq = 2`);
		const key = theKey();
		await rechain(2, (prev, c) => entryMac(key, prev, c));
		const last = (await databaseHead(db))!;
		const head = { seq: last.seq, hash: last.hash, at: last.at };
		const mac = createHmac('sha256', key).update(`equitas-audit-head\n${head.seq}\n${head.hash}\n${head.at}`).digest('hex');
		sidecarOf(db).writeHead({ ...head, key_id: keyring().keys[0]!.id, mac });
		// With the key and the head file rewritten too, only the outside copy disagrees.
		expect(await verifyAudit(db)).toEqual({ ok: true, entries: 6 });
		expect(await verifyAudit(db, { checkpoints: [checkpoint!] })).toMatchObject({ ok: false, brokenAt: 6, kind: 'checkpoint' });
	});
});

describe('a case-file record deleted with its upload entry', () => {
	const AGENCY = '临江市住房公积金管理中心';
	async function upload(text: string) {
		return addUploadedDocument(
			db,
			loadCatalog(),
			{
				agency: AGENCY,
				caseId: 'T1',
				stage: 'decided_on',
				docType: '行政处罚决定书',
				fileName: '决定书.pdf',
				docDate: '2024-03-01',
				supersedes: null,
				note: null,
				username: 'zhifa',
				user: { roles: ['officer'], certNo: 'A1' },
				ip: '127.0.0.1'
			},
			Readable.from([Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`)])
		);
	}
	beforeEach(async () => {
		await db.run(
			`INSERT INTO cases (agency, case_id, department, category, item_code, item_name, procedure, status, party_type, party_name, fine_amount,
			 circumstance_tier, filed_on, decided_on, officer_ids, penalty_types)
			 VALUES (?, 'T1', '第一管理部', '行政处罚', 'HPF-37-1', '单位不办理住房公积金缴存登记', '普通程序', '已结案', '法人及非法人组织', 'T1公司', 20000,
			 '一般', '2024-01-05', '2024-03-01', ['A1'], ['罚款'])`,
			[AGENCY]
		);
	});

	async function deletePair(docId: number): Promise<number> {
		const [e] = await db.query<{ seq: number }>(`SELECT seq FROM audit_log WHERE action = 'file-uploaded' AND target_id = ?`, [String(docId)]);
		await db.run('DELETE FROM case_files WHERE id = ?', [docId]);
		await db.run('DELETE FROM audit_log WHERE seq = ?', [e!.seq]);
		return e!.seq;
	}

	it('is found by the chain when the entries after it are left as they were', async () => {
		const doc = await upload('one');
		await upload('two');
		expect((await verifyFiles(db, store)).ok).toBe(true);
		const seq = await deletePair(doc.id);
		expect(await verifyAudit(db)).toMatchObject({ ok: false, brokenAt: seq + 1, kind: 'sequence' });
	});

	it('is found by the file left in the store when the attacker holds the key and rewrote the head', async () => {
		const doc = await upload('three');
		await upload('four');
		const seq = await deletePair(doc.id);
		await db.run('UPDATE audit_log SET seq = seq - 1 WHERE seq > ?', [seq]);
		const key = theKey();
		await rechain(seq, (prev, c) => entryMac(key, prev, c));
		const last = (await databaseHead(db))!;
		const mac = createHmac('sha256', key).update(`equitas-audit-head\n${last.seq}\n${last.hash}\n${last.at}`).digest('hex');
		sidecarOf(db).writeHead({ seq: last.seq, hash: last.hash, at: last.at, key_id: keyring().keys[0]!.id, mac });
		expect((await verifyAudit(db)).ok).toBe(true);
		const files = await verifyFiles(db, store);
		expect(files.ok).toBe(false);
		expect(files.problems).toMatchObject([{ kind: 'blob-unrecorded', sha256: doc.sha256 }]);
	});
});

describe('a database whose log was chained before the key', () => {
	it('still verifies, and is signed from the entry that starts the key on', async () => {
		const legacy = join(dir, 'legacy.duckdb');
		const old = await openMigrated(legacy);
		let prev = GENESIS_HASH;
		for (let seq = 1; seq <= 4; seq++) {
			const c: AuditContent = {
				seq,
				at: `2025-01-0${seq}T08:00:00.000Z`,
				actor: 'admin',
				action: 'sign-in',
				target_type: null,
				target_id: null,
				detail: null,
				ip: null
			};
			const hash = entryHash(prev, c);
			await old.run(`INSERT INTO audit_log VALUES (?, ?, ?, ?, null, null, null, null, ?, ?)`, [seq, c.at, c.actor, c.action, prev, hash]);
			prev = hash;
		}
		try {
			expect(existsSync(sidecarPaths(legacy).keyFile)).toBe(false);
			expect(await verifyAudit(old)).toEqual({ ok: true, entries: 4 });
			await appendAudit(old, { actor: 'admin', action: 'export' });
			const after = await old.query<{ seq: number; action: string }>('SELECT seq, action FROM audit_log WHERE seq > 4 ORDER BY seq');
			expect(after).toEqual([
				{ seq: 5, action: 'audit-key-started' },
				{ seq: 6, action: 'export' }
			]);
			expect(await verifyAudit(old)).toEqual({ ok: true, entries: 6 });
			// Stripping the start entry and re-chaining the rest unkeyed does not turn the log back into an old one.
			await old.run('DELETE FROM audit_log WHERE seq = 5');
			await old.run('UPDATE audit_log SET seq = 5 WHERE seq = 6');
			const [last] = await old.query<AuditEntry>(
				`SELECT seq, "at", actor, action, target_type, target_id, detail, ip, prev_hash, hash FROM audit_log WHERE seq = 5`
			);
			await old.run('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = 5', [prev, entryHash(prev, last!)]);
			expect(await verifyAudit(old)).toMatchObject({ ok: false, brokenAt: 5, kind: 'key-start' });
		} finally {
			await old.close();
		}
	});
});
