import { field } from './case-schema';
import type { Circumstances } from './catalog';
import type { CircumstanceKey } from './circumstances';
import { msg, type Message, type Term } from '../i18n/message';

/**
 * Why a past case is like the case at hand, in words: the circumstances both know and share, such as
 * 「涉及职工人数相近（23 / 25）」 or 「均已改正」. Only the circumstances the item's benchmark asks for count.
 */

const name = (key: CircumstanceKey): Term => ({ zh: field(key).header, en: field(key).en });

/** Counts and amounts are near when they differ by at most a fifth of the larger (at least 1 for counts). */
function near(a: number, b: number, count: boolean): boolean {
	const slack = Math.max(count ? 1 : 0, 0.2 * Math.max(Math.abs(a), Math.abs(b)));
	return Math.abs(a - b) <= slack;
}

/** Money is held in fen; a reason shows yuan, the same way in both languages. */
const yuan = (fen: number) => `¥${Math.round(fen / 100).toLocaleString('en-US')}`;

function one(key: CircumstanceKey, a: Circumstances[CircumstanceKey], b: Circumstances[CircumstanceKey]): Message | null {
	if (a === null || b === null || a === undefined || b === undefined) return null;
	switch (key) {
		case 'rectified':
			return a === b ? msg(a ? 'similar.reason.bothRectified' : 'similar.reason.neitherRectified') : null;
		case 'cooperated':
			return a === b ? msg(a ? 'similar.reason.bothCooperated' : 'similar.reason.neitherCooperated') : null;
		case 'prior_violations':
			if (a !== b) return null;
			return a === 0 ? msg('similar.reason.noPrior') : msg('similar.reason.same', { field: name(key), value: Number(a) });
		case 'harm':
			return a === b ? msg('similar.reason.harm', { value: String(a) }) : null;
		case 'party_type':
			return a === b ? msg('similar.reason.partyType', { value: String(a) }) : null;
		case 'employees_affected':
		case 'months_overdue':
		case 'amount_involved': {
			const x = Number(a);
			const y = Number(b);
			const show = key === 'amount_involved' ? yuan : (n: number) => n;
			if (x === y) return msg('similar.reason.same', { field: name(key), value: show(x) });
			return near(x, y, key !== 'amount_involved') ? msg('similar.reason.near', { field: name(key), a: show(x), b: show(y) }) : null;
		}
	}
}

/** The circumstances of `item` that the case asked about (`query`) and the past case (`other`) share, in the item's order. */
export function sharedCircumstances(keys: readonly CircumstanceKey[], query: Circumstances, other: Circumstances): Message[] {
	const out: Message[] = [];
	for (const key of keys) {
		const m = one(key, query[key], other[key]);
		if (m) out.push(m);
	}
	return out;
}
