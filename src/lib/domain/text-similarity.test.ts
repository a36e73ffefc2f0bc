import { describe, expect, it } from 'vitest';
import { TextIndex, sharedPhrases } from './text-similarity';

describe('shared phrases of two facts texts', () => {
	it('finds the longest passages both write, longest first, as the other text writes them', () => {
		const mine = '经查，该单位自2023年5月起未为新招录的职工办理住房公积金缴存登记，涉及职工20人。当事人已在责令期限内改正。';
		const theirs = '我中心接到投诉，该单位未为新招录的职工办理住房公积金缴存登记，涉及职工24人，当事人已在责令期限内改正。';
		const phrases = sharedPhrases(mine, theirs);
		expect(phrases[0]).toBe('未为新招录的职工办理住房公积金缴存登记');
		expect(phrases).toContain('当事人已在责令期限内改正');
		// Each phrase is a passage of the other text, never trimmed to punctuation at its ends.
		for (const p of phrases) {
			expect(theirs).toContain(p);
			expect(p).not.toMatch(/^[，。]|[，。]$/);
		}
	});

	it('gives nothing shorter than four meaningful characters, and at most three phrases', () => {
		expect(sharedPhrases('单位逾期三个月', '个人逾期两个月')).toEqual([]);
		const long = '甲乙丙丁戊，己庚辛壬癸，子丑寅卯辰，巳午未申酉';
		expect(sharedPhrases(long.split('，').reverse().join('。'), long)).toHaveLength(3);
	});

	it('never runs across a masked character, so a masked name is not put back together', () => {
		const masked = '当事人王**未按规定为雇员缴存住房公积金';
		const phrases = sharedPhrases('王小明未按规定为雇员缴存住房公积金', masked);
		expect(phrases).toEqual(['未按规定为雇员缴存住房公积金']);
		expect(phrases.join('')).not.toContain('王');
	});
});

describe('text index scores', () => {
	it('scores every document in order, zero where nothing is shared', () => {
		const index = new TextIndex([
			{ doc: 'a', text: '未办理住房公积金缴存登记' },
			{ doc: 'b', text: '拒不配合调查' },
			{ doc: 'c', text: '' }
		]);
		const s = index.scores('单位不办理住房公积金缴存登记');
		expect(s.map((x) => x.doc)).toEqual(['a', 'b', 'c']);
		expect(s[0]!.score).toBeGreaterThan(0.5);
		expect(s[1]!.score).toBe(0);
		expect(s[2]!.score).toBe(0);
		expect(index.best('单位不办理住房公积金缴存登记').map((x) => x.doc)).toEqual(['a']);
	});
});
