/**
 * A penalty publicity list (行政处罚公示 / 双公示, RULES.md §5, and looser lists such as the national emission list):
 * other agencies' published decisions, kept as reference beside the agency's own cases and never mixed into them.
 * The headers below and their aliases are those real lists use.
 */

export type PublicationType = 'text' | 'date' | 'money' | 'list' | 'enum';

export interface PublicationField {
	key: PublicationKey;
	header: string;
	aliases: readonly string[];
	type: PublicationType;
	en: string;
}

export const PUBLICATION_FIELDS = [
	{
		key: 'agency',
		header: '处罚机关',
		aliases: ['作出决定机关', '处罚决定机关', '执法机关', '实施机关', '决定机关', '处罚机关名称', '作出处罚决定的机关名称', '执法主体'],
		type: 'text',
		en: 'Agency'
	},
	{
		key: 'decision_no',
		header: '行政处罚决定书文号',
		aliases: ['决定书文号', '处罚决定书文号', '文书号', '处罚文号', '决定文书号'],
		type: 'text',
		en: 'Decision number'
	},
	{
		key: 'party_name',
		header: '行政相对人名称',
		aliases: ['企业名称', '当事人名称', '单位名称', '当事人', '被处罚单位', '被处罚人', '被处罚对象'],
		type: 'text',
		en: 'Party'
	},
	{ key: 'party_type', header: '行政相对人类别', aliases: ['当事人类型', '相对人类别', '行政相对人类型'], type: 'enum', en: 'Party type' },
	{
		key: 'violation',
		header: '违法行为类型',
		aliases: ['主要违法违规事实', '违法事实', '违法行为', '违法类型', '案由', '主要违法事实', '违法违规事实'],
		type: 'text',
		en: 'Violation'
	},
	{ key: 'legal_basis', header: '处罚依据', aliases: ['法律依据', '行政处罚依据', '处罚的法律依据'], type: 'text', en: 'Legal basis' },
	{ key: 'content', header: '处罚内容', aliases: ['处罚结果', '处罚决定', '处罚情况', '行政处罚内容'], type: 'text', en: 'Penalty content' },
	{ key: 'penalty_types', header: '处罚类别', aliases: ['处罚种类', '处罚类型'], type: 'list', en: 'Penalty types' },
	{
		key: 'fine_amount',
		header: '罚款金额',
		aliases: ['罚款金额(元)', '罚款金额（万元）', '罚款金额(万元)', '罚没金额', '罚款数额'],
		type: 'money',
		en: 'Fine'
	},
	{
		key: 'decided_on',
		header: '处罚决定日期',
		aliases: ['决定日期', '作出处罚决定的日期', '处罚日期', '处罚决定书签发日期', '作出决定日期'],
		type: 'date',
		en: 'Decided'
	},
	{ key: 'published_on', header: '公示日期', aliases: ['公开日期', '发布日期', '公示时间', '发布时间'], type: 'date', en: 'Published' },
	{ key: 'region', header: '区域', aliases: ['地区', '所属地区', '行政区划', '省份', '所在地区'], type: 'text', en: 'Region' },
	{ key: 'source_url', header: '来源链接', aliases: ['链接', '原文链接', '信息来源', '来源', '网址'], type: 'text', en: 'Source link' }
] as const satisfies readonly { key: string; header: string; aliases: readonly string[]; type: PublicationType; en: string }[];

export type PublicationKey = (typeof PUBLICATION_FIELDS)[number]['key'];

/** A published decision as stored: money in fen, dates ISO, the fine per target when the text names several. */
export interface Publication {
	source_line: number | null;
	agency: string | null;
	decision_no: string | null;
	party_name: string | null;
	party_type: string | null;
	violation: string | null;
	legal_basis: string | null;
	content: string | null;
	penalty_types: string[] | null;
	fine_amount: number | null;
	fines: { target: string | null; amount: number }[];
	decided_on: string | null;
	published_on: string | null;
	region: string | null;
	source_url: string | null;
}
