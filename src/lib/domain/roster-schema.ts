/** The officer roster (行政执法人员清单): its own import, with its own canonical headers and aliases. */

export const ROSTER_FIELDS = [
	{ key: 'cert_no', header: '执法证号', aliases: ['执法证件号', '证件号', '执法证件编号'], type: 'text', required: true, en: 'Certificate number' },
	{ key: 'name', header: '姓名', aliases: ['执法人员姓名', '人员姓名'], type: 'text', required: true, en: 'Name' },
	{ key: 'department', header: '所属部门', aliases: ['部门', '承办部门', '所在单位'], type: 'text', required: false, en: 'Department' },
	{ key: 'valid_from', header: '证件有效期起', aliases: ['有效期起', '发证日期'], type: 'date', required: false, en: 'Valid from' },
	{ key: 'valid_to', header: '证件有效期止', aliases: ['有效期止', '有效期至'], type: 'date', required: false, en: 'Valid to' },
	{ key: 'status', header: '状态', aliases: ['证件状态', '人员状态'], type: 'text', required: false, en: 'Status' }
] as const;

export type RosterKey = (typeof ROSTER_FIELDS)[number]['key'];
export type RosterRecord = Record<RosterKey, string | null>;
export const ROSTER_HEADERS: readonly string[] = ROSTER_FIELDS.map((f) => f.header);
