import { describe, expect, it } from 'vitest';
import { bilingual, msg, translator } from './index';
import { LocalizedError, textOf } from './error';
import { placeholders } from './message';
import { zhCN } from './zh-CN';
import { en } from './en';
import { zhErrors } from './errors.zh-CN';
import { enErrors } from './errors.en';

const pairs: [string, Record<string, string>, Record<string, string>][] = [
	['pages', zhCN, en],
	['server messages', zhErrors, enErrors]
];

describe('server messages', () => {
	it.each(pairs)('%s: every key is in both languages with the same placeholders', (_, zh, english) => {
		expect(Object.keys(english).sort()).toEqual(Object.keys(zh).sort());
		for (const key of Object.keys(zh)) {
			expect(english[key]?.trim(), key).not.toBe('');
			expect(placeholders(english[key] ?? ''), key).toEqual(placeholders(zh[key] ?? ''));
		}
	});
	it('keeps page keys and server-message keys apart, so that neither dictionary shadows the other', () => {
		expect(Object.keys(zhErrors).filter((k) => k in zhCN)).toEqual([]);
	});
	it('renders a message in the reader’s language, names from data included', () => {
		const m = msg('err.suggest.negative', { field: { zh: '逾期月数', en: 'Months overdue' } });
		expect(translator('zh-CN')(m)).toBe('「逾期月数」不能为负数');
		expect(translator('en')(m)).toBe('Months overdue cannot be negative');
		expect(bilingual(msg('err.undo.noBatch', { id: 7 }))).toEqual({ zh: '没有第 7 批次', en: 'No batch 7' });
	});
	it('checks at compile time that the values are the placeholders of the Chinese text', () => {
		// @ts-expect-error the Chinese text has {{id}}, not {{batch}}
		expect(msg('err.undo.noBatch', { batch: 7 }).key).toBe('err.undo.noBatch');
		// @ts-expect-error a message without placeholders takes no values
		expect(msg('err.account.roles', { n: 1 }).values).toEqual({ n: 1 });
	});
	it('joins several messages the way each language lists them', () => {
		const list = [msg('err.password.short', { min: 10 }), msg('err.password.username')];
		expect(translator('zh-CN')(list)).toBe('密码至少 10 位；密码不能包含用户名');
		expect(translator('en')(list)).toBe('A password has at least 10 characters; A password must not contain the user name');
	});
	it('gives an error Chinese text for logs and keeps the message for pages', () => {
		const e = new LocalizedError(msg('err.backup.noBackup', { name: 'x' }), { bilingual: '\n/ ' });
		expect(e.message).toBe('没有名为 x 的备份\n/ no backup named x');
		expect(new LocalizedError(msg('err.account.roles')).message).toBe('请至少选择一个角色');
		expect(translator('en')(textOf(e))).toBe('no backup named x');
		expect(translator('en')(textOf(new Error('disk on fire')))).toBe('disk on fire');
	});
});
