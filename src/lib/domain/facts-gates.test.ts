import { describe, expect, it } from 'vitest';
import { EXTRACTED_KEYS, FACTS_GATES, readCircumstance } from './facts-circumstances';
import { generateDemoCases } from '../server/demo/generate';
import { factsParagraph } from '../server/demo/facts';
import { seededRandom } from '../server/demo/random';
import { loadCatalog } from '../server/catalog';
import { loadCalendar } from '../server/calendar';

const WRITTEN = [
	'经查，该单位现有员工250人，其中二十三人未缴存住房公积金，逾期8个月，欠缴金额十一万五千元。当事人拒不配合调查。',
	'当事人未为十二名职工办理住房公积金账户设立手续，持续时间达十一个月，自2021年3月至2022年1月。',
	'该单位曾因同类违法行为被处罚一次，此次又未在责令期限内改正，造成严重后果，引发群体性投诉。',
	'经查，涉案金额115,000元，当事人积极配合调查，如实陈述，已全部补缴，未造成危害后果。',
	'首次违法，危害后果轻微，长达两年未办理缴存登记，拖欠人民币3.2万元，阻碍执法人员检查。'
];

describe('the words without which a circumstance is not read (FACTS_GATES)', () => {
	it('are in every text a circumstance was read from, for the demo paragraphs and texts written otherwise', () => {
		const r = seededRandom(9);
		const texts = [...WRITTEN];
		for (const dc of generateDemoCases(loadCatalog(), loadCalendar(), { cases: 3000, seed: 17 })) texts.push(factsParagraph(dc.record, r));
		let read = 0;
		const missed: string[] = [];
		for (const text of texts)
			for (const key of EXTRACTED_KEYS) {
				if (readCircumstance(text, key) === null) continue;
				read++;
				if (!FACTS_GATES[key].every((g) => new RegExp(g).test(text))) missed.push(`${key}: ${text}`);
			}
		expect(read).toBeGreaterThan(5000);
		expect(missed).toEqual([]);
	});
});
