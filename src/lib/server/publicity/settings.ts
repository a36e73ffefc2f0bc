import { z } from 'zod';
import type { Database, Queryable } from '../db';
import { putSetting, settingsWithPrefix } from '../auth/settings';
import type { Actor } from '../audit/actor';
import { auditedTransaction } from '../audit/log';
import { isValidUscc } from '../../domain/check-digits';

/** The agency's publicity settings, kept in the settings table under `publicity.*` keys. */
export interface PublicitySettings {
	/** 处罚机关统一社会信用代码: the agency's own credit code, printed in every 双公示 row. */
	agencyCode: string;
	/** 数据来源单位 and its code, when another unit supplies the data; empty means the agency itself. */
	sourceUnit: string;
	sourceCode: string;
	/** Where new and withdrawn decisions are POSTed; empty means no push. */
	pushUrl: string;
	/** Shared secret for the push's HMAC signature; empty means unsigned. */
	pushSecret: string;
}

export const PUBLICITY_SETTING_KEYS = [
	'agencyCode',
	'sourceUnit',
	'sourceCode',
	'pushUrl',
	'pushSecret'
] as const satisfies readonly (keyof PublicitySettings)[];

const PREFIX = 'publicity.';

export async function getPublicitySettings(db: Queryable): Promise<PublicitySettings> {
	const map = await settingsWithPrefix(db, PREFIX);
	const get = (k: keyof PublicitySettings) => map.get(k) ?? '';
	return {
		agencyCode: get('agencyCode'),
		sourceUnit: get('sourceUnit'),
		sourceCode: get('sourceCode'),
		pushUrl: get('pushUrl'),
		pushSecret: get('pushSecret')
	};
}

export async function setPublicitySettings(db: Queryable, values: Partial<PublicitySettings>): Promise<void> {
	for (const k of PUBLICITY_SETTING_KEYS) {
		const v = values[k];
		if (v === undefined) continue;
		await putSetting(db, PREFIX + k, v.trim());
	}
}

function isWebUrl(s: string): boolean {
	try {
		const u = new URL(s);
		return u.protocol === 'http:' || u.protocol === 'https:';
	} catch {
		return false;
	}
}

/** What the exchange page changes besides the secret; an empty field is allowed (not configured). */
const publicValuesSchema = z.object({
	agencyCode: z.string().refine((v) => !v || isValidUscc(v)),
	sourceUnit: z.string(),
	sourceCode: z.string().refine((v) => !v || isValidUscc(v)),
	pushUrl: z.string().refine((v) => !v || isWebUrl(v))
});

export type PublicityValues = z.infer<typeof publicValuesSchema>;
export type PublicityField = 'agencyCode' | 'sourceCode' | 'pushUrl';

/**
 * An administrator's change of the settings: checked (the first invalid field is named), saved and logged. The
 * secret is changed only when given (an empty string clears it) and never goes into the log.
 */
export async function changePublicitySettings(
	db: Database,
	actor: Actor,
	values: PublicityValues,
	pushSecret?: string
): Promise<{ ok: true } | { ok: false; field: PublicityField }> {
	const checked = publicValuesSchema.safeParse(values);
	if (!checked.success) return { ok: false, field: checked.error.issues[0]?.path[0] as PublicityField };
	await auditedTransaction(db, async (tx) => {
		await setPublicitySettings(tx, { ...checked.data, ...(pushSecret === undefined ? {} : { pushSecret }) });
		return {
			result: undefined,
			audit: [{ actor: actor.username, action: 'publicity-settings', targetType: 'settings', targetId: 'publicity', detail: values, ip: actor.ip ?? null }]
		};
	});
	return { ok: true };
}

/** The settings that change what a 双公示 row says: part of each record's fingerprint in the change feed. */
export function recordSettingsKey(s: PublicitySettings): string {
	return [s.agencyCode, s.sourceUnit, s.sourceCode].join('|');
}
