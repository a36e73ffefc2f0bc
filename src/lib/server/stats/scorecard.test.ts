import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { loadCalendar } from '../calendar';
import { loadCatalog } from '../catalog';
import { ensureCalendarTable } from './calendar-table';
import { scorecard } from './scorecard';
import { listCases } from '../cases/list';
import { seedDemo } from '../demo';
import { MIN_CASES, scorecardJson, shiftWords, type ScoreFlag } from '../../domain/scorecard';

const catalog = loadCatalog();
let db: Database;

type Cell = string | number | boolean | null;
/** A decided 行政处罚 case with a whole record, published the next working day, unless the fixture says otherwise. */
async function add(id: string, c: Record<string, Cell>, officers = ['E1', 'E2'], penalties = ['罚款']) {
	const cols: Record<string, Cell> = {
		case_id: id,
		agency: '某中心',
		item_name: '单位不办理住房公积金缴存登记',
		item_code: 'HPF-37-1',
		category: '行政处罚',
		status: '已结案',
		party_type: '法人及非法人组织',
		party_name: '某公司',
		department: '东城',
		filed_on: '2024-05-06',
		investigated_on: '2024-05-20',
		notified_on: '2024-05-24',
		decided_on: '2024-06-03',
		served_on: '2024-06-05',
		published_on: '2024-06-04',
		av_recorded: true,
		...c
	};
	const keys = Object.keys(cols);
	const list = (xs: string[]) => `[${xs.map((x) => `'${x}'`).join(', ')}]::VARCHAR[]`;
	await db.run(
		`INSERT INTO cases (${keys.join(', ')}, officer_ids, penalty_types) VALUES (${keys.map(() => '?').join(', ')}, ${list(officers)}, ${list(penalties)})`,
		keys.map((k) => cols[k] ?? null)
	);
}

async function act(id: string, ruling: string, withdrawn: string) {
	await db.run(`INSERT INTO publicity_acts (agency, case_id, withdrawn_on, withdraw_ground, ruling_on) VALUES ('某中心', ?, ?, '其他', ?)`, [
		id,
		withdrawn,
		ruling
	]);
}

beforeAll(async () => {
	db = await openMigrated(':memory:');
	await ensureCalendarTable(db, loadCalendar());
	for (const [cert, from, to] of [
		['E1', '2020-01-01', '2030-12-31'],
		['E2', '2020-01-01', '2030-12-31'],
		['N1', '2020-01-01', '2030-12-31'],
		['N2', '2020-01-01', '2030-12-31'],
		['W1', '2020-01-01', '2030-12-31'],
		// Expired before the case X decided on 2024-05-10.
		['X1', '2019-01-01', '2024-03-31']
	] as const)
		await db.run(`INSERT INTO officers (cert_no, name, department, valid_from, valid_to) VALUES (?, ?, '东城', ?, ?)`, [cert, `人员${cert}`, from, to]);

	// Consistency, 2024, HPF-37-1 一般: 南城 10 × 10,000, 东城 11 × 15,000, 西城 2 × 20,000; median 15,000.
	for (let i = 0; i < 10; i++) await add(`N${i}`, { department: '南城', fine_amount: 10000, circumstance_tier: '一般' }, ['N1', 'N2']);
	for (let i = 0; i < 11; i++) await add(`E${i}`, { fine_amount: 15000, circumstance_tier: '一般' });
	for (let i = 0; i < 2; i++) await add(`W${i}`, { department: '西城', fine_amount: 20000, circumstance_tier: '一般' }, ['W1', 'E1']);
	// Alone in its tier: at its tier's median, whatever the 一般 fines are.
	await add('E-heavy', { fine_amount: 28000, circumstance_tier: '从重' });
	// 2023, 一般: 20,000, 21,000, 26,000 → median 21,000, distances 1,000, 0, 5,000 → spread 1,000. No major decision.
	for (const [id, fine] of [
		['Y1', 20000],
		['Y2', 21000],
		['Y3', 26000]
	] as const)
		await add(id, {
			fine_amount: fine,
			circumstance_tier: '一般',
			filed_on: '2023-05-04',
			investigated_on: '2023-05-10',
			notified_on: '2023-05-15',
			decided_on: '2023-06-01',
			served_on: '2023-06-02',
			published_on: '2023-06-02'
		});

	// Publicity: decided the Thursday before the 2024 Spring Festival, published 2024-02-23: the 7th working day
	// (2-9, the make-up Sunday 2-18, 2-19 … 2-23), on time; counting weekdays alone it would be the 11th.
	await add(
		'S-spring',
		{
			filed_on: '2024-01-08',
			investigated_on: '2024-01-20',
			notified_on: '2024-01-29',
			decided_on: '2024-02-08',
			served_on: '2024-02-08',
			published_on: '2024-02-23'
		},
		undefined,
		['警告']
	);
	// Decided Friday 2024-03-01, published Wednesday 2024-03-13: the 8th working day, late.
	await add(
		'S-late',
		{
			filed_on: '2024-01-08',
			investigated_on: '2024-01-20',
			notified_on: '2024-01-29',
			decided_on: '2024-03-01',
			served_on: '2024-03-04',
			published_on: '2024-03-13'
		},
		undefined,
		['警告']
	);
	// Withdrawals: reconsideration revoked it, withdrawn 2 days after the ruling (on time); litigation changed it,
	// withdrawn 9 days after (late). Another reconsideration upheld the decision.
	await add('S-revoked', { reconsideration: '撤销' }, undefined, ['警告']);
	await act('S-revoked', '2024-07-01', '2024-07-03');
	await add('S-changed', { litigation: '变更' }, undefined, ['警告']);
	await act('S-changed', '2024-08-01', '2024-08-10');
	await add('S-upheld', { reconsideration: '维持' }, undefined, ['警告']);
	// Records: no service date; served before the decision; no audio-visual record for an item that requires one.
	await add('S-unserved', { served_on: null }, undefined, ['警告']);
	await add('S-disorder', { served_on: '2024-05-30' }, undefined, ['警告']);
	await add('S-noav', { av_recorded: false }, undefined, ['警告']);
	// Major decisions: 50,000 reviewed and passed before; marked major, passed after the decision (its record is
	// out of order too); rejected before.
	await add('S-major-ok', { fine_amount: 50000, reviewed_on: '2024-05-30', review_result: '通过' });
	await add('S-major-after', { major_decision: true, reviewed_on: '2024-06-04', review_result: '通过' }, undefined, ['警告']);
	await add('S-major-rejected', { fine_amount: 40000, reviewed_on: '2024-05-30', review_result: '不通过' });
	// A case file kept electronically with one document only: incomplete on evaluation, so E0's record is not whole.
	await db.run(`INSERT INTO case_files (agency, case_id, stage, doc_type, title, media_type, sha256, source, uploaded_by)
		VALUES ('某中心', 'E0', 'filed_on', '立案审批表', '立案审批表', 'application/pdf', 'x', 'upload', 'test')`);
	// An officer whose certificate expired before the decision.
	await add(
		'S-expired',
		{
			filed_on: '2024-03-01',
			investigated_on: '2024-03-10',
			notified_on: '2024-03-20',
			decided_on: '2024-05-10',
			served_on: '2024-05-11',
			published_on: '2024-05-13'
		},
		['X1', 'E1'],
		['警告']
	);
});
afterAll(async () => db.close());

describe('scorecard', () => {
	it('measures each fine against the agency median of its item and tier, per year, branch and officer', async () => {
		const s = await scorecard(db, catalog, 2024);
		// 2024: 24 fines; 12 at their median (东城 and the lone 从重), 12 at 5,000 from it → median distance 2,500.
		expect(s.consistency).toMatchObject({ spread: 2500, spread_previous_year: 1000, cases: 24 });
		expect(s.consistency.trend).toEqual([
			{ year: 2023, cases: 3, spread: 1000 },
			{ year: 2024, cases: 24, spread: 2500 }
		]);
		expect(s.consistency.by_department).toEqual([
			{ department: '南城', cases: 10, median_shift: -5000, spread: 5000 },
			{ department: '东城', cases: 12, median_shift: 0, spread: 0 },
			// Two cases: shown, not ranked.
			{ department: '西城', cases: 2, median_shift: null, spread: null }
		]);
		const officer = (id: string) => s.consistency.by_officer.find((o) => o.officer_id === id);
		expect(officer('N1')).toMatchObject({ cases: 10, median_shift: -5000, name: '人员N1' });
		expect(officer('E1')).toMatchObject({ cases: 14, median_shift: 0 });
		expect(officer('W1')).toMatchObject({ cases: 2, median_shift: null });
		expect(s.consistency.by_officer.at(-1)?.median_shift).toBeNull();
		expect(shiftWords(s.consistency.by_department[0]!)).toBe('比全中心同事项同阶次的中位数低 5,000 元（偏轻）');
		expect(shiftWords(s.consistency.by_department[2]!)).toBe(`案件少于 ${MIN_CASES} 件，不排名`);
	});

	it('counts the three systems for the year and the year before', async () => {
		const s = await scorecard(db, catalog, 2024);
		// 24 consistency fines + 12 others, all 行政处罚 decisions of 2024; only S-late is late.
		expect(s.current.publicity).toEqual({ due: 36, on_time: 35, rate: 0.9722 });
		expect(s.current.withdrawal).toEqual({ due: 2, on_time: 1, rate: 0.5 });
		expect(s.current.record).toEqual({ cases: 36, complete: 31, rate: 0.8611 });
		expect(s.recordDetail).toMatchObject({ datesMissing: 1, outOfOrder: 2, avMissing: 1, withFile: 1, fileIncomplete: 1 });
		expect(s.current.legal_review).toEqual({ major: 3, reviewed_before: 1, rate: 0.3333 });
		expect(s.reviewResults).toEqual([
			{ result: '通过', n: 2 },
			{ result: '不通过', n: 1 }
		]);
		expect(s.current.reconsideration).toEqual({ cases: 2, corrected: 1 });
		expect(s.current.litigation).toEqual({ cases: 1, lost: 1 });
		expect(s.current.officers).toEqual({ acting: 6, certified: 5, rate: 0.8333 });
		// 36 decisions, 26 with a fine (24 + two major): 10 × 10,000 + 11 × 15,000 + 2 × 20,000 + 28,000 + 50,000 + 40,000.
		expect(s.headline.current).toEqual({ cases: 36, decisions: 36, amountFen: 42_300_000 });
		expect(s.headline.previous).toEqual({ cases: 3, decisions: 3, amountFen: 6_700_000 });
		// 2023: three fines, all on time and whole, no major decision: no rate rather than 0 % or 100 %.
		expect(s.previous.publicity).toEqual({ due: 3, on_time: 3, rate: 1 });
		expect(s.previous.legal_review).toEqual({ major: 0, reviewed_before: 0, rate: null });
		expect(s.previous.officers).toEqual({ acting: 2, certified: 2, rate: 1 });
		const json = scorecardJson(s);
		expect(Object.keys(json)).toEqual([
			'year',
			'agency',
			'consistency',
			'publicity',
			'withdrawal',
			'record',
			'legal_review',
			'reconsideration',
			'litigation',
			'officers'
		]);
		expect(json.legal_review.previous).toEqual({ major: 0, reviewed_before: 0, rate: null });
	});

	it('lists the very cases behind each figure through the case list', async () => {
		const ids = async (flag: ScoreFlag, more: Parameters<typeof listCases>[1] = {}) =>
			(await listCases(db, { year: 2024, flag, ...more }, 0, 100, 'case_id', false, catalog)).rows.map((r) => r.case_id);
		expect(await ids('sc-publicity-late')).toEqual(['S-late']);
		expect(await ids('sc-withdrawal-late')).toEqual(['S-changed']);
		expect(await ids('sc-withdrawal-due')).toEqual(['S-changed', 'S-revoked']);
		expect(await ids('sc-record-incomplete')).toEqual(['S-disorder', 'S-major-after', 'S-noav', 'S-unserved']);
		expect(await ids('sc-major-unreviewed')).toEqual(['S-major-after', 'S-major-rejected']);
		expect(await ids('sc-uncertified')).toEqual(['S-expired']);
		expect(await ids('sc-corrected')).toEqual(['S-revoked']);
		expect(await ids('sc-lost')).toEqual(['S-changed']);
		expect(await ids('sc-fined', { department: '西城' })).toEqual(['W0', 'W1']);
		expect((await ids('sc-fined', { officer: 'N1' })).length).toBe(10);
		expect((await ids('sc-publicity-due')).length).toBe(36);
		// The overview's headline counts lead to the same cases.
		const s = await scorecard(db, catalog, 2024);
		expect((await listCases(db, { year: 2024 }, 0, 1)).total).toBe(s.headline.current.cases);
		expect((await listCases(db, { year: 2024, cell: { table: 'table1', column: '合计' } }, 0, 1)).total).toBe(s.headline.current.decisions);
		expect(await listCases(db, { year: 2023, flag: 'sc-major' }, 0, 10, 'case_id', false, catalog)).toMatchObject({ total: 0 });
	});
});

describe('scorecard on the demo data', () => {
	const dir = mkdtempSync(join(tmpdir(), 'equitas-scorecard-'));
	let demo: Database;
	beforeAll(async () => {
		demo = await openMigrated(join(dir, 'demo.duckdb'));
		await ensureCalendarTable(demo, loadCalendar());
		await seedDemo(demo, catalog, loadCalendar(), { dir: join(dir, 'files'), seed: 7, cases: 3000 });
	}, 120_000);
	afterAll(async () => {
		await demo.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('finds the lenient branch 南湖管理部 first, below the norm', async () => {
		const [y] = await demo.query<{ y: number }>(`SELECT max(year(decided_on)) - 1 AS y FROM cases`);
		const s = await scorecard(demo, catalog, Number(y?.y));
		const first = s.consistency.by_department[0];
		expect(first?.department).toBe('南湖管理部');
		expect(first?.median_shift).toBeLessThan(0);
		for (const other of s.consistency.by_department.slice(1))
			if (other.median_shift !== null) expect(other.median_shift).toBeGreaterThan(first?.median_shift ?? 0);
	});
});
