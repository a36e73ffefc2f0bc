import { describe, expect, it } from 'vitest';
import { checkPartyId, idCheckChar, isValidIdNumber, isValidUscc, usccCheckChar } from './check-digits';

describe('统一社会信用代码 (GB 32100)', () => {
	// Published codes of well-known organisations.
	const valid = ['91350100M000100Y43', '914403001922038216', '91440300708461136T', '91110108551385082Q'];

	it('accepts published codes', () => {
		for (const c of valid) expect(isValidUscc(c), c).toBe(true);
	});

	it('rejects a code with one character changed or two swapped', () => {
		expect(isValidUscc('91350100M000100Y44')).toBe(false);
		expect(isValidUscc('91350100M000010Y43')).toBe(false);
		expect(isValidUscc('91350100M000100Y4')).toBe(false);
	});

	it('refuses the letters I, O, S, V and Z', () => {
		expect(usccCheckChar('91350100I000100Y4')).toBeNull();
		expect(usccCheckChar('9135010O0000100Y4')).toBeNull();
	});
});

describe('居民身份证号码 (GB 11643)', () => {
	it('accepts the standard example and an X check digit', () => {
		expect(isValidIdNumber('11010519491231002X')).toBe(true);
		expect(isValidIdNumber('440524188001010014')).toBe(true);
		expect(idCheckChar('11010519491231002')).toBe('X');
	});

	it('rejects corrupted numbers', () => {
		expect(isValidIdNumber('110105194912310021')).toBe(false);
		expect(isValidIdNumber('440524188001010015')).toBe(false);
		expect(isValidIdNumber('44052418800101001')).toBe(false);
	});
});

describe('checkPartyId', () => {
	it('tells a credit code from an ID number', () => {
		expect(checkPartyId('91350100M000100Y43')).toEqual({ kind: 'uscc', valid: true });
		expect(checkPartyId('11010519491231002X')).toEqual({ kind: 'id', valid: true });
		expect(checkPartyId('11010519491231002Y')).toEqual({ kind: 'uscc', valid: false });
		expect(checkPartyId('abc')).toEqual({ kind: 'unknown', valid: false });
	});
});
