import { describe, expect, it } from 'vitest';
import { bilingual } from '../i18n';
import type { Circumstances } from './catalog';
import { sharedCircumstances } from './shared-circumstances';

const none: Circumstances = {
	party_type: null,
	employees_affected: null,
	months_overdue: null,
	amount_involved: null,
	prior_violations: null,
	rectified: null,
	cooperated: null,
	harm: null
};
const keys = ['party_type', 'employees_affected', 'months_overdue', 'amount_involved', 'prior_violations', 'rectified', 'cooperated', 'harm'] as const;
const zh = (a: Partial<Circumstances>, b: Partial<Circumstances>) =>
	sharedCircumstances(keys, { ...none, ...a }, { ...none, ...b }).map((m) => bilingual(m).zh);

describe('the circumstances two cases share, in words', () => {
	it('says which counts are the same or close, and which yes-no answers agree', () => {
		expect(zh({ employees_affected: 23, rectified: true, cooperated: false }, { employees_affected: 25, rectified: true, cooperated: false })).toEqual([
			'涉及职工人数相近（23 / 25）',
			'均已改正',
			'均未配合调查'
		]);
		expect(zh({ months_overdue: 6, prior_violations: 0, rectified: false }, { months_overdue: 6, prior_violations: 0, rectified: false })).toEqual([
			'违法持续月数相同（6）',
			'均无同类违法记录',
			'均未改正'
		]);
		expect(zh({ harm: '一般', party_type: '自然人', amount_involved: 1_000_000 }, { harm: '一般', party_type: '自然人', amount_involved: 1_100_000 })).toEqual([
			'当事人均为自然人',
			'涉案金额相近（¥10,000 / ¥11,000）',
			'危害后果均为「一般」'
		]);
	});

	it('says nothing of what differs or what either side does not know, and only of the asked circumstances', () => {
		expect(zh({ employees_affected: 10, rectified: true, harm: '严重' }, { employees_affected: 30, rectified: false, harm: '轻微' })).toEqual([]);
		expect(zh({ rectified: true, cooperated: null }, { rectified: null, cooperated: true })).toEqual([]);
		expect(sharedCircumstances(['rectified'], { ...none, rectified: true, cooperated: true }, { ...none, rectified: true, cooperated: true }).length).toBe(1);
	});

	it('has an English text for every reason', () => {
		const m = sharedCircumstances(keys, { ...none, employees_affected: 23, rectified: true }, { ...none, employees_affected: 25, rectified: true });
		expect(m.map((x) => bilingual(x).en)).toEqual(['Employees affected: close (23 / 25)', 'Both corrected']);
	});
});
