import { describe, expect, it } from 'vitest';
import { CIRCUMSTANCE_FIELDS, CIRCUMSTANCE_KEYS } from './circumstances';
import { FIELDS } from './case-schema';

describe('the one list of circumstances', () => {
	it('is the party type and the dictionary circumstances, less the tier, in the form order', () => {
		const group = FIELDS.filter((f) => f.group === 'circumstances' && f.key !== 'circumstance_tier').map((f) => f.key);
		expect(CIRCUMSTANCE_KEYS).toEqual(['party_type', ...group]);
		expect(CIRCUMSTANCE_KEYS).toEqual([
			'party_type',
			'employees_affected',
			'months_overdue',
			'amount_involved',
			'prior_violations',
			'rectified',
			'cooperated',
			'harm'
		]);
		expect(new Set(CIRCUMSTANCE_FIELDS.map((f) => f.type))).toEqual(new Set(['enum', 'int', 'money', 'bool']));
	});
});
