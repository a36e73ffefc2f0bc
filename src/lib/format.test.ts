import { describe, expect, it } from 'vitest';
import { agencyTime, formatters, groupThousands, showValue } from './format';

describe('times', () => {
	it('shows an instant on the agency’s clock, labelled, whatever zone it came in', () => {
		// 18:04 UTC is 02:04 the next morning in Beijing.
		expect(agencyTime('2026-03-05T18:04:09Z')).toBe('2026-03-06 02:04（北京时间）');
		expect(agencyTime('2026-03-06T02:04:09+08:00')).toBe('2026-03-06 02:04（北京时间）');
		expect(agencyTime(new Date(Date.UTC(2024, 10, 27, 1, 30)))).toBe('2024-11-27 09:30（北京时间）');
		expect(formatters('en').time('2026-03-05T18:04:09Z')).toBe('2026-03-06 02:04 (Beijing time)');
		// Under a heading that already says 北京时间.
		expect(agencyTime('2026-03-05T18:04:09Z', 'zh-CN', false)).toBe('2026-03-06 02:04');
	});

	it('reads a time without a zone as UTC, and says — for none', () => {
		expect(agencyTime('2026-03-05 18:04:09')).toBe('2026-03-06 02:04（北京时间）');
		expect(agencyTime(null)).toBe('—');
		expect(agencyTime('')).toBe('—');
		expect(agencyTime('不是时间')).toBe('不是时间');
	});
});

describe('amounts', () => {
	it('groups the thousands of exact yuan', () => {
		expect(showValue('money', 1_750_000)).toBe('17,500.00 元');
		expect(showValue('money', 12_345_678_901)).toBe('123,456,789.01 元');
		expect(showValue('money', 5)).toBe('0.05 元');
		expect(groupThousands('-1234.50')).toBe('-1,234.50');
		expect(groupThousands('999')).toBe('999');
	});
});
