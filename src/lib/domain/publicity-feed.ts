import type { IsoDate } from './dates';
import type { PublicityRow } from './publicity';
import { msg, type Message } from '../i18n/message';

/**
 * The change feed the city's publicity platform reads (GET /api/public/decisions) and receives (the push): every
 * decision that was ever published appears with its latest change, numbered; the cursor is the last number read.
 */

export const CHANGES = ['published', 'updated', 'withdrawn'] as const;
export type Change = (typeof CHANGES)[number];

export interface Withdrawal {
	withdrawn_on: IsoDate | null;
	/** The ruling or act behind it (行政复议撤销, 本机关自行纠正…). */
	ground: string | null;
	/** The reason published with the withdrawal (行政处罚法 Art. 48). */
	reason: string | null;
}

export interface DecisionChange {
	/** Position in the feed; a later change of the same decision gets a higher one. */
	seq: number;
	change: Change;
	changed_at: string;
	/** 处罚机关 and 行政处罚决定书文号 identify the decision on the platform. */
	agency: string;
	decision_no: string | null;
	/** The 双公示 row while published; null once withdrawn (its content is no longer public). */
	record: PublicityRow | null;
	withdrawal: Withdrawal | null;
}

export interface FeedPage {
	/** Pass as `since` to get what changed after this page. */
	cursor: string;
	has_more: boolean;
	decisions: DecisionChange[];
}

export const MAX_PAGE = 1000;
export const DEFAULT_PAGE = 200;

export type CursorRead = { ok: true; since: number; limit: number } | { ok: false; error: Message };

/** Reads `since` (absent: from the start) and `limit` of a request; anything else is refused, never guessed. */
export function readCursor(since: string | null, limit: string | null): CursorRead {
	const s = since === null || since === '' ? 0 : /^\d{1,15}$/.test(since) ? Number(since) : NaN;
	if (!Number.isSafeInteger(s)) return { ok: false, error: msg('err.feed.since') };
	const l = limit === null || limit === '' ? DEFAULT_PAGE : /^\d{1,5}$/.test(limit) ? Number(limit) : NaN;
	if (!Number.isInteger(l) || l < 1 || l > MAX_PAGE) return { ok: false, error: msg('err.feed.limit', { max: MAX_PAGE }) };
	return { ok: true, since: s, limit: l };
}
