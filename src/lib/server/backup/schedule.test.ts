import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openMigrated, type Database } from '../db';
import { addDemoAccounts } from '../auth';
import { getBackupSchedule, getScheduleStatus, listBackups, runScheduledIfDue, saveBackupSchedule, takeBackup } from './index';
import { DEFAULT_BACKUP_SCHEDULE } from '../../domain/backup-schedule';

const work = mkdtempSync(join(tmpdir(), 'equitas-schedule-'));
const files = join(work, 'files');
const dir = join(work, 'backups');
const DAY = 86_400_000;
let db: Database;

beforeAll(async () => {
	db = await openMigrated(join(work, 'db.duckdb'));
	await addDemoAccounts(db);
});

afterAll(async () => {
	await db?.close();
	rmSync(work, { recursive: true, force: true });
});

describe('the daily backup', () => {
	it('is off until an administrator turns it on, and keeps what was saved', async () => {
		expect(await getBackupSchedule(db)).toEqual(DEFAULT_BACKUP_SCHEDULE);
		expect(await runScheduledIfDue(db, new Date(), { dir, filesDir: files })).toEqual({ ran: false, why: 'disabled' });
		await saveBackupSchedule(db, { enabled: true, dailyAt: '00:00', keep: 1 });
		expect(await getBackupSchedule(db)).toEqual({ enabled: true, dailyAt: '00:00', keep: 1 });
	});

	it('takes one scheduled backup a day, and keeps only as many as asked (manual ones stay)', async () => {
		const manual = await takeBackup(db, { user: 'admin', kind: 'manual' }, { dir, filesDir: files });
		// The clock runs on: every scheduled backup is later than the manual one, and each "day" is a day later.
		const now = Date.now() + 1_000;
		const first = await runScheduledIfDue(db, new Date(now), { dir, filesDir: files });
		expect(first).toMatchObject({ ran: true, removed: [] });
		expect(await runScheduledIfDue(db, new Date(now + 60_000), { dir, filesDir: files })).toEqual({ ran: false, why: 'not-due' });

		const second = await runScheduledIfDue(db, new Date(now + DAY), { dir, filesDir: files });
		if (!('name' in first) || !('name' in second)) throw new Error('expected two scheduled backups');
		expect(second.removed).toEqual([first.name]);
		expect(
			listBackups(dir)
				.map((b) => b.name)
				.sort()
		).toEqual([manual.name, second.name].sort());
		const status = await getScheduleStatus(db);
		expect(status).toMatchObject({ lastBackup: second.name, lastRemoved: [first.name], lastError: null });
	});

	it('records a failure for the page instead of throwing, and waits an hour before trying again', async () => {
		const blocked = join(work, 'a-file');
		writeFileSync(blocked, 'a file where the backups folder should be');
		const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		try {
			const at = Date.now() + 3 * DAY;
			const r = await runScheduledIfDue(db, new Date(at), { dir: join(blocked, 'backups'), filesDir: files });
			expect(r).toMatchObject({ ran: true, error: expect.stringMatching(/^定时备份失败：/) });
			expect(errors).toHaveBeenCalled();
			const status = await getScheduleStatus(db);
			expect(status.lastError).toMatch(/^定时备份失败/);
			expect(status.lastErrorAt).toBe(new Date(at).toISOString());
			expect(await runScheduledIfDue(db, new Date(at + 60_000), { dir: join(blocked, 'backups'), filesDir: files })).toEqual({
				ran: false,
				why: 'retry-later'
			});
		} finally {
			errors.mockRestore();
		}
	});
});
