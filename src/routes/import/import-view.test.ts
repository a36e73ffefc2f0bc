import { describe, expect, it } from 'vitest';
import { fieldLabel, rowsOf, rulesOf, stagePercent } from './import-view';

describe('the import page', () => {
	it('counts progress by stage and by bytes within the stage', () => {
		expect(stagePercent(null)).toBe(0);
		expect(stagePercent({ stage: 'decode' })).toBe(0);
		expect(stagePercent({ stage: 'read', bytes: 50, totalBytes: 100 })).toBe(42);
		expect(stagePercent({ stage: 'done' })).toBe(100);
	});

	it('names a field in the page language', () => {
		expect(fieldLabel('harm', 'zh')).toBe('危害后果');
		expect(fieldLabel('harm', 'en')).toBe('Harm（危害后果）');
	});

	it('sends only complete constants and recodes, and shows the rules of a profile back as rows', () => {
		const rules = rulesOf(
			2,
			[
				{ key: 'agency', value: ' 临江市住房公积金管理中心 ' },
				{ key: '', value: 'x' },
				{ key: 'status', value: '  ' }
			],
			[
				{ key: 'party_type', from: '机构', to: '法人及非法人组织' },
				{ key: 'party_type', from: '个人', to: '自然人' },
				{ key: 'harm', from: '较重', to: '' }
			]
		);
		expect(rules).toEqual({
			headerRow: 2,
			constants: { agency: '临江市住房公积金管理中心' },
			recodes: { party_type: { 机构: '法人及非法人组织', 个人: '自然人' } }
		});
		expect(rulesOf(null, rowsOf(rules).constants, rowsOf(rules).recodes)).toEqual({ ...rules, headerRow: null });
	});
});
