import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { loadCatalog } from '../catalog';
import { importCases } from '../import';
import { updateFlagsForCase } from '../review/freshness';
import { auditSentence } from '../../domain/audit-sentences';
import { getCase } from './read';
import { casePage } from './view';
import { correctCircumstance, CorrectionError, readCorrection } from './correct';

const dir = mkdtempSync(join(tmpdir(), 'equitas-correct-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let db: Database;
const AGENCY = '临江市住房公积金管理中心';
const HEADER = '案件编号,执法机关,执法类别,事项编码,执法事项,案件状态,当事人类型,当事人名称,证件号码,执法证号,立案日期,决定日期,决定书文号,罚款金额,违法事实';
// A natural person's case: the fine of 20,000 is below the 从重 tier that 30 months overdue would select (R02).
const ROW = `C1,${AGENCY},行政处罚,HPF-37-1,单位不办理住房公积金缴存登记,已结案,自然人,张三丰,110101199003070017,A1;A2,2023-03-01,2023-05-10,罚字1号,20000,"经查，张三丰（身份证号110101199003070017）雇用的职工5人未缴存，逾期30个月。当事人积极配合调查。"`;

beforeEach(async () => {
	await db?.close();
	db = await openMigrated(':memory:');
	const p = join(dir, 'c.csv');
	writeFileSync(p, `${HEADER}\n${ROW}\n`);
	await importCases(db, p, loadCatalog());
});

const flagStatus = async (rule: string) =>
	(await db.query<{ status: string }>(`SELECT status FROM flags WHERE case_id = 'C1' AND rule = ?`, [rule]))[0]?.status ?? null;

describe("an analyst's correction of a circumstance read from the facts text", () => {
	it('saves the value, takes the key out of extracted, writes the audit log and recomputes the flags', async () => {
		await updateFlagsForCase(db, { agency: AGENCY, caseId: 'C1' });
		expect(await flagStatus('R02')).toBe('open');
		const read = readCorrection('months_overdue', '2');
		if (!read.ok) throw new Error('refused');
		await correctCircumstance(db, { username: 'fenxi', ip: '127.0.0.1' }, { caseId: 'C1', agency: AGENCY }, read.correction);
		expect(await getCase(db, AGENCY, 'C1')).toMatchObject({ months_overdue: 2, employees_affected: 5, cooperated: true });
		const [row] = await db.query<{ extracted: string }>(`SELECT extracted FROM cases WHERE case_id = 'C1'`);
		expect(Object.keys(JSON.parse(row!.extracted) as object).sort()).toEqual(['cooperated', 'employees_affected']);
		const [log] = await db.query<{ action: string; actor: string; target_type: string; target_id: string; detail: string }>(
			`SELECT action, actor, target_type, target_id, detail FROM audit_log WHERE action = 'circumstance-corrected'`
		);
		expect(log).toMatchObject({ actor: 'fenxi', target_type: 'case', target_id: 'C1' });
		expect(auditSentence(log!)).toBe('更正案件 C1 的「违法持续月数」：由 30（由违法事实提取） 改为 2。');
		// 2 months no longer selects 从重: the fine inside the benchmark no longer fires R02.
		expect(await flagStatus('R02')).toBe('cleared');
	});

	it('clears the last extracted key to NULL, and takes an amount in 万元', async () => {
		for (const [key, value] of [
			['employees_affected', '6'],
			['months_overdue', ''],
			['cooperated', '否']
		] as const) {
			const read = readCorrection(key, value);
			if (!read.ok) throw new Error('refused');
			await correctCircumstance(db, { username: 'fenxi' }, { caseId: 'C1' }, read.correction);
		}
		expect(await getCase(db, AGENCY, 'C1')).toMatchObject({ employees_affected: 6, months_overdue: null, cooperated: false });
		const [row] = await db.query<{ extracted: string | null }>(`SELECT extracted FROM cases WHERE case_id = 'C1'`);
		expect(row?.extracted).toBeNull();
		const amount = readCorrection('amount_involved', '11.5万元');
		expect(amount).toEqual({ ok: true, correction: { key: 'amount_involved', value: 11_500_000 } });
	});

	it('refuses what is not a value of the circumstance, saying what it takes, and a field that is not a circumstance', () => {
		const bad = readCorrection('employees_affected', '很多');
		expect(bad.ok).toBe(false);
		expect(!bad.ok && bad.error).toMatchObject({ key: 'err.correction.int', values: { value: '很多' } });
		expect(readCorrection('employees_affected', '-3')).toMatchObject({ ok: false });
		expect(readCorrection('harm', '很大')).toMatchObject({ ok: false, error: { key: 'err.correction.enum' } });
		expect(readCorrection('fine_amount', '100')).toMatchObject({ ok: false, error: { key: 'err.correction.key' } });
	});

	it('refuses a case that is not there', async () => {
		await expect(correctCircumstance(db, { username: 'fenxi' }, { caseId: 'NONE', agency: AGENCY }, { key: 'harm', value: '无' })).rejects.toBeInstanceOf(
			CorrectionError
		);
	});

	it('shows the phrases on the case page masked like the facts text for a reader without need, in full for the one with it', async () => {
		const leader = await casePage(db, { roles: ['leader'] }, { caseId: 'C1' });
		expect(leader?.extracted.employees_affected).toBe('张**（身份证号1****************7）雇用的职工5人未缴存');
		expect(leader?.record.facts).toContain('张**');
		expect(leader?.record.facts).not.toContain('110101199003070017');
		expect(leader?.extracted.months_overdue).toBe('逾期30个月');
		expect(leader?.mayCorrect).toBe(false);
		const analyst = await casePage(db, { roles: ['analyst'] }, { caseId: 'C1' });
		expect(analyst?.mayCorrect).toBe(true);
		expect(analyst?.extracted.employees_affected).toBe('张**（身份证号1****************7）雇用的职工5人未缴存');
		const officer = await casePage(db, { roles: ['officer'], certNo: 'A1' }, { caseId: 'C1' });
		expect(officer?.extracted.employees_affected).toBe('张三丰（身份证号110101199003070017）雇用的职工5人未缴存');
	});
});

describe('a correction kept across re-imports', () => {
	// The same case with the column 违法持续月数 present: blank, or recorded.
	const withMonths = (months: string) => {
		const p = join(dir, `m${months || 'blank'}.csv`);
		writeFileSync(p, `${HEADER},违法持续月数\n${ROW},${months}\n`);
		return p;
	};
	const correct = async (key: string, raw: string) => {
		const read = readCorrection(key, raw);
		if (!read.ok) throw new Error('refused');
		await correctCircumstance(db, { username: 'fenxi' }, { caseId: 'C1', agency: AGENCY }, read.correction);
	};
	const extractedKeys = async () => {
		const [row] = await db.query<{ extracted: string | null }>(`SELECT extracted FROM cases WHERE case_id = 'C1'`);
		return row?.extracted ? Object.keys(JSON.parse(row.extracted) as object).sort() : null;
	};

	it('puts the corrected values back over those read from the text, so the same file counts the case unchanged', async () => {
		const blank = withMonths('');
		expect(await importCases(db, blank, loadCatalog())).toMatchObject({ unchanged: 1, updated: 0 });
		await correct('months_overdue', '2');
		await correct('cooperated', '否');
		// Not read from the text at all: an amount the analyst added, kept in fen and written back in yuan.
		await correct('amount_involved', '11.5万元');
		expect(await db.query(`SELECT key, value, corrected_by FROM circumstance_corrections ORDER BY key`)).toEqual([
			{ key: 'amount_involved', value: '11500000', corrected_by: 'fenxi' },
			{ key: 'cooperated', value: 'false', corrected_by: 'fenxi' },
			{ key: 'months_overdue', value: '2', corrected_by: 'fenxi' }
		]);
		const again = await importCases(db, blank, loadCatalog());
		expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 1 });
		expect(await getCase(db, AGENCY, 'C1')).toMatchObject({ months_overdue: 2, cooperated: false, amount_involved: 11_500_000, employees_affected: 5 });
		expect(await extractedKeys()).toEqual(['employees_affected']);
		// The file without the column at all leaves it blank just the same.
		expect(await importCases(db, join(dir, 'c.csv'), loadCatalog())).toMatchObject({ updated: 0, unchanged: 1 });
		expect(await getCase(db, AGENCY, 'C1')).toMatchObject({ months_overdue: 2 });
	});

	it('keeps a correction to unknown, and the last key corrected leaves extracted NULL', async () => {
		await correct('months_overdue', '');
		await correct('employees_affected', '');
		await correct('cooperated', '');
		expect(await extractedKeys()).toBeNull();
		expect(await importCases(db, withMonths(''), loadCatalog())).toMatchObject({ updated: 0, unchanged: 1 });
		expect(await getCase(db, AGENCY, 'C1')).toMatchObject({ months_overdue: null, employees_affected: null, cooperated: null });
		expect(await extractedKeys()).toBeNull();
	});

	it('yields to a value the file records in its column, and applies again where a later file leaves it blank', async () => {
		await correct('months_overdue', '2');
		expect(await importCases(db, withMonths('12'), loadCatalog())).toMatchObject({ updated: 1, unchanged: 0 });
		expect(await getCase(db, AGENCY, 'C1')).toMatchObject({ months_overdue: 12 });
		expect(await extractedKeys()).toEqual(['cooperated', 'employees_affected']);
		expect(await importCases(db, withMonths(''), loadCatalog())).toMatchObject({ updated: 1 });
		expect(await getCase(db, AGENCY, 'C1')).toMatchObject({ months_overdue: 2 });
		expect(await extractedKeys()).toEqual(['cooperated', 'employees_affected']);
	});

	it('replaces an earlier correction of the same circumstance', async () => {
		await correct('months_overdue', '2');
		await correct('months_overdue', '7');
		expect(await db.query(`SELECT key, value FROM circumstance_corrections`)).toEqual([{ key: 'months_overdue', value: '7' }]);
		expect(await importCases(db, withMonths(''), loadCatalog())).toMatchObject({ unchanged: 1 });
		expect(await getCase(db, AGENCY, 'C1')).toMatchObject({ months_overdue: 7 });
	});
});
