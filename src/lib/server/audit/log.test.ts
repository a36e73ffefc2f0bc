import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { appendAudit, listAudit, verifyAudit } from './log';

let db: Database;
beforeEach(async () => {
	db = await openMigrated(':memory:');
	for (let i = 1; i <= 6; i++) await appendAudit(db, { actor: `user${i}`, action: 'sign-in', ip: '127.0.0.1', detail: { n: i } });
});
afterEach(async () => db.close());

describe('the audit log in the database', () => {
	it('chains concurrent appends without gaps', async () => {
		await Promise.all(Array.from({ length: 20 }, (_, i) => appendAudit(db, { actor: 'admin', action: 'user-added', targetType: 'user', targetId: `u${i}` })));
		expect(await verifyAudit(db)).toEqual({ ok: true, entries: 26 });
		expect((await listAudit(db, { action: 'user-added' })).total).toBe(20);
	});

	it('names an edited row', async () => {
		await db.run(`UPDATE audit_log SET actor = 'nobody' WHERE seq = 4`);
		expect(await verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 4 });
	});

	it('names the row after a deleted one', async () => {
		await db.run(`DELETE FROM audit_log WHERE seq = 3`);
		expect(await verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 4 });
	});

	it('names reordered rows', async () => {
		// Swap the contents of entries 2 and 5 but keep their sequence numbers.
		await db.run(`CREATE TEMP TABLE a AS SELECT * FROM audit_log WHERE seq IN (2, 5)`);
		await db.run(
			`UPDATE audit_log SET actor = (SELECT actor FROM a WHERE a.seq = 7 - audit_log.seq), detail = (SELECT detail FROM a WHERE a.seq = 7 - audit_log.seq) WHERE seq IN (2, 5)`
		);
		expect(await verifyAudit(db)).toMatchObject({ ok: false, brokenAt: 2 });
	});
});
