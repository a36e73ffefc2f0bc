/** Check digits of Chinese identifiers (RULES.md §7). An invalid code is flagged, never silently rejected. */

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The 18th character of a 统一社会信用代码 (GB 32100-2015) for its first 17, or null if one is not allowed. */
export function usccCheckChar(first17: string): string | null {
	if (first17.length !== 17) return null;
	let sum = 0;
	for (let i = 0; i < 17; i++) {
		const v = USCC_ALPHABET.indexOf(first17[i] ?? '');
		if (v < 0) return null;
		sum += v * (USCC_WEIGHTS[i] ?? 0);
	}
	return USCC_ALPHABET[(31 - (sum % 31)) % 31] ?? null;
}

export function isValidUscc(code: string): boolean {
	const c = code.trim().toUpperCase();
	return c.length === 18 && usccCheckChar(c.slice(0, 17)) === c[17];
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The 18th character of a 居民身份证号码 (GB 11643-1999) for its first 17 digits, or null. */
export function idCheckChar(first17: string): string | null {
	if (!/^\d{17}$/.test(first17)) return null;
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
	return ID_CHECK[sum % 11] ?? null;
}

export function isValidIdNumber(id: string): boolean {
	const c = id.trim().toUpperCase();
	return c.length === 18 && idCheckChar(c.slice(0, 17)) === c[17];
}

export type PartyIdKind = 'uscc' | 'id' | 'unknown';

/** Which kind of identifier a party_id looks like, and whether its check digit holds. */
export function checkPartyId(id: string): { kind: PartyIdKind; valid: boolean } {
	const c = id.trim().toUpperCase();
	if (/^\d{17}[\dX]$/.test(c) && !isValidUscc(c)) return { kind: 'id', valid: isValidIdNumber(c) };
	if (c.length === 18 && isValidUscc(c)) return { kind: 'uscc', valid: true };
	if (/^\d{17}[\dX]$/.test(c)) return { kind: 'id', valid: isValidIdNumber(c) };
	if (c.length === 18) return { kind: 'uscc', valid: false };
	return { kind: 'unknown', valid: false };
}
