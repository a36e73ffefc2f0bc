import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { FIELDS, type Field } from '../../domain/case-schema';
import { formatFen } from '../../domain/values';
import { readCell } from '../../domain/case-row';
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
	bool: ['是', '否', 'Y', 'n', 'TRUE', 'false', '1', '0', '√', '×', '已整改', '未整改', '也许', '', '－'],
	enum: ['行政处罚', '处罚', ' 行政 处罚 ', '行政处理', '', '其他'],
	list: ['警告；罚款、罚款', '罚款', '罚款,没收', '罚款;;', '；', '罚款、未知', '', '申请法院强制执行']
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
