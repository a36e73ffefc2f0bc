import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from './index';
import { FIELDS, type Field } from '../../domain/case-schema';
import { formatFen } from '../../domain/cell-values';
import { readCell } from '../../domain/case-row';
import { lit } from './sql-literal';
import { settledExpr, valueExpr } from './sql-normalize';

/** Cells of every kind seen in exports, plus the traps: full-width forms, units, impossible dates, overflow. */
const CORPUS: Record<Field['type'], string[]> = {
	text: ['临江市某某有限公司', '  带空格  ', '\u3000全角空格\u3000', '（全角括号）', '-', '', 'null', 'N/A', '无数据', 'Ａ１２３'],
	int: ['12', '１２', '35人', '3个月', '12.0', '12.5', '1,200', '-3', '2147483647', '2147483648', 'abc', '', '--', '７ 人'],
	money: [
		'1.5',
		'1.2345万元',
		'3.3万',
		'12,345.60',
		'￥12,345.60',
		'１２３４５元',
		'12.345',
		'12.3450',
		'0.000001万',
		'0.0000001万',
		'-100',
		'RMB100',
		'rmb 100',
		'99999999999999',
		'99999999',
		'100000000',
		'999999999.999999',
		'1e5',
		'',
		'/'
	],
	date: [
		'2019-05-30',
		'2019/5/30',
		'2019.5.30',
		'20190530',
		'2019年5月30日',
		'2019年5月30',
		'2019-5/30',
		'2019/02/29',
		'2020/02/29',
		'2200-12-31',
		'2201-01-01',
		'1900年1月1日',
		' 2019-05-30',
		'43615',
		'43615.5',
		'２０１９－０５－３０',
		'2019-05-30 14:20:00',
		'2019-05-30T08:00',
		'2019-02-30',
		'1899-01-01',
		'12345',
		'99999',
		'下周一',
		''
	],
	bool: ['是', '否', 'Y', 'n', 'TRUE', 'false', '1', '0', '√', '×', '已整改', '未整改', '也许', '', '－', ' 是 ', 'ｙｅｓ', 'X'],
	enum: ['行政处罚', '处罚', ' 行政 处罚 ', '行政处理', '', '其他'],
	list: [
		'警告；罚款、罚款',
		'罚款',
		'罚款,没收',
		'罚款;;',
		'；',
		'罚款、未知',
		'',
		'申请法院强制执行',
		'警告、罚款',
		'罚款、罚款',
		'排除妨碍、恢复原状',
		'35070400541、35070400489',
		' A1、B2 ',
		'A1',
		'-'
	]
};

/** The readers' answer, money as the SQL prints it (yuan with two decimals). */
function jsRead(f: Field, raw: string, unit: 'yuan' | 'wan'): { ok: boolean; value?: unknown } {
	const r = readCell(f, raw, unit);
	if (r.ok && f.type === 'money' && typeof r.value === 'number') return { ok: true, value: formatFen(r.value) };
	return r;
}

let db: Database;
beforeAll(async () => {
	db = await openMigrated(':memory:');
});
afterAll(async () => db.close());

const sample: Record<Field['type'], Field> = {
	text: FIELDS.find((f) => f.key === 'party_name')!,
	int: FIELDS.find((f) => f.key === 'employees_affected')!,
	money: FIELDS.find((f) => f.key === 'fine_amount')!,
	date: FIELDS.find((f) => f.key === 'filed_on')!,
	bool: FIELDS.find((f) => f.key === 'rectified')!,
	enum: FIELDS.find((f) => f.key === 'category')!,
	list: FIELDS.find((f) => f.key === 'penalty_types')!
};

describe('the SQL fast path agrees with the readers', () => {
	for (const type of Object.keys(CORPUS) as Field['type'][]) {
		for (const unit of type === 'money' ? (['yuan', 'wan'] as const) : (['yuan'] as const)) {
			it(`${type}${type === 'money' ? ` (${unit})` : ''}: whatever SQL settles, it settles as the readers do`, async () => {
				const f = sample[type];
				let settledCount = 0;
				for (const raw of CORPUS[type]) {
					const v = valueExpr(f, '$raw', unit);
					const [row] = await db.query<{ v: unknown; settled: boolean }>(
						`SELECT ${type === 'money' ? `CAST(${v} AS VARCHAR)` : type === 'date' ? `strftime(${v}, '%Y-%m-%d')` : v} AS v, ${settledExpr(valueExpr(f, '$raw', unit), '$raw')} AS settled`,
						{ raw }
					);
					const js = jsRead(f, raw, unit);
					if (row!.settled) {
						settledCount++;
						expect(js.ok, `SQL settled «${raw}» but the readers refuse it`).toBe(true);
						expect(row!.v, `«${raw}»`).toEqual(js.value);
					}
				}
				// The fast path must actually carry most ordinary cells, or it is no fast path.
				expect(settledCount).toBeGreaterThan(CORPUS[type].length / 2);
			});
		}
	}
});

/** Values and synonyms of the other enums, as exports write them. */
const ENUMS = ['已办结', '　已办结', '法人', '个体户', '同意', '从重处罚', '无', '-', '普通', '已撤案'];

/** List cells without a dictionary of values (officer certificates). */
const ITEMS = ['35070400541、35070400489', ' A1、B2 ', 'A1', '-', 'A1、、B2', 'A1;B2', 'A1、', 'null'];

describe('every field, not only one of each type', () => {
	it('settles a cell only as the readers read it', async () => {
		const cells = [...new Set([...Object.values(CORPUS).flat(), ...ENUMS, ...ITEMS])];
		for (const f of FIELDS) {
			const v = valueExpr(f, 'raw', 'wan');
			const rows = await db.query<{ raw: string; v: unknown; settled: boolean }>(
				`SELECT raw, ${f.type === 'money' ? `CAST(${v} AS VARCHAR)` : f.type === 'date' ? `strftime(${v}, '%Y-%m-%d')` : v} AS v, ${settledExpr(v, 'raw')} AS settled
				 FROM (VALUES ${cells.map((c) => `(${lit(c)})`).join(', ')}) t(raw)`
			);
			for (const row of rows.filter((r) => r.settled)) {
				const js = jsRead(f, row.raw, 'wan');
				expect(js.ok, `${f.key}: SQL settled «${row.raw}» but the readers refuse it`).toBe(true);
				expect(row.v, `${f.key}: «${row.raw}»`).toEqual(js.value);
			}
		}
	});
});
