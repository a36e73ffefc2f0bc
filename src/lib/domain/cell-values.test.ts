import { describe, expect, it } from 'vitest';
import { formatFen, readBool, readDate, readEnum, readInt, readList, readMoney } from './cell-values';

describe('readDate', () => {
	it('reads every format of the dictionary as the same day', () => {
		for (const s of ['2019-05-30', '2019/5/30', '2019.5.30', '20190530', '2019年5月30日', '43615', '２０１９－０５－３０', '2019-05-30 14:20:00']) {
			expect(readDate(s), s).toEqual({ ok: true, value: '2019-05-30' });
		}
	});
	it('treats blanks as unknown and refuses impossible dates', () => {
		expect(readDate('  ')).toEqual({ ok: true, value: null });
		expect(readDate('2019-02-30').ok).toBe(false);
		expect(readDate('下周一').ok).toBe(false);
		expect(readDate('123').ok).toBe(false);
	});
});

describe('readMoney', () => {
	it('converts 万元 exactly, from the cell or from the header', () => {
		expect(readMoney('1.2345万元')).toEqual({ ok: true, value: 1_234_500 });
		expect(readMoney('2.5', 'wan')).toEqual({ ok: true, value: 2_500_000 });
		expect(readMoney('0.000001', 'wan')).toEqual({ ok: true, value: 1 });
		expect(readMoney('3.3', 'wan')).toEqual({ ok: true, value: 3_300_000 }); // 3.3 * 10000 drifts in float
	});
	it('reads yuan with separators, symbols and full-width digits', () => {
		expect(readMoney('￥12,345.60')).toEqual({ ok: true, value: 1_234_560 });
		expect(readMoney('１２３４５元')).toEqual({ ok: true, value: 1_234_500 });
		expect(readMoney('30000')).toEqual({ ok: true, value: 3_000_000 });
	});
	it('refuses what it cannot convert without loss', () => {
		expect(readMoney('12.345').ok).toBe(false);
		expect(readMoney('-100').ok).toBe(false);
		expect(readMoney('一万').ok).toBe(false);
	});
	it('formats fen back without drift', () => {
		expect(formatFen(1_234_560)).toBe('12345.60');
		expect(formatFen(5)).toBe('0.05');
		expect(formatFen(1_234_500, 'wan')).toBe('1.2345');
		expect(formatFen(3_000_000, 'wan')).toBe('3');
	});
});

describe('other readers', () => {
	it('reads integers with units but not fractions', () => {
		expect(readInt('35人')).toEqual({ ok: true, value: 35 });
		expect(readInt('12.0')).toEqual({ ok: true, value: 12 });
		expect(readInt('2.5').ok).toBe(false);
	});
	it('reads booleans in their usual spellings', () => {
		for (const s of ['是', 'Y', '1', 'true', '√', '已整改']) expect(readBool(s).ok && readBool(s)).toEqual({ ok: true, value: true });
		for (const s of ['否', 'n', '0', 'FALSE', '×']) expect(readBool(s)).toEqual({ ok: true, value: false });
		expect(readBool('也许').ok).toBe(false);
	});
	it('maps enum synonyms and rejects unknown values', () => {
		expect(readEnum('从重处罚', ['从轻', '从重'], { 从重处罚: '从重' })).toEqual({ ok: true, value: '从重' });
		expect(readEnum('很重', ['从轻', '从重']).ok).toBe(false);
		for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) expect(readEnum(key, ['从轻', '从重'], { 从重处罚: '从重' }).ok).toBe(false);
	});
	it('splits lists on every separator and maps their items', () => {
		expect(readList('警告；罚款、罚款', ['警告', '罚款'])).toEqual({ ok: true, value: ['警告', '罚款'] });
		expect(readList('A001,A002；A003')).toEqual({ ok: true, value: ['A001', 'A002', 'A003'] });
	});
});
