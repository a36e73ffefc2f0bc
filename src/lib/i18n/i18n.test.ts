import { describe, expect, it } from 'vitest';
import { formatWan, translator } from './index';
import { zhCN } from './zh-CN';
import { en } from './en';

describe('i18n', () => {
	it('speaks Chinese first and English second, with interpolation', () => {
		expect(translator('zh-CN')('overview.title')).toBe('执法概览');
		expect(translator('en')('overview.title')).toBe('Enforcement overview');
		expect(translator('zh-CN')('roster.count', { n: 3, valid: 2, date: '2025-12-31' })).toBe('共 3 人，其中 2 人证件在有效期内（2025-12-31）');
	});
	it('has every key in both languages, none empty', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
		for (const v of [...Object.values(en), ...Object.values(zhCN)]) expect(v.trim()).not.toBe('');
	});
	it('formats fen as 万元 with two decimals', () => {
		expect(formatWan('zh-CN', 1_234_567_800)).toBe('1,234.57');
	});
});
