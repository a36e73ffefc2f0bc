import { describe, expect, it } from 'vitest';
import { circumstancesOf, inputsOf, notNumbers, numberOf } from './form-values';

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

	it('names every asked number field, and the fine, whose text is not a number, with what was typed', () => {
		const fields = [
			{ key: 'employees_affected' as const, label: '涉及职工人数', type: 'int' },
			{ key: 'months_overdue' as const, label: '违法持续月数', type: 'int' },
			{ key: 'harm' as const, label: '危害后果', type: 'enum' }
		];
		const inputs = { ...inputsOf({}), employees_affected: 'abc', months_overdue: '1,200', harm: '一般' };
		const asks = new Set(['employees_affected', 'months_overdue', 'harm']);
		expect(notNumbers(fields, inputs, asks, '3万', '拟罚款金额')).toEqual([
			{ key: 'employees_affected', label: '涉及职工人数', value: 'abc' },
			{ key: 'fine_amount', label: '拟罚款金额', value: '3万' }
		]);
		// Blank is unknown, not an error; a field the item does not ask for is not judged.
		expect(notNumbers(fields, { ...inputs, employees_affected: ' ' }, asks, '', '拟罚款金额')).toEqual([]);
		expect(notNumbers(fields, inputs, new Set(['harm']), '30000', '拟罚款金额')).toEqual([]);
	});
});
