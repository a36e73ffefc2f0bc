import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { loadCatalog } from '../catalog';
import { getCase } from '../cases/read';
import { listCases } from '../cases/list';
import { importCases, importRoster, quarantineOf } from './index';

const dir = mkdtempSync(join(tmpdir(), 'equitas-warnings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const catalog = loadCatalog();
let db: Database;
beforeEach(async () => {
	await db?.close();
	db = await openMigrated(':memory:');
});

let n = 0;
function file(name: string, content: string): string {
	const p = join(dir, `${++n}-${name}`);
	writeFileSync(p, content);
	return p;
}

const AGENCY = '临江市住房公积金管理中心';
const HEADER =
	'案件编号,执法机关,承办部门,执法类别,事项编码,执法事项,案件状态,当事人类型,当事人名称,执法证号,立案日期,决定日期,送达日期,决定书文号,处罚种类,罚款金额';
type Cells = {
	id: string;
	dept?: string;
	code?: string;
	officers?: string;
	filed?: string;
	decided?: string;
	served?: string;
	no?: string;
	kinds?: string;
	fine?: string;
};
const row = (c: Cells) =>
	[
		c.id,
		AGENCY,
		c.dept ?? '东城管理部',
		'行政处罚',
		c.code ?? 'HPF-37-1',
		'单位不办理住房公积金缴存登记',
		'已结案',
		'法人及非法人组织',
		'某某有限公司',
		c.officers ?? 'A1;A2',
		c.filed ?? '2023-03-01',
		c.decided ?? '2023-05-10',
		c.served ?? '2023-05-12',
		c.no ?? '临公积金罚决字〔2023〕第1号',
		c.kinds ?? '罚款',
		c.fine ?? '20000'
	].join(',');

async function withRoster(): Promise<void> {
	await importRoster(db, file('roster.csv', ['执法证号,姓名,所属部门', 'A1,张一,东城管理部', 'A2,李二,东城管理部'].join('\n')));
}

describe('rows that are cases with a problem: imported, counted by warning, one click from their cases', () => {
	it('counts each warning and lists exactly its cases in the batch', async () => {
		await withRoster();
		const text = [
			HEADER,
			row({ id: 'W0' }),
			row({ id: 'W1', no: '' }),
			row({ id: 'W2', dept: '会计科' }),
			row({ id: 'W3', code: 'HPF-99-9' }),
			row({ id: 'W4', officers: 'A1;Z9' }),
			row({ id: 'W5', fine: '60000' }),
			row({ id: 'W6', filed: '2023-06-01' }),
			row({ id: 'W7', served: '2023-05-01', no: '' })
		].join('\n');
		const r = await importCases(db, file('warn.csv', text), catalog);
		expect({ rows: r.rows, imported: r.imported, quarantined: r.quarantined }).toEqual({ rows: 8, imported: 8, quarantined: 0 });
		expect(r.warnings).toEqual({
			'no-decision-no': 2,
			'unknown-branch': 1,
			'item-not-in-catalog': 1,
			'officer-not-on-roster': 1,
			'fine-over-statute': 1,
			'dates-out-of-order': 2
		});
		const ids = async (warning: Parameters<typeof listCases>[1]['warning']) =>
			(await listCases(db, { batch: r.batch, warning }, 0, 50, 'case_id', false, catalog)).rows.map((c) => c.case_id);
		expect(await ids('no-decision-no')).toEqual(['W1', 'W7']);
		expect(await ids('unknown-branch')).toEqual(['W2']);
		expect(await ids('item-not-in-catalog')).toEqual(['W3']);
		expect(await ids('officer-not-on-roster')).toEqual(['W4']);
		expect(await ids('fine-over-statute')).toEqual(['W5']);
		expect(await ids('dates-out-of-order')).toEqual(['W6', 'W7']);
		// The batch's warnings are kept with it.
		const [b] = await db.query<{ warnings: string; skipped: number }>('SELECT warnings, skipped FROM batches WHERE id = ?', [r.batch]);
		expect(JSON.parse(b!.warnings)).toEqual(r.warnings);
	});

	it('does not judge branches and officers before a roster is imported', async () => {
		const r = await importCases(db, file('noroster.csv', [HEADER, row({ id: 'N1', dept: '会计科', officers: 'Z1;Z2' })].join('\n')), catalog);
		expect(r.warnings).toEqual({});
	});

	it('moves 责令改正 out of the penalties into the measures, and reads the names real files use', async () => {
		const header =
			'处罚决定书文号,作出决定机关,案件编号,承办部门,执法类别,事项编码,行政处罚依据,违法事实,企业名称,当事人类型,执法证号,立案日期,处罚决定书签发日期,案件状态,处罚种类,罚款金额';
		const cells = [
			'临公积金罚决字〔2023〕第7号',
			AGENCY,
			'R1',
			'东城管理部',
			'行政处罚',
			'HPF-37-1',
			'《住房公积金管理条例》第三十七条',
			'"该单位未办理缴存登记，涉及职工23人。"',
			'临江市丁有限公司',
			'机构',
			'A1;A2',
			'2023-03-01',
			'2023-05-10',
			'已结案',
			'警告;责令限期改正;罚款;禁止从业',
			'20000'
		];
		const r = await importCases(
			db,
			file(
				'real-names.csv',
				[header, cells.join(','), cells.join(',').replace(',R1,', ',R2,').replace('警告;责令限期改正;罚款;禁止从业', '责令改正')].join('\n')
			),
			catalog
		);
		expect({ imported: r.imported, quarantined: r.quarantined }, JSON.stringify(await quarantineOf(db, r.batch))).toEqual({ imported: 2, quarantined: 0 });
		expect(await getCase(db, AGENCY, 'R1')).toMatchObject({
			decision_no: '临公积金罚决字〔2023〕第7号',
			legal_basis: '《住房公积金管理条例》第三十七条',
			facts: '该单位未办理缴存登记，涉及职工23人。',
			party_name: '临江市丁有限公司',
			party_type: '法人及非法人组织',
			decided_on: '2023-05-10',
			penalty_types: ['警告', '罚款', '限制从业'],
			measures: ['责令限期改正']
		});
		expect(await getCase(db, AGENCY, 'R2')).toMatchObject({ penalty_types: null, measures: ['责令改正'] });
	});
});
