import { describe, expect, it } from 'vitest';
import {
	EXTRA_KEYS,
	headerLines,
	heaviestColumn,
	reconciliationText,
	TABLE1_COLUMNS,
	TABLE2_COLUMNS,
	TABLE3_COLUMNS,
	table1ColumnOf,
	table2ColumnOf
} from './annual-report';

describe('counting rules of the annual report', () => {
	it('counts a decision once, under its heaviest penalty', () => {
		expect(heaviestColumn(['警告', '罚款'])).toBe('罚款');
		expect(heaviestColumn(['罚款', '没收违法所得', '吊销许可证件'])).toBe('吊销许可证件');
		expect(heaviestColumn(['通报批评', '警告'])).toBe('通报批评');
		expect(heaviestColumn([])).toBe('其他');
		expect(heaviestColumn(null)).toBe('其他');
	});
	it('puts both confiscations in one column and unknown kinds under 其他', () => {
		expect(table1ColumnOf('没收非法财物')).toBe('没收违法所得、没收非法财物');
		expect(table1ColumnOf('责令改正')).toBe('其他');
		expect(table2ColumnOf('其他')).toBe('其他执行');
		expect(table2ColumnOf('罚款')).toBeNull();
	});
});

describe('the printed form', () => {
	it('prints a column label on whole lines: after 、, or in even halves, never a character alone', () => {
		expect(headerLines('警告')).toEqual(['警告']);
		expect(headerLines('吊销许可证件')).toEqual(['吊销许可证件']);
		expect(headerLines('没收违法所得、没收非法财物')).toEqual(['没收违法', '所得、', '没收非法财物']);
		expect(headerLines('限制开展生产经营活动')).toEqual(['限制开展生', '产经营活动']);
		expect(headerLines('罚没金额（万元）')).toEqual(['罚没金额', '（万元）']);
		expect(headerLines('Fines and confiscations (10k yuan)')).toEqual(['Fines and confiscations (10k yuan)']);
		for (const label of [...TABLE1_COLUMNS, ...TABLE2_COLUMNS, ...TABLE3_COLUMNS, ...EXTRA_KEYS]) {
			const lines = headerLines(label);
			expect(lines.join('')).toBe(label);
			for (const line of lines) expect([...line].length, label).toBeLessThanOrEqual(6);
			if (label.length > 1) for (const line of lines) expect([...line].length, label).toBeGreaterThan(1);
		}
	});

	it('reconciles the overview’s decisions with 表一 in one line', () => {
		expect(reconciliationText({ decisions: 776, penalised: 617, noPenalty: 159 }, (x) => x.toLocaleString('en-US'))).toMatch(
			/^本年作出行政处罚决定 776 件 = 表一 作出处罚 617 件 \+ 不予处罚 159 件/
		);
	});
});
