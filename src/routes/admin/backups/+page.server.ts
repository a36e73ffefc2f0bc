import { error, fail } from '@sveltejs/kit';
import { join } from 'node:path';
import { z } from 'zod';
import { getDatabase } from '$lib/server/db';
import {
	BackupBusyError,
	BackupError,
	backupFailureText,
	backupRunning,
	backupsDir,
	changeBackupSchedule,
	diskFree,
	getBackupSchedule,
	getScheduleStatus,
	listBackups,
	nextScheduledRun,
	restoreCommand,
	takeBackup,
	verifyBackup,
	type BackupEntry
} from '$lib/server/backup';
import { clientAddress } from '$lib/server/http/request-meta';
import { formCheckbox, formText, readForm } from '$lib/server/http/form';
import { parseBackupSchedule } from '$lib/domain/backup-schedule';
import { textOf } from '$lib/i18n/error';
import type { Text } from '$lib/i18n';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const verifyForm = z.object({ name: formText() });
// The schedule's own rules (parseBackupSchedule) judge what was typed; here only the fields are read.
const scheduleForm = z.object({ enabled: formCheckbox, dailyAt: formText(), keep: formText() });

export const load: PageServerLoad = async () => {
	const db = await getDatabase();
	const dir = backupsDir();
	let backups: (BackupEntry & { restore: string | null })[] = [];
	let listError: Text | null = null;
	try {
		backups = listBackups(dir).map((b) => ({ ...b, restore: b.complete ? restoreCommand(join(dir, b.name)) : null }));
	} catch (e) {
		// An unreadable folder is shown on the page, which stays usable to fix the schedule or take a backup elsewhere.
		listError = textOf(e);
	}
	const [schedule, status] = await Promise.all([getBackupSchedule(db), getScheduleStatus(db)]);
	return {
		dir,
		free: diskFree(dir),
		backups,
		listError,
		schedule,
		status,
		nextRunAt: nextScheduledRun(schedule)?.toISOString() ?? null,
		running: backupRunning(),
		cwd: process.cwd()
	};
};

async function actorOf(event: RequestEvent) {
	const me = event.locals.user;
	if (!me) error(401, 'sign in');
	return { actor: { username: me.username, ip: clientAddress(event) }, db: await getDatabase() };
}

export const actions: Actions = {
	backup: async (event) => {
		const { actor, db } = await actorOf(event);
		try {
			const r = await takeBackup(db, { user: actor.username, kind: 'manual', ip: actor.ip });
			return { taken: { name: r.name, tables: r.tables, rows: r.rows, files: r.files, seconds: (r.ms / 1000).toFixed(1) } };
		} catch (e) {
			// The Chinese text too, for a client that reads the action's answer rather than the page.
			if (e instanceof BackupBusyError) return fail(409, { backupError: e.msg, error: e.message });
			console.error('backup failed:', e);
			return fail(500, { backupError: backupFailureText(e, backupsDir()) });
		}
	},
	verify: async (event) => {
		await actorOf(event);
		const { name } = readForm(verifyForm, await event.request.formData());
		try {
			return { verified: { name, result: await verifyBackup(backupsDir(), name) } };
		} catch (e) {
			if (e instanceof BackupError) return fail(400, { verified: { name, result: { ok: false as const, problems: [e.message], why: [e.msg] } } });
			throw e;
		}
	},
	schedule: async (event) => {
		const { actor, db } = await actorOf(event);
		const typed = readForm(scheduleForm, await event.request.formData());
		const parsed = parseBackupSchedule(typed);
		if (!parsed.ok) return fail(400, { scheduleErrors: parsed.errors, scheduleValues: typed });
		await changeBackupSchedule(db, actor, parsed.value);
		return { scheduleSaved: true };
	}
};
