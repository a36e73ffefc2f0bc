import { describe, expect, it } from 'vitest';
import { neutralizeFormula } from './spreadsheet-safety';

describe('spreadsheet safety of full-width formula characters', () => {
	it('neutralises a cell starting with ＝ ＋ － or ＠, and leaves them alone inside a value', () => {
		for (const s of ['＝1+1', '＋86', '－2', '＠SUM(A1)', '＝HYPERLINK("http://x")']) expect(neutralizeFormula(s)).toBe(`'${s}`);
		expect(neutralizeFormula('罚款＝2万元')).toBe('罚款＝2万元');
		expect(neutralizeFormula('（一）违法事实')).toBe('（一）违法事实');
	});
});
