import type { Queryable } from '../db';
import { putSetting, settingsWithPrefix } from '../auth/settings';

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

/** The settings that change what a 双公示 row says: part of each record's fingerprint in the change feed. */
export function recordSettingsKey(s: PublicitySettings): string {
	return [s.agencyCode, s.sourceUnit, s.sourceCode].join('|');
}
