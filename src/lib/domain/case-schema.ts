/**
 * The case record, defined once (explained in docs/DATA-DICTIONARY.md). The database columns, the importer's header mapping,
 * the exports' headers and the forms are all derived from FIELDS; nothing else lists the columns.
 */

export type FieldType = 'text' | 'int' | 'money' | 'date' | 'bool' | 'enum' | 'list';

/**
 * When a field must be present: always, only for 行政处罚 cases, or only once a decision was made. `expected`: a
 * decided 行政处罚 case should have it, but a row without it is still a case: imported, with a warning and a flag.
 */
export type Requirement = 'always' | 'penalty' | 'decided' | 'expected' | 'never';

export type FieldGroup = 'identity' | 'party' | 'officers' | 'process' | 'circumstances' | 'outcome';

interface FieldSpec {
	readonly key: string;
	readonly header: string;
	readonly aliases: readonly string[];
	readonly type: FieldType;
	readonly required: Requirement;
	readonly group: FieldGroup;
	readonly en: string;
	/** Allowed values of an enum or list field, in the dictionary's order. */
	readonly values?: readonly string[];
	/** Other spellings seen in exports, mapped to one of `values`. */
	readonly synonyms?: Readonly<Record<string, string>>;
	/** Personal information that is masked for roles without need. */
	readonly sensitive?: boolean;
}

export const CATEGORIES = ['行政许可', '行政处罚', '行政强制', '行政征收', '行政检查', '行政确认', '行政给付', '行政奖励', '行政裁决', '其他'] as const;
export type Category = (typeof CATEGORIES)[number];

export const PARTY_TYPES = ['法人及非法人组织', '个体工商户', '自然人'] as const;
export type PartyType = (typeof PARTY_TYPES)[number];

export const STATUSES = ['办理中', '待审核', '已决定', '已结案', '已撤销'] as const;
export type CaseStatus = (typeof STATUSES)[number];

export const TIERS = ['不予处罚', '减轻', '从轻', '一般', '从重'] as const;
export type Tier = (typeof TIERS)[number];

export const HARMS = ['无', '轻微', '一般', '严重'] as const;

export const REVIEW_RESULTS = ['通过', '不通过', '退回补充'] as const;

export const APPEAL_OUTCOMES = ['无', '维持', '撤销', '变更', '确认违法', '责令履行', '驳回'] as const;

/** 行政处罚法 Art. 9. */
export const PENALTY_KINDS = [
	'警告',
	'通报批评',
	'罚款',
	'没收违法所得',
	'没收非法财物',
	'暂扣许可证件',
	'降低资质等级',
	'吊销许可证件',
	'限制开展生产经营活动',
	'责令停产停业',
	'责令关闭',
	'限制从业',
	'行政拘留',
	'其他'
] as const;

/** The annual report's 表二: measures and enforcement of 行政强制 cases, carried in `penalty_types`. */
export const COERCION_KINDS = [
	'查封',
	'扣押',
	'冻结存款汇款',
	'加处罚款或滞纳金',
	'划拨存款汇款',
	'拍卖或依法处理',
	'排除妨碍、恢复原状',
	'代履行',
	'申请人民法院强制执行',
	'其他'
] as const;

/**
 * Orders that are not penalties (行政处罚法 Art. 28: 责令改正 goes with a penalty, it is not one). Exports often list them
 * among the penalties; the importer moves them to `measures` instead of refusing the row. 责令停产停业 and 责令关闭 are
 * penalties (Art. 9) and stay.
 */
export const MEASURES_IN_PENALTIES = ['责令改正', '责令限期改正', '责令限期办理', '责令限期缴存', '责令整改', '限期改正'] as const;

/** What the penalty column may hold: the penalties, the 行政强制 kinds, and the measures that are moved out of it. */
const PENALTY_TYPE_VALUES: readonly string[] = [...new Set<string>([...PENALTY_KINDS, ...COERCION_KINDS, ...MEASURES_IN_PENALTIES])];

export const FIELDS = [
	// 1. Identity and classification
	{ key: 'case_id', header: '案件编号', aliases: ['案号', '立案编号', '案件号'], type: 'text', required: 'always', group: 'identity', en: 'Case number' },
	{
		key: 'agency',
		header: '执法机关',
		aliases: ['执法主体', '处罚机关', '实施机关', '作出决定机关', '作出处罚决定的机关名称'],
		type: 'text',
		required: 'always',
		group: 'identity',
		en: 'Agency'
	},
	{
		key: 'department',
		header: '承办部门',
		aliases: ['管理部', '承办科室', '承办机构', '分中心'],
		type: 'text',
		required: 'never',
		group: 'identity',
		en: 'Branch'
	},
	{
		key: 'category',
		header: '执法类别',
		aliases: ['执法行为类别', '行为类别'],
		type: 'enum',
		required: 'always',
		group: 'identity',
		en: 'Category',
		values: CATEGORIES,
		synonyms: {
			许可: '行政许可',
			处罚: '行政处罚',
			强制: '行政强制',
			征收: '行政征收',
			检查: '行政检查',
			确认: '行政确认',
			给付: '行政给付',
			奖励: '行政奖励',
			裁决: '行政裁决'
		}
	},
	{ key: 'item_code', header: '事项编码', aliases: ['执法事项编码', '权力事项编码'], type: 'text', required: 'penalty', group: 'identity', en: 'Item code' },
	{ key: 'item_name', header: '执法事项', aliases: ['违法行为类型', '违法行为', '案由'], type: 'text', required: 'always', group: 'identity', en: 'Item' },
	{
		key: 'legal_basis',
		header: '处罚依据',
		aliases: ['法律依据', '执法依据', '行政处罚依据'],
		type: 'text',
		required: 'never',
		group: 'identity',
		en: 'Legal basis'
	},
	{
		key: 'facts',
		header: '违法事实',
		aliases: ['主要违法事实', '主要违法违规事实', '案情摘要', '简要案情', '案件事实'],
		type: 'text',
		required: 'never',
		group: 'identity',
		en: 'Facts',
		// Free text that may name natural persons: masked like the party's name.
		sensitive: true
	},
	{
		key: 'procedure',
		header: '程序类型',
		aliases: ['适用程序'],
		type: 'enum',
		required: 'never',
		group: 'identity',
		en: 'Procedure',
		values: ['简易程序', '普通程序'],
		synonyms: { 简易: '简易程序', 普通: '普通程序', 一般程序: '普通程序' }
	},
	{
		key: 'status',
		header: '案件状态',
		aliases: ['办理状态'],
		type: 'enum',
		required: 'always',
		group: 'identity',
		en: 'Status',
		values: STATUSES,
		synonyms: {
			在办: '办理中',
			立案: '办理中',
			审核中: '待审核',
			待法制审核: '待审核',
			已作出决定: '已决定',
			决定: '已决定',
			结案: '已结案',
			已办结: '已结案',
			办结: '已结案',
			撤销: '已撤销',
			已撤案: '已撤销'
		}
	},
	// 2. Party
	{
		key: 'party_type',
		header: '当事人类型',
		aliases: ['相对人类别', '行政相对人类别'],
		type: 'enum',
		required: 'always',
		group: 'party',
		en: 'Party type',
		values: PARTY_TYPES,
		synonyms: {
			法人: '法人及非法人组织',
			单位: '法人及非法人组织',
			企业: '法人及非法人组织',
			机构: '法人及非法人组织',
			法人或其他组织: '法人及非法人组织',
			个体户: '个体工商户',
			个人: '自然人',
			公民: '自然人'
		}
	},
	{
		key: 'party_name',
		header: '当事人名称',
		aliases: ['行政相对人名称', '当事人', '企业名称', '单位名称'],
		type: 'text',
		required: 'always',
		group: 'party',
		en: 'Party',
		sensitive: true
	},
	{
		key: 'party_id',
		header: '统一社会信用代码',
		aliases: ['证件号码', '身份证号', '信用代码'],
		type: 'text',
		required: 'never',
		group: 'party',
		en: 'Credit code / ID number',
		sensitive: true
	},
	// 3. Officers
	{
		key: 'officer_ids',
		header: '执法证号',
		aliases: ['执法人员证件号', '执法证件号'],
		type: 'list',
		required: 'always',
		group: 'officers',
		en: 'Officer certificates'
	},
	// 4. Whole-process record
	{ key: 'filed_on', header: '立案日期', aliases: ['立案时间'], type: 'date', required: 'always', group: 'process', en: 'Filed' },
	{ key: 'investigated_on', header: '调查终结日期', aliases: ['调查完成日期'], type: 'date', required: 'never', group: 'process', en: 'Investigation closed' },
	{ key: 'notified_on', header: '告知日期', aliases: ['事先告知日期', '处罚告知日期'], type: 'date', required: 'never', group: 'process', en: 'Prior notice' },
	{ key: 'hearing_on', header: '听证日期', aliases: [], type: 'date', required: 'never', group: 'process', en: 'Hearing' },
	{ key: 'reviewed_on', header: '法制审核日期', aliases: ['审核日期'], type: 'date', required: 'never', group: 'process', en: 'Legal review' },
	{
		key: 'review_result',
		header: '法制审核结论',
		aliases: ['审核意见', '审核结果'],
		type: 'enum',
		required: 'never',
		group: 'process',
		en: 'Review result',
		values: REVIEW_RESULTS,
		synonyms: { 同意: '通过', 审核通过: '通过', 不同意: '不通过', 退回: '退回补充', 补充材料: '退回补充' }
	},
	{ key: 'major_decision', header: '重大执法决定', aliases: ['是否重大执法决定'], type: 'bool', required: 'never', group: 'process', en: 'Major decision' },
	{
		key: 'decided_on',
		header: '决定日期',
		aliases: ['处罚决定日期', '作出决定日期', '作出处罚决定的日期', '处罚决定书签发日期'],
		type: 'date',
		required: 'decided',
		group: 'process',
		en: 'Decided'
	},
	{
		key: 'decision_no',
		header: '决定书文号',
		aliases: ['行政处罚决定书文号', '处罚决定书文号', '文书号'],
		type: 'text',
		required: 'expected',
		group: 'process',
		en: 'Decision number'
	},
	{ key: 'served_on', header: '送达日期', aliases: [], type: 'date', required: 'never', group: 'process', en: 'Served' },
	{ key: 'closed_on', header: '结案日期', aliases: ['执行完毕日期'], type: 'date', required: 'never', group: 'process', en: 'Closed' },
	{ key: 'published_on', header: '公示日期', aliases: ['公开日期'], type: 'date', required: 'never', group: 'process', en: 'Published' },
	{ key: 'withdrawn_on', header: '撤回公示日期', aliases: ['撤销公示日期'], type: 'date', required: 'never', group: 'process', en: 'Publicity withdrawn' },
	{ key: 'av_recorded', header: '音像记录', aliases: ['是否音像记录'], type: 'bool', required: 'never', group: 'process', en: 'Audio-visual record' },
	// 5. Circumstances
	{
		key: 'employees_affected',
		header: '涉及职工人数',
		aliases: ['涉及人数', '未缴存职工人数'],
		type: 'int',
		required: 'never',
		group: 'circumstances',
		en: 'Employees affected'
	},
	{
		key: 'months_overdue',
		header: '违法持续月数',
		aliases: ['逾期月数', '持续时间(月)'],
		type: 'int',
		required: 'never',
		group: 'circumstances',
		en: 'Months the violation lasted'
	},
	{
		key: 'amount_involved',
		header: '涉案金额',
		aliases: ['欠缴金额', '违法金额', '涉案金额(元)', '涉案金额(万元)'],
		type: 'money',
		required: 'never',
		group: 'circumstances',
		en: 'Amount involved'
	},
	{
		key: 'prior_violations',
		header: '前科次数',
		aliases: ['两年内违法次数', '违法次数'],
		type: 'int',
		required: 'never',
		group: 'circumstances',
		en: 'Prior violations (2 years)'
	},
	{ key: 'rectified', header: '是否改正', aliases: ['是否主动改正', '整改情况'], type: 'bool', required: 'never', group: 'circumstances', en: 'Corrected' },
	{ key: 'cooperated', header: '是否配合调查', aliases: ['配合调查'], type: 'bool', required: 'never', group: 'circumstances', en: 'Cooperated' },
	{
		key: 'harm',
		header: '危害后果',
		aliases: ['社会危害程度'],
		type: 'enum',
		required: 'never',
		group: 'circumstances',
		en: 'Harm',
		values: HARMS,
		synonyms: { 没有: '无', 较轻: '轻微', 较小: '轻微', 较重: '严重', 重大: '严重' }
	},
	{
		key: 'circumstance_tier',
		header: '裁量阶次',
		aliases: ['裁量情节', '裁量等级'],
		type: 'enum',
		required: 'never',
		group: 'circumstances',
		en: 'Discretion tier',
		values: TIERS,
		synonyms: { 不予行政处罚: '不予处罚', 免予处罚: '不予处罚', 减轻处罚: '减轻', 从轻处罚: '从轻', 一般处罚: '一般', 从重处罚: '从重' }
	},
	// 6. Outcome
	{
		key: 'measures',
		header: '其他措施',
		aliases: ['责令改正情况'],
		type: 'list',
		required: 'never',
		group: 'outcome',
		en: 'Other measures'
	},
	{
		key: 'penalty_types',
		header: '处罚种类',
		aliases: ['处罚类别', '处罚类型', '强制措施', '强制执行方式'],
		type: 'list',
		required: 'never',
		group: 'outcome',
		en: 'Penalty / measure types',
		values: PENALTY_TYPE_VALUES,
		synonyms: {
			没收: '没收违法所得',
			罚金: '罚款',
			申请法院强制执行: '申请人民法院强制执行',
			申请强制执行: '申请人民法院强制执行',
			滞纳金: '加处罚款或滞纳金',
			加处罚款: '加处罚款或滞纳金',
			冻结: '冻结存款汇款',
			划拨: '划拨存款汇款',
			排除妨碍: '排除妨碍、恢复原状',
			恢复原状: '排除妨碍、恢复原状',
			禁止从业: '限制从业',
			吊销许可证: '吊销许可证件'
		}
	},
	{
		key: 'fine_amount',
		header: '罚款金额',
		aliases: ['罚款金额(元)', '罚款金额(万元)', '罚没金额'],
		type: 'money',
		required: 'never',
		group: 'outcome',
		en: 'Fine'
	},
	{ key: 'confiscated_amount', header: '没收金额', aliases: ['没收违法所得金额'], type: 'money', required: 'never', group: 'outcome', en: 'Confiscated' },
	{
		key: 'reconsideration',
		header: '行政复议',
		aliases: ['复议结果'],
		type: 'enum',
		required: 'never',
		group: 'outcome',
		en: 'Reconsideration',
		values: APPEAL_OUTCOMES,
		synonyms: { 未复议: '无', 否: '无', 撤销原决定: '撤销', 变更原决定: '变更' }
	},
	{
		key: 'litigation',
		header: '行政诉讼',
		aliases: ['诉讼结果'],
		type: 'enum',
		required: 'never',
		group: 'outcome',
		en: 'Litigation',
		values: APPEAL_OUTCOMES,
		synonyms: { 未起诉: '无', 否: '无', 驳回诉讼请求: '驳回', 撤销原决定: '撤销' }
	}
] as const satisfies readonly FieldSpec[];

export type Field = (typeof FIELDS)[number];
export type CaseKey = Field['key'];

/** How each field type is held in the domain: money in fen (exact integers), dates as YYYY-MM-DD. */
interface ValueOfType {
	text: string;
	int: number;
	money: number;
	date: string;
	bool: boolean;
	enum: string;
	list: string[];
}

/** A case record: every key of the dictionary; an unknown value is null, never 0 or ''. */
export type CaseRecord = { [F in Field as F['key']]: ValueOfType[F['type']] | null };

export const FIELD_BY_KEY: ReadonlyMap<CaseKey, FieldSpec> = new Map(FIELDS.map((f) => [f.key, f]));

export function field(key: CaseKey): FieldSpec {
	const f = FIELD_BY_KEY.get(key);
	if (!f) throw new Error(`unknown case field ${key}`);
	return f;
}

/** An empty record: every key present, every value unknown. */
export function emptyCase(): CaseRecord {
	return Object.fromEntries(FIELDS.map((f) => [f.key, null])) as CaseRecord;
}

/** Headers of an export in canonical form, in the dictionary's order. */
export const CANONICAL_HEADERS: readonly string[] = FIELDS.map((f) => f.header);
