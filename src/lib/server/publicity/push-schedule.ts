import { getDatabase } from '../db';
import { getCatalog } from '../catalog';
import type { Database } from '../db';
import { pushChanges, type PushOptions, type PushResult } from './push';
import { getPublicitySettings } from './settings';
import { today } from './clock';

/**
 * The server's push loop: every few minutes (and soon after a publicity act) it pushes pending changes to the URL
 * the agency configured. Imports change decisions without telling anyone; the interval picks those up.
 */

let timer: NodeJS.Timeout | null = null;
let soon: NodeJS.Timeout | null = null;

/** Pushes to the configured URL; null when the agency configured none. */
export async function pushConfigured(db: Database, options: Pick<PushOptions, 'backoffMs'> = {}): Promise<PushResult | null> {
	const s = await getPublicitySettings(db);
	if (!s.pushUrl) return null;
	return pushChanges(db, getCatalog(), today(), { url: s.pushUrl, secret: s.pushSecret || undefined, ...options });
}

async function tick(): Promise<void> {
	try {
		const r = await pushConfigured(await getDatabase());
		if (r?.failed) console.error(`公示数据推送失败（将稍后重试）/ publicity push failed, retrying later: ${r.lastError}`);
	} catch (e) {
		console.error('公示数据推送出错 / publicity push error:', e);
	}
}

/** Starts the loop once per process; the timer never keeps the process alive. */
export function startPushSchedule(everyMs = Number(process.env.EQUITAS_PUSH_EVERY_MS) || 5 * 60_000): void {
	if (timer) return;
	timer = setInterval(() => void tick(), everyMs);
	timer.unref();
}

/** Asks for a push in a few seconds (after a publish or a withdrawal); nothing happens unless the loop runs. */
export function requestPush(): void {
	if (!timer || soon) return;
	soon = setTimeout(() => {
		soon = null;
		void tick();
	}, 2_000);
	soon.unref();
}
