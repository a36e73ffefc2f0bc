import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { changeBackupSchedule, getBackupSchedule } from './index';

let db: Database;
beforeEach(async () => {
	db = await openMigrated(':memory:');
});
afterEach(async () => db.close());

describe("an administrator's change of the daily backup", () => {
	it('is saved and logged once, with the schedule as detail', async () => {
		await changeBackupSchedule(db, { username: 'admin', ip: '10.0.0.1' }, { enabled: true, dailyAt: '03:30', keep: 5 });
		expect(await getBackupSchedule(db)).toEqual({ enabled: true, dailyAt: '03:30', keep: 5 });
		const log = await db.query('SELECT actor, action, target_type, target_id, detail, ip FROM audit_log');
		expect(log).toEqual([
			{
				actor: 'admin',
				action: 'setting-changed',
				target_type: 'setting',
				target_id: 'backup.schedule',
				detail: '{"enabled":true,"dailyAt":"03:30","keep":5}',
				ip: '10.0.0.1'
			}
		]);
	});
});
