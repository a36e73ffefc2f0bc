import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { changePublicitySettings, getPublicitySettings } from './settings';

let db: Database;
beforeEach(async () => {
	db = await openMigrated(':memory:');
});
afterEach(async () => db.close());

const actor = { username: 'admin', ip: '10.0.0.1' };
const values = { agencyCode: '91350100M000100Y43', sourceUnit: '', sourceCode: '', pushUrl: 'https://gs.example.gov.cn/push' };
const log = () => db.query('SELECT actor, action, target_type, target_id, detail, ip FROM audit_log ORDER BY seq');

describe("an administrator's change of the publicity settings", () => {
	it('saves them with the secret and logs them without it', async () => {
		expect(await changePublicitySettings(db, actor, values, 's3cret')).toEqual({ ok: true });
		expect(await getPublicitySettings(db)).toEqual({ ...values, pushSecret: 's3cret' });
		expect(await log()).toEqual([
			{ actor: 'admin', action: 'publicity-settings', target_type: 'settings', target_id: 'publicity', detail: JSON.stringify(values), ip: '10.0.0.1' }
		]);
		// Without a secret the saved one stays; an empty one clears it.
		await changePublicitySettings(db, actor, values);
		expect((await getPublicitySettings(db)).pushSecret).toBe('s3cret');
		await changePublicitySettings(db, actor, values, '');
		expect((await getPublicitySettings(db)).pushSecret).toBe('');
	});

	it('names the first invalid field and neither saves nor logs', async () => {
		expect(await changePublicitySettings(db, actor, { ...values, agencyCode: '123', pushUrl: 'ftp://x' })).toEqual({ ok: false, field: 'agencyCode' });
		expect(await changePublicitySettings(db, actor, { ...values, sourceCode: 'X' })).toEqual({ ok: false, field: 'sourceCode' });
		expect(await changePublicitySettings(db, actor, { ...values, pushUrl: 'ftp://x' })).toEqual({ ok: false, field: 'pushUrl' });
		expect((await getPublicitySettings(db)).agencyCode).toBe('');
		expect(await log()).toEqual([]);
	});
});
