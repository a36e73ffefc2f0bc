import { describe, expect, it } from 'vitest';
import { heaviestColumn, table1ColumnOf, table2ColumnOf } from './annual-report';

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
