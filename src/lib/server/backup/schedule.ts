import { getDatabase, type Database, type Queryable } from '../db';
import { putSetting, settingsWithPrefix } from '../auth/settings';
import type { Actor } from '../audit/actor';
import { auditedTransaction } from '../audit/log';
import { DEFAULT_BACKUP_SCHEDULE, isDue, nextRunAt, parseBackupSchedule, type BackupSchedule } from '../../domain/backup-schedule';
import { BackupBusyError, backupFailure, backupsDir, listBackups, pruneBackups, takeBackup } from './catalog';

/**
 * The daily backup: its settings live in the settings table under `backup.*`, and a timer checks once a minute
 * whether today's backup is due. What happened last is recorded there too, for the administrator's page.
 */

const PREFIX = 'backup.';
/** A failed run is tried again after this long, not every minute: a full disk would otherwise be hammered all day. */
export const RETRY_AFTER_MS = 60 * 60_000;

export interface ScheduleStatus {
	/** When the last scheduled backup finished, and its folder. */
	lastRunAt: string | null;
	lastBackup: string | null;
	/** Old scheduled backups the last run removed. */
	lastRemoved: string[];
	lastError: string | null;
	lastErrorAt: string | null;
}

type StatusKey = 'lastRunAt' | 'lastBackup' | 'lastRemoved' | 'lastError' | 'lastErrorAt';

/** This process's outcomes, kept also in memory: when the disk is full, writing them to the database fails too. */
const memories = new WeakMap<Queryable, Map<StatusKey, string>>();

function memoryOf(db: Queryable): Map<StatusKey, string> {
	let m = memories.get(db);
	if (!m) memories.set(db, (m = new Map()));
	return m;
}

async function write(db: Queryable, values: Record<string, string>): Promise<void> {
	for (const [k, v] of Object.entries(values)) await putSetting(db, PREFIX + k, v);
}

/** The saved schedule; a value that no longer parses (edited by hand) falls back to the default, never stops the timer. */
export async function getBackupSchedule(db: Queryable): Promise<BackupSchedule> {
	const m = await settingsWithPrefix(db, PREFIX);
	const r = parseBackupSchedule({
		enabled: m.has('enabled') ? m.get('enabled') === 'true' : DEFAULT_BACKUP_SCHEDULE.enabled,
		dailyAt: m.get('dailyAt') ?? DEFAULT_BACKUP_SCHEDULE.dailyAt,
		keep: m.get('keep') ?? DEFAULT_BACKUP_SCHEDULE.keep
	});
	return r.ok ? r.value : DEFAULT_BACKUP_SCHEDULE;
}

export async function saveBackupSchedule(db: Queryable, s: BackupSchedule): Promise<void> {
	await write(db, { enabled: String(s.enabled), dailyAt: s.dailyAt, keep: String(s.keep) });
}

/** An administrator's change of the schedule, saved with its audit entry. */
export async function changeBackupSchedule(db: Database, actor: Actor, s: BackupSchedule): Promise<void> {
	await auditedTransaction(db, async (tx) => {
		await saveBackupSchedule(tx, s);
		return {
			result: undefined,
			audit: [{ actor: actor.username, action: 'setting-changed', targetType: 'setting', targetId: 'backup.schedule', detail: { ...s }, ip: actor.ip ?? null }]
		};
	});
}

export async function getScheduleStatus(db: Queryable): Promise<ScheduleStatus> {
	const m = await settingsWithPrefix(db, PREFIX);
	const memory = memoryOf(db);
	const get = (k: StatusKey) => memory.get(k) ?? m.get(k) ?? null;
	const removed = get('lastRemoved');
	return {
		lastRunAt: get('lastRunAt'),
		lastBackup: get('lastBackup'),
		lastRemoved: removed ? removed.split('\n') : [],
		lastError: get('lastError'),
		lastErrorAt: get('lastErrorAt')
	};
}

async function record(db: Queryable, values: Partial<Record<StatusKey, string>>): Promise<void> {
	const memory = memoryOf(db);
	for (const [k, v] of Object.entries(values)) memory.set(k as StatusKey, v);
	try {
		await write(db, values);
	} catch (e) {
		console.error('无法记录定时备份的结果 / cannot record the scheduled backup outcome:', e instanceof Error ? e.message : e);
	}
}

/** When the schedule will next run (null when it is off). */
export function nextScheduledRun(s: BackupSchedule, now = new Date()): Date | null {
	return s.enabled ? nextRunAt(now, s.dailyAt) : null;
}

export type ScheduledRun =
	{ ran: false; why: 'disabled' | 'not-due' | 'busy' | 'retry-later' } | { ran: true; name: string; removed: string[] } | { ran: true; error: string };

/**
 * Takes today's scheduled backup if it is due, then removes scheduled ones beyond the number to keep. Never
 * throws for a failed backup: the failure is logged and recorded, and tried again after RETRY_AFTER_MS.
 */
export async function runScheduledIfDue(db: Database, now = new Date(), options: { dir?: string; filesDir?: string } = {}): Promise<ScheduledRun> {
	const s = await getBackupSchedule(db);
	if (!s.enabled) return { ran: false, why: 'disabled' };
	const dir = options.dir ?? backupsDir();
	const status = await getScheduleStatus(db);
	let name: string;
	try {
		const last = listBackups(dir, { sizes: false }).find((b) => b.complete && b.kind === 'scheduled');
		if (!isDue(now, s.dailyAt, last ? new Date(last.createdAt) : null)) return { ran: false, why: 'not-due' };
		if (status.lastErrorAt && now.getTime() - Date.parse(status.lastErrorAt) < RETRY_AFTER_MS) return { ran: false, why: 'retry-later' };
		name = (await takeBackup(db, { user: 'system', kind: 'scheduled' }, { ...options, dir, now })).name;
	} catch (e) {
		// A manual backup is being taken: the next minute's check tries again.
		if (e instanceof BackupBusyError) return { ran: false, why: 'busy' };
		const error = `定时备份失败：${backupFailure(e, dir)}`;
		console.error(`${error}\n/ the scheduled backup failed; it is tried again in an hour.`);
		await record(db, { lastError: error, lastErrorAt: now.toISOString() });
		return { ran: true, error };
	}
	await record(db, { lastRunAt: new Date().toISOString(), lastBackup: name });
	try {
		const removed = pruneBackups(dir, s.keep);
		await record(db, { lastRemoved: removed.join('\n') });
		return { ran: true, name, removed };
	} catch (e) {
		const error = `定时备份已完成（${name}），但清理旧备份失败：${backupFailure(e, dir)}`;
		console.error(error);
		await record(db, { lastError: error, lastErrorAt: new Date().toISOString() });
		return { ran: true, error };
	}
}

let timer: NodeJS.Timeout | null = null;
let checking = false;

async function tick(): Promise<void> {
	// A backup longer than the interval must not have a second check start beside it.
	if (checking) return;
	checking = true;
	try {
		await runScheduledIfDue(await getDatabase());
	} catch (e) {
		console.error('定时备份检查出错 / scheduled backup check failed:', e);
	} finally {
		checking = false;
	}
}

/** Starts the minute check once per process; the timer never keeps the process alive. */
export function startBackupSchedule(everyMs = Number(process.env.EQUITAS_BACKUP_CHECK_MS) || 60_000): void {
	if (timer) return;
	timer = setInterval(() => void tick(), everyMs);
	timer.unref();
}
