import { describe, expect, it } from 'vitest';
import { CIRCUMSTANCE_KEYS } from '../../domain/circumstances';
import { emptyCase } from '../../domain/case-schema';
import { parseSuggestRequest } from '../../domain/suggest-request';
import { requestOf } from './officer-form';

describe("opening a stored case in the officers' form", () => {
	it('carries every circumstance from a stored case to the request and back to the same record values', () => {
		const c = {
			...emptyCase(),
			case_id: 'LJ2025CF00009',
			item_code: 'HPF-37-1',
			party_type: '自然人',
			employees_affected: 7,
			months_overdue: 3,
			amount_involved: 1_234_567,
			prior_violations: 1,
			rectified: false,
			cooperated: true,
			harm: '轻微',
			circumstance_tier: '一般',
			fine_amount: 2_000_000
		};
		const request = requestOf(c);
		expect(request.amount_involved).toBe(12_345.67);
		const parsed = parseSuggestRequest(request);
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		for (const key of CIRCUMSTANCE_KEYS) expect(parsed.value.input[key], key).toBe(c[key]);
		expect(parsed.value.input.circumstance_tier).toBeNull();
		expect(parsed.value.input.fine_amount).toBe(2_000_000);
	});
});
