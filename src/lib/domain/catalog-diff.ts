import { catalogSchema, type CatalogData, type Condition } from './catalog';
import { CIRCUMSTANCE_FIELDS } from './circumstances';

/**
 * The catalog editor's words: where in a catalog a value sits, in Chinese (事项「…」第 2 个阶次 › 上限), a condition
 * in words, and the difference between two catalogs line by line, for the side-by-side view before publishing.
 */

const FIELD_WORDS: Record<string, string> = {
	name: '名称',
	version: '版本号',
	code: '事项编码',
	category: '执法类别',
	law: '法律',
	article: '条款',
	legal_basis: '处罚依据',
	fine: '法定罚款',
	min: '下限',
	max: '上限',
	penalty_types: '处罚种类',
	circumstances: '裁量情节',
	tier: '阶次',
	text: '适用情形',
	when: '适用条件',
	ground: '法律依据',
	av_required: '须音像记录',
	major_by_default: '默认为重大执法决定',
	type: '文书类型',
	stage: '环节',
	before: '须先于',
	major_decision: '重大执法决定规则',
	fine_at_least: '罚款不低于（元）',
	tiers: '裁量阶次',
	hearing: '经听证即为重大',
	hearing_threshold: '听证较大数额',
	publicity_working_days: '公示时限（工作日）',
	document_types: '文书类型清单',
	field: '情节',
	op: '比较方式',
	value: '取值',
	all: '全部满足',
	any: '任一满足',
	default: '其他类别'
};

const LIST_WORDS: Record<string, string> = { tiers: '阶次', documents: '必备文书', document_types: '文书类型', all: '条件', any: '条件' };

const CIRCUMSTANCE_WORDS = new Map<string, string>(CIRCUMSTANCE_FIELDS.map((f) => [f.key, f.header]));

/** A path into a catalog (as zod reports it) in Chinese, naming the item by its name and code. */
export function whereInCatalog(path: readonly (string | number)[], json: unknown): string {
	const items = (json as { items?: { code?: unknown; name?: unknown }[] } | null)?.items;
	const words: string[] = [];
	for (let i = 0; i < path.length; i++) {
		const p = String(path[i]);
		const next = path[i + 1];
		if (p === 'items' && next !== undefined) {
			const item = items?.[Number(next)];
			const code = typeof item?.code === 'string' ? item.code : null;
			const name = typeof item?.name === 'string' && item.name ? `「${item.name}」` : '';
			words.push(`事项${name}${code ? `（${code}）` : `第 ${Number(next) + 1} 项`}`);
			i++;
		} else if (next !== undefined && /^\d+$/.test(String(next)) && LIST_WORDS[p]) {
			words.push(`第 ${Number(next) + 1} 个${LIST_WORDS[p]}`);
			i++;
		} else if (/^\d+$/.test(p)) {
			words.push(`第 ${Number(p) + 1} 项`);
		} else {
			words.push(FIELD_WORDS[p] ?? CIRCUMSTANCE_WORDS.get(p) ?? p);
		}
	}
	return words.join(' › ') || '事项清单';
}

/** What is wrong with a draft, each problem naming the item and field in Chinese; [] when it is valid. */
export function draftProblems(json: unknown): { where: string; message: string }[] {
	const r = catalogSchema.safeParse(json);
	if (r.success) return [];
	return r.error.issues.map((issue) => ({ where: whereInCatalog(issue.path as (string | number)[], json), message: chineseMessage(issue.message) }));
}

/** zod's own messages are English; the common ones are said in Chinese, the catalog's own are Chinese already. */
function chineseMessage(m: string): string {
	if (/too small.*>=1 characters/i.test(m)) return '不能为空';
	if (/too small.*>=1 items/i.test(m)) return '至少要有一项';
	if (/expected number/i.test(m)) return '应为数字';
	if (/expected string/i.test(m)) return '应为文字';
	if (/expected boolean/i.test(m)) return '应为是或否';
	if (/too small|>=/i.test(m)) return `数值过小（${m}）`;
	if (/too big|<=/i.test(m)) return `数值过大（${m}）`;
	if (/invalid option|expected one of/i.test(m)) return `不是可选的值（${m}）`;
	return m;
}

const OP_WORDS: Record<string, string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥', '=': '=', '!=': '≠', in: '属于' };

/** A condition in words: 涉及职工人数 ≥ 10 且（是否改正 = 否 或 …）. */
export function conditionWords(c: Condition): string {
	if ('all' in c) return c.all.map((x) => ('field' in x ? conditionWords(x) : `（${conditionWords(x)}）`)).join(' 且 ');
	if ('any' in c) return c.any.map((x) => ('field' in x ? conditionWords(x) : `（${conditionWords(x)}）`)).join(' 或 ');
	const v = Array.isArray(c.value) ? c.value.join('、') : typeof c.value === 'boolean' ? (c.value ? '是' : '否') : String(c.value);
	return `${CIRCUMSTANCE_WORDS.get(c.field) ?? c.field} ${OP_WORDS[c.op] ?? c.op} ${v}`;
}

export interface CatalogChange {
	where: string;
	before: string | null;
	after: string | null;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Flattens to labelled leaves; items are keyed by code and tiers by name, so that a reordering is not a change. */
function flatten(v: Json, path: string[], out: Map<string, string>, key?: string): void {
	if (key === 'when' && v !== null && typeof v === 'object') {
		out.set(path.join(' › '), conditionWords(v as unknown as Condition));
		return;
	}
	if (Array.isArray(v)) {
		const scalar = v.every((x) => x === null || typeof x !== 'object');
		if (scalar) {
			out.set(path.join(' › '), v.join('、') || '（无）');
			return;
		}
		// The first tier whose condition holds applies: their order is a line of its own.
		if (key === 'tiers') out.set([...path, '判断顺序'].join(' › '), v.map((x) => String((x as { [k: string]: Json }).tier)).join('、'));
		v.forEach((x, i) => {
			const o = x as { [k: string]: Json };
			const label =
				key === 'items'
					? `事项「${String(o.name)}」（${String(o.code)}）`
					: key === 'tiers'
						? `阶次「${String(o.tier)}」`
						: key === 'documents'
							? `文书「${String(o.type)}」`
							: `第 ${i + 1} 项`;
			flatten(x, [...path.slice(key === 'items' ? path.length : 0), label], out);
		});
		return;
	}
	if (v !== null && typeof v === 'object') {
		for (const [k, x] of Object.entries(v)) flatten(x, [...path, FIELD_WORDS[k] ?? k], out, k);
		return;
	}
	out.set(path.join(' › '), v === null ? '（无）' : typeof v === 'boolean' ? (v ? '是' : '否') : String(v));
}

/** The lines that differ between two catalogs, in the order of the new one (then what it dropped). */
export function diffCatalogs(before: CatalogData, after: CatalogData): CatalogChange[] {
	const a = new Map<string, string>();
	const b = new Map<string, string>();
	flatten(before as unknown as Json, [], a);
	flatten(after as unknown as Json, [], b);
	const out: CatalogChange[] = [];
	for (const [k, v] of b) if (a.get(k) !== v) out.push({ where: k, before: a.get(k) ?? null, after: v });
	for (const [k, v] of a) if (!b.has(k)) out.push({ where: k, before: v, after: null });
	return out;
}
