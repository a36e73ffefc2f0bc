/** What the audit log records, with the words the audit page shows for each. */
export const AUDIT_ACTIONS = {
	'sign-in': { zh: '登录', en: 'Signed in' },
	'sign-in-failed': { zh: '登录失败', en: 'Sign-in failed' },
	'sign-out': { zh: '退出', en: 'Signed out' },
	'sign-out-everywhere': { zh: '退出所有设备', en: 'Signed out everywhere' },
	'password-changed': { zh: '修改密码', en: 'Password changed' },
	'user-added': { zh: '添加用户', en: 'User added' },
	'user-disabled': { zh: '停用用户', en: 'User disabled' },
	'user-enabled': { zh: '启用用户', en: 'User enabled' },
	'user-password-reset': { zh: '重置密码', en: 'Password reset' },
	'user-roles-changed': { zh: '修改角色', en: 'Roles changed' },
	'token-created': { zh: '创建 API 令牌', en: 'API token created' },
	'token-revoked': { zh: '吊销 API 令牌', en: 'API token revoked' },
	'setting-changed': { zh: '修改设置', en: 'Setting changed' },
	import: { zh: '导入数据', en: 'Import' },
	'import-undone': { zh: '撤销导入', en: 'Import undone' },
	'profile-saved': { zh: '保存映射方案', en: 'Mapping profile saved' },
	'profile-deleted': { zh: '删除映射方案', en: 'Mapping profile deleted' },
	export: { zh: '导出数据', en: 'Export' },
	'model-trained': { zh: '训练模型', en: 'Model trained' },
	'suggestion-saved': { zh: '保存裁量建议', en: 'Suggestion saved' },
	'flag-resolved': { zh: '处理审查提示', en: 'Flag resolved' },
	'review-result': { zh: '法制审核结论', en: 'Review result' },
	'audit-verified': { zh: '校验审计日志', en: 'Audit log verified' },
	'audit-key-started': { zh: '审计日志开始以密钥签名', en: 'Audit log keyed' },
	'audit-key-rotated': { zh: '轮换审计密钥', en: 'Audit key rotated' },
	'publicity-published': { zh: '公示执法决定', en: 'Decision published' },
	'publicity-withdrawn': { zh: '撤回公示', en: 'Publicity withdrawn' },
	'publicity-settings': { zh: '修改公示与数据交换设置', en: 'Publicity settings changed' },
	'file-uploaded': { zh: '上传案卷材料', en: 'Case-file document uploaded' },
	'file-viewed': { zh: '查看案卷材料', en: 'Case-file document viewed' },
	'file-downloaded': { zh: '下载案卷材料', en: 'Case-file document downloaded' },
	'file-list-imported': { zh: '导入案卷材料清单', en: 'Case-file document list imported' },
	'catalog-published': { zh: '发布事项清单版本', en: 'Catalog version published' },
	'publication-match': { zh: '确认公示决定对应的事项', en: 'Published violation matched to an item' },
	'circumstance-corrected': { zh: '更正裁量情节', en: 'Circumstance corrected' }
} as const satisfies Record<string, { zh: string; en: string }>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export function isAuditAction(s: unknown): s is AuditAction {
	return typeof s === 'string' && s in AUDIT_ACTIONS;
}
