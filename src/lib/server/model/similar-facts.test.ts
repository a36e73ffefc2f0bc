import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigrated, type Database, type Queryable } from '../db';
import { loadCatalog } from '../catalog';
import { bilingual } from '../../i18n';
import { buildSuggester } from './suggesters';
import { suggestWithFacts } from './similar-facts';
import type { Suggester, SuggestInput } from './suggest';

const AGENCY = '临江市住房公积金管理中心';
const QUERY = '经查，该单位自2023年5月起未为新招录的职工办理住房公积金缴存登记，涉及未缴存职工20人。当事人已在责令期限内改正。';
let db: Database;
let suggester: Suggester;

interface Past {
	id: string;
	employees: number;
	facts: string | null;
	person?: string;
	officers?: string[];
}

async function addCase(c: Past): Promise<void> {
	await db.run(
		`INSERT INTO cases (agency, case_id, department, category, item_code, item_name, procedure, status, party_type, party_name, fine_amount,
		 circumstance_tier, employees_affected, months_overdue, prior_violations, rectified, cooperated, harm, filed_on, decided_on, officer_ids, penalty_types, facts)
		 VALUES (?, ?, '第一管理部', '行政处罚', 'HPF-37-1', '单位不办理住房公积金缴存登记', '普通程序', '已结案', ?, ?, 20000, '一般', ?, 6, 0, false, true, '一般',
		 '2024-01-05', '2024-03-01', ?::VARCHAR[], ['罚款'], ?)`,
		[
			AGENCY,
			c.id,
			c.person ? '自然人' : '法人及非法人组织',
			c.person ?? `${c.id}公司`,
			c.employees,
			`[${(c.officers ?? []).map((o) => `'${o}'`).join(',')}]`,
			c.facts
		]
	);
}

const input = (over: Partial<SuggestInput> = {}): SuggestInput => ({
	case_id: null,
	item_code: 'HPF-37-1',
	party_type: '法人及非法人组织',
	employees_affected: 20,
	months_overdue: 6,
	amount_involved: null,
	prior_violations: 0,
	rectified: false,
	cooperated: true,
	harm: '一般',
	fine_amount: null,
	...over
});
const reader = { roles: ['reviewer' as const] };

beforeAll(async () => {
	db = await openMigrated(':memory:');
	// Same circumstances as the query, told differently; and one a little farther whose facts read alike.
	await addCase({ id: 'SAME-1', employees: 20, facts: '根据日常检查发现的线索，执法人员对该单位进行了现场检查，调取了工资发放表。' });
	await addCase({ id: 'SAME-2', employees: 20, facts: '职工投诉反映单位拖欠公积金，执法人员制作了询问笔录，当事人对事实无异议。' });
	await addCase({ id: 'NO-TEXT', employees: 20, facts: null });
	await addCase({
		id: 'ALIKE',
		employees: 23,
		facts: '经查，该单位自2023年5月起未为新招录的职工办理住房公积金缴存登记，涉及未缴存职工23人。当事人已在责令期限内改正。'
	});
	await addCase({
		id: 'PERSON',
		employees: 25,
		person: '王小明',
		officers: ['A1'],
		facts: '王小明自2023年5月起未为新招录的职工办理住房公积金缴存登记，雇员25人。'
	});
	await addCase({ id: 'OWN', employees: 20, facts: QUERY });
	suggester = await buildSuggester(db, loadCatalog(), 'models/default');
});
afterAll(async () => db.close());

describe('similar cases by facts text as well as circumstances', () => {
	it('puts a case described alike above nearer cases told otherwise, and says why', async () => {
		const [plain] = await suggestWithFacts(db, suggester, reader, [{ input: input({ case_id: 'OWN' }), facts: null, level: 0.8 }]);
		const [pastOnly] = await suggestWithFacts(db, suggester, reader, [{ input: input(), facts: null, level: 0.8 }]);
		// By circumstances alone, the cases with the same counts come first.
		expect(pastOnly!.facts_source).toBeNull();
		expect(pastOnly!.similar.slice(0, 4).map((c) => c.case_id)).not.toContain('ALIKE');
		expect(pastOnly!.similar.every((c) => c.text_similarity === null && c.phrases.length === 0)).toBe(true);

		const [withText] = await suggestWithFacts(db, suggester, reader, [{ input: input(), facts: QUERY, level: 0.8 }]);
		expect(withText!.facts_source).toBe('request');
		const order = withText!.similar.map((c) => c.case_id);
		// OWN has the very text; ALIKE, a little farther in circumstances, now comes before the nearer cases.
		expect(order.slice(0, 2)).toEqual(['OWN', 'ALIKE']);
		const alike = withText!.similar.find((c) => c.case_id === 'ALIKE')!;
		expect(alike.text_similarity).toBeGreaterThan(0.8);
		expect(alike.phrases).toEqual(['该单位自2023年5月起未为新招录的职工办理住房公积金缴存登记', '当事人已在责令期限内改正', '涉及未缴存职工']);
		expect(alike.reasons.map((m) => bilingual(m).zh)).toEqual(expect.arrayContaining(['涉及职工人数相近（20 / 23）', '均未改正', '均配合调查']));
		const noText = withText!.similar.find((c) => c.case_id === 'NO-TEXT')!;
		expect(noText.text_similarity).toBeNull();
		expect(noText.reasons.map((m) => bilingual(m).zh)).toContain('该案没有违法事实文本，仅按情节比较');
		// The order is the combined similarity, best first.
		const sims = withText!.similar.map((c) => c.similarity);
		expect([...sims].sort((a, b) => b - a)).toEqual(sims);

		// A case that exists is compared by its recorded facts when none are given, and is not its own neighbour.
		expect(plain!.facts_source).toBe('case');
		expect(plain!.similar[0]!.case_id).toBe('ALIKE');
		expect(plain!.similar.map((c) => c.case_id)).not.toContain('OWN');
	});

	it("masks a natural person's name in the phrases for a reader without a need, and shows it to the case's officer", async () => {
		const facts = '王小明自2023年5月起未为新招录的职工办理住房公积金缴存登记';
		const phrasesFor = async (viewer: { roles: ('reviewer' | 'officer')[]; certNo?: string }) => {
			const [s] = await suggestWithFacts(db, suggester, viewer, [{ input: input({ party_type: '自然人', employees_affected: 25 }), facts, level: 0.8 }]);
			return s!.similar.find((c) => c.case_id === 'PERSON')!.phrases.join(' ');
		};
		const masked = await phrasesFor(reader);
		expect(masked).toContain('未为新招录的职工办理住房公积金缴存登记');
		expect(masked).not.toContain('王小明');
		expect(masked).not.toContain('小明');
		expect(await phrasesFor({ roles: ['officer'], certNo: 'A1' })).toContain('王小明');
	});

	it('reads the candidates’ facts once for a suggester, and again only for a suggester built after the cases changed', async () => {
		let reads = 0;
		const counting: Queryable = {
			query: (sql, params) => {
				if (sql.includes('SELECT agency, case_id, facts')) reads++;
				return db.query(sql, params);
			},
			run: (sql, params) => db.run(sql, params)
		};
		const fresh = await buildSuggester(db, loadCatalog(), 'models/default');
		const ask = async (s: Suggester, viewer: { roles: ('reviewer' | 'officer')[]; certNo?: string }) =>
			(await suggestWithFacts(counting, s, viewer, [{ input: input(), facts: QUERY, level: 0.8 }]))[0]!;
		const first = await ask(fresh, reader);
		expect(reads).toBe(1);
		// Another reader, the same neighbours: no read, and each sees the texts masked for them.
		const again = await ask(fresh, { roles: ['officer'], certNo: 'A1' });
		expect(reads).toBe(1);
		expect(again.similar.map((c) => c.case_id)).toEqual(first.similar.map((c) => c.case_id));
		await ask(await buildSuggester(db, loadCatalog(), 'models/default'), reader);
		expect(reads).toBe(2);
	});
});
