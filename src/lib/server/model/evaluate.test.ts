import { describe, expect, it } from 'vitest';
import type { PastCase } from './dataset';
import { coverageBySource } from './evaluate';

const past = (fine: number, extracted: boolean): PastCase => ({
	agency: 'A',
	case_id: `C${fine}`,
	item_code: 'HPF-37-1',
	department: null,
	party_type: null,
	employees_affected: null,
	months_overdue: null,
	amount_involved: null,
	prior_violations: null,
	rectified: null,
	cooperated: null,
	harm: null,
	circumstance_tier: null,
	catalog_tier: null,
	fine,
	decided_on: '2024-01-01',
	extracted
});

describe('coverage by where the circumstances came from', () => {
	it('measures the recorded and the extracted cases apart, leaving out cases without an interval', () => {
		const cases = [past(10, false), past(20, false), past(30, true), past(40, true), past(50, true)];
		const r = { low: 15, high: 45 };
		expect(coverageBySource(cases, [r, r, r, r, null])).toEqual([
			{ source: 'recorded', n: 2, coverage: 0.5 },
			{ source: 'extracted', n: 2, coverage: 1 }
		]);
	});
});
