import { createWriteStream, mkdirSync, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { FIELDS, type CaseKey, type CaseRecord, type Field } from '../../domain/case-schema';
import { ROSTER_HEADERS } from '../../domain/roster-schema';
import { dayNumber, type IsoDate } from '../../domain/dates';
import { formatFen } from '../../domain/cell-values';
import type { Catalog } from '../../domain/catalog';
import type { WorkingCalendar } from '../../domain/calendar';
import { DEMO_AGENCY, demoOfficers, generateDemoCases, type DemoCase, type DemoOptions } from './generate';
import { seededRandom, type Random } from './random';
import { factsParagraph } from './facts';
import { EXTRACTED_KEYS, type ExtractedKey } from '../../domain/facts-circumstances';

/**
 * Writes the demo data set the way case-management systems export it: an old system's GBK file with alias
 * headers, a title row, 万元 amounts, mixed date formats and a free-text column; a new system's UTF-8 file with
 * a BOM and canonical headers; the officer roster; and the ground truth of the planted faults.
 */

export interface DemoFiles {
	legacy: string;
	current: string;
	roster: string;
	truth: string;
}

/** Layout of the written files: split by year between the two systems, or every case in one file of a kind. */
export type DemoLayout = 'split' | 'messy' | 'canonical';

export interface WriteDemoOptions extends DemoOptions {
	dir: string;
	layout?: DemoLayout;
	/** Cases filed before this year go to the old system's file (split layout). */
	splitYear?: number;
	/** Write a facts paragraph (违法事实, 100–300 characters on several lines) for every case. */
	factsText?: boolean;
	/**
	 * The share of cases (0–1) whose circumstances the ledger wrote only in the facts text: their seven circumstance
	 * cells are left blank and a facts paragraph stating them is written (with or without factsText).
	 */
	circumstancesInFacts?: number;
	onProgress?: (written: number) => void;
}

/** The old system's header for each key: an alias from the dictionary (so the importer must map it). */
const LEGACY_HEADER: Partial<Record<CaseKey, string>> = {
	case_id: '案号',
	agency: '处罚机关',
	department: '管理部',
	category: '行为类别',
	item_code: '执法事项编码',
	item_name: '违法行为',
	legal_basis: '法律依据',
	procedure: '适用程序',
	status: '办理状态',
	party_type: '相对人类别',
	party_name: '行政相对人名称',
	party_id: '信用代码',
	officer_ids: '执法证件号',
	filed_on: '立案时间',
	investigated_on: '调查完成日期',
	notified_on: '处罚告知日期',
	reviewed_on: '审核日期',
	review_result: '审核意见',
	major_decision: '是否重大执法决定',
	decided_on: '处罚决定日期',
	decision_no: '文书号',
	closed_on: '执行完毕日期',
	published_on: '公开日期',
	withdrawn_on: '撤销公示日期',
	av_recorded: '是否音像记录',
	employees_affected: '涉及人数',
	months_overdue: '逾期月数',
	amount_involved: '涉案金额(万元)',
	prior_violations: '两年内违法次数',
	rectified: '是否主动改正',
	cooperated: '配合调查',
	harm: '社会危害程度',
	circumstance_tier: '裁量情节',
	penalty_types: '处罚类型',
	fine_amount: '罚款金额(万元)',
	confiscated_amount: '没收违法所得金额',
	reconsideration: '复议结果',
	litigation: '诉讼结果'
};

function legacyHeader(f: Field): string {
	const h = LEGACY_HEADER[f.key];
	if (h === undefined) return f.header;
	if (!(f.aliases as readonly string[]).includes(h)) throw new Error(`旧系统表头「${h}」不是「${f.header}」的别名`);
	return h;
}

const EXCEL_EPOCH_DAY = -25569;

function legacyDate(r: Random, d: IsoDate): string {
	const [y, m, day] = d.split('-').map(Number);
	switch (r.int(0, 5)) {
		case 0:
			return `${y}/${m}/${day}`;
		case 1:
			return `${y}年${m}月${day}日`;
		case 2:
			return d.replaceAll('-', '');
		case 3:
			return `${y}.${m}.${day}`;
		case 4:
			return String(dayNumber(d) - EXCEL_EPOCH_DAY);
		default:
			return d;
	}
}

/** Enum values as the old system spelled them: its own synonyms now and then. */
const LEGACY_SPELLING: Record<string, Record<string, string>> = {
	party_type: { 法人及非法人组织: '法人', 个体工商户: '个体户' },
	circumstance_tier: { 从轻: '从轻处罚', 从重: '从重处罚', 减轻: '减轻处罚', 一般: '一般处罚' },
	status: { 已结案: '已办结' },
	review_result: { 通过: '同意' }
};

function cell(f: Field, v: CaseRecord[CaseKey], legacy: boolean, r: Random): string {
	if (v === null) return '';
	switch (f.type) {
		case 'money':
			return legacy && f.key !== 'confiscated_amount' ? formatFen(v as number, 'wan') : formatFen(v as number);
		case 'date':
			return legacy ? legacyDate(r, v as string) : (v as string);
		case 'bool':
			return legacy ? (v ? r.pick(['是', '√']) : r.pick(['否', '×'])) : v ? '是' : '否';
		case 'list':
			return (v as string[]).join(legacy ? '、' : ';');
		case 'enum':
			return legacy && r.chance(0.5) ? (LEGACY_SPELLING[f.key]?.[v as string] ?? (v as string)) : (v as string);
		default:
			return String(v);
	}
}

/** The share of the shipped demo's cases whose ledger wrote the circumstances only in the facts text. */
export const DEMO_FACTS_SHARE = 0.05;

const BLANK_CIRCUMSTANCES = Object.fromEntries(EXTRACTED_KEYS.map((k) => [k, null])) as Pick<CaseRecord, ExtractedKey>;

const NOTES = ['', '', '', '', '', '已电话催告', '当事人称"资金紧张"，申请分期', '复查时已整改\n见现场检查笔录', '移交稽查'];

async function write(stream: WriteStream, text: string, encoding: 'utf8' | 'gbk'): Promise<void> {
	const buf = encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');
	if (!stream.write(buf)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
}

async function finish(stream: WriteStream): Promise<void> {
	await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

function unparse(rows: string[][]): string {
	return Papa.unparse(rows, { newline: '\r\n' }) + '\r\n';
}

export async function writeDemoFiles(
	catalog: Catalog,
	cal: WorkingCalendar,
	options: WriteDemoOptions
): Promise<DemoFiles & { cases: number; planted: number }> {
	const layout = options.layout ?? 'split';
	const splitYear = layout === 'split' ? (options.splitYear ?? 2022) : layout === 'messy' ? 9999 : 0;
	mkdirSync(options.dir, { recursive: true });
	const files: DemoFiles = {
		legacy: join(options.dir, 'cases-legacy-gbk.csv'),
		current: join(options.dir, 'cases-current-utf8.csv'),
		roster: join(options.dir, 'roster.csv'),
		truth: join(options.dir, 'planted.json')
	};
	const r = seededRandom((options.seed ?? 1) * 7919);
	// A stream of its own, so that the facts leave every other cell as it would be without them.
	const factsRandom = seededRandom((options.seed ?? 1) * 104729);
	const legacy = createWriteStream(files.legacy);
	const current = createWriteStream(files.current);
	await write(legacy, unparse([[`${DEMO_AGENCY}执法案件台账（旧系统导出）`], [...FIELDS.map(legacyHeader), '备注']]), 'gbk');
	await write(current, '\uFEFF' + unparse([FIELDS.map((f) => f.header)]), 'utf8');

	const truth: { case_id: string; rules: string[] }[] = [];
	let n = 0;
	let legacyBatch: string[][] = [];
	let currentBatch: string[][] = [];
	const flush = async () => {
		if (legacyBatch.length) await write(legacy, unparse(legacyBatch), 'gbk');
		if (currentBatch.length) await write(current, unparse(currentBatch), 'utf8');
		legacyBatch = [];
		currentBatch = [];
		options.onProgress?.(n);
	};
	for (const dc of generateDemoCases(catalog, cal, options) as Generator<DemoCase>) {
		const inFacts = (options.circumstancesInFacts ?? 0) > 0 && factsRandom.chance(options.circumstancesInFacts ?? 0);
		const rec = inFacts
			? { ...dc.record, ...BLANK_CIRCUMSTANCES, facts: factsParagraph(dc.record, factsRandom) }
			: options.factsText
				? { ...dc.record, facts: factsParagraph(dc.record, factsRandom) }
				: dc.record;
		if (dc.planted.length) truth.push({ case_id: rec.case_id ?? '', rules: dc.planted });
		const isLegacy = Number((rec.filed_on ?? '').slice(0, 4)) < splitYear;
		if (isLegacy) legacyBatch.push([...FIELDS.map((f) => cell(f, rec[f.key], true, r)), r.pick(NOTES)]);
		else currentBatch.push(FIELDS.map((f) => cell(f, rec[f.key], false, r)));
		if (++n % 5000 === 0) await flush();
	}
	await flush();
	await Promise.all([finish(legacy), finish(current)]);

	const officers = demoOfficers(options.seed ?? 1);
	writeFileSync(
		files.roster,
		'\uFEFF' + unparse([[...ROSTER_HEADERS], ...officers.map((o) => [o.cert_no, o.name, o.department, o.valid_from, o.valid_to, o.status])])
	);
	writeFileSync(files.truth, JSON.stringify({ agency: DEMO_AGENCY, seed: options.seed ?? 1, cases: n, faults: truth }, null, 1) + '\n');
	return { ...files, cases: n, planted: truth.length };
}
