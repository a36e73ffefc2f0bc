import { describe, expect, it } from 'vitest';
import { auditActor, auditSentence, auditTarget } from './audit-sentences';

const entry = (action: string, target_type: string | null, target_id: string | null, detail: unknown = null) => ({
	action,
	target_type,
	target_id,
	detail: detail === null ? null : JSON.stringify(detail)
});

describe('the audit log in words', () => {
	it('names the case, batch or user an entry is about', () => {
		expect(auditTarget(entry('import', 'batch', '4'))).toBe('第 4 批导入');
		expect(auditTarget(entry('suggestion-saved', 'case', 'LJ2024CF00012'))).toBe('案件 LJ2024CF00012');
		expect(auditTarget(entry('user-disabled', 'user', 'wang'))).toBe('用户 wang');
		expect(auditTarget(entry('catalog-published', 'catalog', '2'))).toBe('事项清单第 2 版');
		expect(auditTarget(entry('sign-out', null, null))).toBe('');
	});

	it('writes details as sentences, never as JSON', () => {
		const imported = entry('import', 'batch', '4', {
			file: '2024年案件.csv',
			kind: 'cases',
			encoding: 'UTF-8',
			rows: 1200,
			imported: 1100,
			updated: 50,
			unchanged: 40,
			quarantined: 10,
			skipped: 0,
			warnings: {},
			cases_total: 3800
		});
		expect(auditSentence(imported)).toBe(
			'导入文件「2024年案件.csv」：共 1,200 行，新增 1,100 件、更新 50 件、未变 40 件、隔离 10 行；导入后共有 3,800 件案件。'
		);
		expect(auditSentence(entry('user-added', 'user', 'zhifa', { roles: ['officer', 'reviewer'], reason: 'demo data' }))).toBe(
			'添加用户，角色：执法人员、法制审核人员（随演示数据创建）。'
		);
		expect(auditSentence(entry('user-roles-changed', 'user', 'wang', { from: ['officer'], to: ['officer', 'reviewer'] }))).toBe(
			'角色由「执法人员」改为「执法人员、法制审核人员」。'
		);
		expect(
			auditSentence(
				entry('suggestion-saved', 'case', 'LJ2025CF00001', {
					proposal: 3,
					proposed_fine: 30000,
					low: 20312.4,
					high: 28711,
					level: 0.8,
					p_value: 0.4,
					model_version: 'v1'
				})
			)
		).toBe('为案件 LJ2025CF00001 保存第 3 号拟处罚意见：拟罚款 30,000 元，当时的 80% 区间 20,312 元–28,711 元（模型 v1）。');
		expect(auditSentence(entry('flag-resolved', 'case', 'LJ2021CF00004', { flag: 'R01', resolution: 'corrected', reason: '改为 5 万元' }))).toBe(
			'处理案件 LJ2021CF00004 的审查提示 R01：已更正，理由：改为 5 万元。'
		);
		expect(auditSentence(entry('import-undone', 'batch', '4', { file: 'a.csv', removed: 12, restored: 3 }))).toBe(
			'撤销文件「a.csv」的导入：删除 12 件新增案件，恢复 3 件被更新的案件。'
		);
		expect(auditSentence(entry('import-undone', 'batch', '5', { kind: 'publications', file: 'p.csv', removed: 171, restored: 0 }))).toBe(
			'撤销文件「p.csv」的处罚公示导入：删除 171 条公示决定。'
		);
		expect(auditSentence(entry('publication-match', 'violation', '逾期不缴住房公积金', { item: 'HPF-38' }))).toBe('确认该违法行为表述对应事项 HPF-38。');
		expect(auditSentence(entry('profile-saved', 'profile', '厂商导出', { edited: true, mapped: 8 }))).toBe('修改映射方案（对应 8 列）。');
		expect(auditSentence(entry('sign-in-failed', 'user', 'x', { reason: 'locked' }))).toBe('登录未成功：账户因多次输错密码暂时锁定。');
		expect(auditSentence(entry('export', 'report', '2024', { format: 'xlsx' }))).toBe('导出 2024 年度行政执法统计年报（XLSX）。');
		expect(auditSentence(entry('export', 'cases', 'list', { format: 'csv', rows: 1234, masked: true, filter: { q: '逾期' } }))).toBe(
			'导出案件 1,234 件（CSV），已脱敏。'
		);
		expect(auditSentence(entry('export', 'publications', 'all', { format: 'jsonl', rows: 160, masked: false, year: 2024 }))).toBe(
			'导出2024 年度处罚公示决定 160 条（JSONL），未脱敏（含完整姓名和证件号码）。'
		);
		expect(auditSentence(entry('sign-in', 'user', 'admin'))).toBe('');
	});

	it('writes a detail of an unknown shape as named pairs, and names the system and people', () => {
		const s = auditSentence(entry('something-new', null, null, { file: 'x.csv', rows: 3, nested: { a: 1 } }));
		expect(s).toBe('文件：x.csv；行数：3；nested：a：1。');
		expect(s).not.toMatch(/[{}"]/);
		expect(auditActor('system', null)).toBe('系统');
		expect(auditActor('admin', '系统管理员')).toBe('系统管理员（admin）');
		expect(auditActor('wang', null)).toBe('wang');
	});
});
