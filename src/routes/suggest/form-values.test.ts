import { describe, expect, it } from 'vitest';
import { circumstancesOf, inputsOf, numberOf } from './form-values';

describe("the officers' form values", () => {
	it('shows an opened case as text and blanks for unknown', () => {
		const inputs = inputsOf({ party_type: '自然人', employees_affected: 12, amount_involved: 1234.5, rectified: false, cooperated: null });
		expect(inputs).toEqual({
			party_type: '自然人',
			employees_affected: '12',
			months_overdue: '',
			amount_involved: '1234.5',
			prior_violations: '',
			rectified: 'false',
			cooperated: '',
			harm: ''
		});
	});

	it('sends only what the item asks for, numbers as numbers and yes-no as booleans', () => {
		const inputs = { ...inputsOf({}), party_type: '个体工商户', employees_affected: '1,200', months_overdue: ' ', rectified: 'true', harm: '轻微' };
		const sent = circumstancesOf(inputs, new Set(['party_type', 'employees_affected', 'months_overdue', 'rectified']));
		expect(sent).toEqual({
			party_type: '个体工商户',
			employees_affected: 1200,
			months_overdue: null,
			amount_involved: null,
			prior_violations: null,
			rectified: true,
			cooperated: null,
			harm: null
		});
	});

	it('leaves what is not a number for the server to refuse', () => {
		expect(numberOf('12a')).toBeNaN();
		expect(numberOf('')).toBeNull();
	});
});
