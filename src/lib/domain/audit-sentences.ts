import { AUDIT_ACTIONS, isAuditAction } from './audit-actions';
import { isRole, ROLE_LABEL } from './roles';

/**
 * The audit log in a reader's words: what an entry's target is ("案件 LJ2024CF00012", "第 4 批导入") and its detail
 * as a Chinese sentence, never raw JSON. The stored entry (which the hash chain covers) is not changed; this only
 * says it. A detail of a shape not known here is still written as 「名称：值」 pairs.
 */

export interface AuditEntryWords {
	action: string;
	target_type: string | null;
	target_id: string | null;
	detail: string | null;
}

type Detail = Record<string, unknown>;

const n = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('en-US') : String(v ?? '—'));
const yuan = (v: unknown) => (typeof v === 'number' ? `${Math.round(v).toLocaleString('en-US')} 元` : '—');
const roles = (v: unknown) => (Array.isArray(v) ? v.map((r) => (isRole(r) ? ROLE_LABEL[r].zh : String(r))).join('、') || '无' : '—');
const str = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));

/** What the entry acted on, as a reader names it. */
export function auditTarget(e: Pick<AuditEntryWords, 'target_type' | 'target_id'>): string {
	const id = e.target_id ?? '';
	switch (e.target_type) {
		case null:
		case undefined:
			return '';
		case 'case':
			return `案件 ${id}`;
		case 'batch':
			return `第 ${id} 批导入`;
		case 'user':
			return `用户 ${id}`;
		case 'token':
			return `第 ${id} 号 API 令牌`;
		case 'setting':
		case 'settings':
			return `设置「${SETTING_NAMES[id] ?? id}」`;
		case 'profile':
			return `映射方案「${id}」`;
		case 'violation':
			return `公示中的违法行为「${id}」`;
		case 'case-file':
			return `第 ${id} 号案卷材料`;
		case 'case-file-list':
			return `案卷材料清单（批次 ${id}）`;
		case 'model':
			return `裁量模型 ${id}`;
		case 'catalog':
			return `事项清单第 ${id} 版`;
		case 'report':
			return `${id} 年度行政执法统计年报`;
		case 'scorecard':
			return `${id} 年度执法评议表`;
		case 'publicity':
			return `${id} 的公示数据`;
		case 'backup':
			return `数据备份（${id}）`;
		case 'cases':
			return '案件列表';
		case 'publications':
			return '其他机关的处罚公示';
		default:
			return `${e.target_type} ${id}`.trim();
	}
}

const SETTING_NAMES: Record<string, string> = { 'backup.schedule': '自动备份', publicity: '公示与数据交换' };

const SIGN_IN_FAILURES: Record<string, string> = {
	invalid: '用户名或密码不正确',
	locked: '账户因多次输错密码暂时锁定',
	disabled: '账户已停用',
	'too-long': '输入的用户名或密码过长'
};

/** Why the system added an account itself (bootstrap.ts). */
const ADD_REASONS: Record<string, string> = { 'first start': '首次启动时自动创建', 'demo data': '随演示数据创建' };

const RESOLUTIONS: Record<string, string> = { accepted: '认定有正当理由，予以保留', corrected: '已更正' };

/** Names of detail keys for the entries of shapes not written out below. */
const KEY_NAMES: Record<string, string> = {
	file: '文件',
	rows: '行数',
	format: '格式',
	reason: '原因',
	value: '值',
	kind: '类型',
	what: '内容',
	cases: '案件数',
	agency: '执法机关',
	case_id: '案件编号',
	enabled: '启用',
	time: '时间',
	keep: '保留份数',
	dir: '目录'
};

function pairs(d: Detail): string {
	return Object.entries(d)
		.filter(([, v]) => v !== null && v !== undefined && v !== '')
		.map(
			([k, v]) =>
				`${KEY_NAMES[k] ?? k}：${typeof v === 'object' ? (Array.isArray(v) ? v.join('、') : pairs(v as Detail)) : v === true ? '是' : v === false ? '否' : n(v)}`
		)
		.join('；');
}

function importSentence(d: Detail): string {
	if (d.kind === 'publications') {
		const v = (d.violations ?? {}) as Detail;
		return `导入其他机关的处罚公示：共 ${n(d.rows)} 行，新增 ${n(d.imported)} 条、未变 ${n(d.unchanged)} 条，隔离 ${n(d.quarantined)} 行；罚款从处罚内容读出 ${n(d.fines_from_text)} 条，新的违法行为表述 ${n(v.texts)} 种（对应到事项 ${n(v.matched)} 种）。`;
	}
	if (d.kind === 'roster') {
		return `导入执法人员名单：共 ${n(d.rows)} 行，新增 ${n(d.imported)} 人、更新 ${n(d.updated)} 人、未变 ${n(d.unchanged)} 人，隔离 ${n(d.quarantined)} 行。`;
	}
	const file = str(d.file) ? `文件「${String(d.file)}」` : '案件数据';
	const parts = [`新增 ${n(d.imported)} 件`, `更新 ${n(d.updated)} 件`, `未变 ${n(d.unchanged)} 件`, `隔离 ${n(d.quarantined)} 行`];
	if (typeof d.skipped === 'number' && d.skipped > 0) parts.push(`跳过合计行 ${n(d.skipped)} 行`);
	return `导入${file}：共 ${n(d.rows)} 行，${parts.join('、')}${typeof d.cases_total === 'number' ? `；导入后共有 ${n(d.cases_total)} 件案件` : ''}。`;
}

function exportSentence(e: AuditEntryWords, d: Detail): string {
	const format = str(d.format) ? `（${String(d.format).toUpperCase()}）` : '';
	switch (e.target_type) {
		case 'report':
			return `导出 ${e.target_id} 年度行政执法统计年报${format}。`;
		case 'scorecard':
			return `导出 ${e.target_id} 年度执法评议表${format}。`;
		case 'batch':
			return `导出第 ${e.target_id} 批导入中被隔离的行。`;
		case 'publicity':
			return `导出公示数据 ${n(d.rows)} 条${format}。`;
		case 'cases':
		case 'publications': {
			const what = e.target_type === 'cases' ? `案件 ${n(d.rows)} 件` : `处罚公示决定 ${n(d.rows)} 条`;
			const year = typeof d.year === 'number' ? `${d.year} 年度` : '';
			// Personal data in full is the fact a reader of the log looks for: said, never left to a flag's value.
			return `导出${year}${what}${format}${d.masked === false ? '，未脱敏（含完整姓名和证件号码）' : '，已脱敏'}。`;
		}
		case 'backup':
			return `${d.trigger === 'scheduled' ? '按计划自动' : ''}备份数据：${n(d.tables)} 张表、${n(d.rows)} 行记录、${n(d.files)} 个案卷文件，保存到 ${e.target_id}。`;
		default:
			return pairs(d) ? `导出数据：${pairs(d)}。` : '导出数据。';
	}
}

/** The entry's detail as a sentence (empty when the action and target say everything). */
export function auditSentence(e: AuditEntryWords): string {
	let d: Detail = {};
	if (e.detail) {
		try {
			const parsed: unknown = JSON.parse(e.detail);
			if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) d = parsed as Detail;
			else return String(parsed);
		} catch {
			return e.detail;
		}
	}
	const caseId = str(d.case_id) ?? (e.target_type === 'case' ? e.target_id : null);
	switch (e.action) {
		case 'sign-in':
		case 'sign-out':
		case 'password-changed':
		case 'user-disabled':
		case 'user-enabled':
		case 'user-password-reset':
		case 'token-revoked':
		case 'profile-deleted':
			return '';
		case 'sign-in-failed':
			return `登录未成功：${SIGN_IN_FAILURES[String(d.reason)] ?? String(d.reason ?? '原因未记载')}。`;
		case 'sign-out-everywhere':
			return `结束了该用户的全部 ${n(d.sessions)} 个会话。`;
		case 'user-added':
			return `添加用户，角色：${roles(d.roles)}${str(d.reason) ? `（${ADD_REASONS[String(d.reason)] ?? String(d.reason)}）` : ''}。`;
		case 'user-roles-changed':
			return `角色由「${roles(d.from)}」改为「${roles(d.to)}」。`;
		case 'token-created':
			return `创建 API 令牌「${String(d.name ?? '')}」，可用于：${Array.isArray(d.scopes) ? d.scopes.join('、') : '—'}。`;
		case 'setting-changed':
			return pairs(d) ? `新的设置：${pairs(d)}。` : '';
		case 'import':
			return importSentence(d);
		case 'import-undone':
			return d.kind === 'publications'
				? `撤销${str(d.file) ? `文件「${String(d.file)}」的` : ''}处罚公示导入：删除 ${n(d.removed)} 条公示决定。`
				: `撤销${str(d.file) ? `文件「${String(d.file)}」的` : ''}导入：删除 ${n(d.removed)} 件新增案件，恢复 ${n(d.restored)} 件被更新的案件。`;
		case 'profile-saved':
			return d.edited ? `修改映射方案（对应 ${n(d.mapped)} 列）。` : `保存映射方案（${n(d.headers)} 列）。`;
		case 'publication-match':
			return d.item ? `确认该违法行为表述对应事项 ${String(d.item)}。` : '确认该违法行为表述不对应任何事项。';
		case 'circumstance-corrected':
			return `更正案件 ${caseId ?? '—'} 的「${String(d.field ?? '')}」：由 ${String(d.from ?? '未知')}${d.extracted ? '（由违法事实提取）' : ''} 改为 ${String(d.to ?? '未知')}。`;
		case 'export':
			return exportSentence(e, d);
		case 'model-trained':
			return `用 ${n(d.cases)} 件已决定的罚款案件训练裁量模型。`;
		case 'suggestion-saved':
			return `为案件 ${caseId ?? '—'} 保存第 ${n(d.proposal)} 号拟处罚意见：拟罚款 ${yuan(d.proposed_fine)}，当时的 ${typeof d.level === 'number' ? Math.round(d.level * 100) : '—'}% 区间 ${yuan(d.low)}–${yuan(d.high)}（模型 ${String(d.model_version ?? '—')}）。`;
		case 'flag-resolved':
			return `处理案件 ${caseId ?? '—'} 的审查提示 ${String(d.flag ?? '')}：${RESOLUTIONS[String(d.resolution)] ?? String(d.resolution ?? '')}${str(d.reason) ? `，理由：${String(d.reason)}` : ''}。`;
		case 'review-result':
			return `案件 ${caseId ?? '—'} 的法制审核结论为「${String(d.result ?? '—')}」（第 ${n(d.review)} 号审核记录）${d.disagreement ? '，与承办人员意见不一致，提交协调' : ''}。`;
		case 'publicity-published':
			return `公示案件 ${caseId ?? '—'} 的处罚决定（决定书 ${String(d.decision_no ?? '—')}），公示日期 ${String(d.published_on ?? '—')}。`;
		case 'publicity-withdrawn':
			return `撤回案件 ${caseId ?? '—'} 的公示（决定书 ${String(d.decision_no ?? '—')}）：依据「${String(d.ground ?? '—')}」，理由：${String(d.reason ?? '—')}；裁决日 ${String(d.ruling_on ?? '—')}，撤回日 ${String(d.withdrawn_on ?? '—')}，${d.on_time === false ? '超过 3 日期限' : '在 3 日期限内'}。`;
		case 'publicity-settings':
			return '修改公示与数据交换设置。';
		case 'file-uploaded':
			return `为案件 ${caseId ?? '—'} 上传「${String(d.doc_type ?? '')}」${str(d.title) ? `：${String(d.title)}` : ''}${typeof d.size_bytes === 'number' ? `（${Math.max(1, Math.round(d.size_bytes / 1024)).toLocaleString('en-US')} KB）` : ''}${d.supersedes ? `，替换第 ${n(d.supersedes)} 号材料` : ''}。`;
		case 'file-viewed':
		case 'file-downloaded':
			return `${e.action === 'file-viewed' ? '查看' : '下载'}案件 ${caseId ?? '—'} 的「${String(d.type ?? '')}」。`;
		case 'file-list-imported':
			return `导入案卷材料清单${str(d.file) ? `「${String(d.file)}」` : ''}：${n(d.rows)} 条记录。`;
		case 'catalog-published':
			return `发布事项清单第 ${e.target_id ?? '—'} 版「${String(d.label ?? '')}」，自 ${String(d.effective_from ?? '—')} 起施行，共 ${n(d.items)} 个事项${str(d.note) ? `；修订说明：${String(d.note)}` : ''}。`;
		default:
			return pairs(d) ? `${pairs(d)}。` : '';
	}
}

/** The action in words (an action this version does not know is shown as recorded). */
export function auditActionWords(action: string, lang: 'zh' | 'en' = 'zh'): string {
	return isAuditAction(action) ? AUDIT_ACTIONS[action][lang] : action;
}

/** Who did it: the account's name and username, or 「系统」 for what the system did itself. */
export function auditActor(actor: string, displayName: string | null | undefined): string {
	if (actor === 'system') return '系统';
	return displayName && displayName !== actor ? `${displayName}（${actor}）` : actor;
}
