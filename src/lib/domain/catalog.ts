import { z } from 'zod';
import { CATEGORIES, COERCION_KINDS, PARTY_TYPES, PENALTY_KINDS, TIERS, type CaseRecord, type PartyType, type Tier } from './case-schema';
import { CIRCUMSTANCE_KEYS, type CircumstanceKey } from './circumstances';
import { DEFAULT_DOCUMENT_TYPES, DOC_CONDITIONS } from './case-file-types';
import { STAGE_KEYS } from './stages';

/**
 * The enforcement-item catalog (事项清单 with its discretion benchmark, 裁量基准): data the agency edits, validated
 * here. Amounts in the file are yuan, as people write them; they are held in fen once loaded.
 */

export { CIRCUMSTANCE_KEYS, type CircumstanceKey } from './circumstances';

const comparison = z.object({
	field: z.enum(CIRCUMSTANCE_KEYS),
	op: z.enum(['<', '<=', '>', '>=', '=', '!=', 'in']),
	value: z.union([z.number(), z.boolean(), z.string(), z.array(z.string())])
});

/** A condition on the circumstances: a comparison, or all / any of other conditions. */
export type Condition = z.infer<typeof comparison> | { all: Condition[] } | { any: Condition[] };

const condition: z.ZodType<Condition> = z.lazy(() =>
	z.union([comparison, z.object({ all: z.array(condition).min(1) }), z.object({ any: z.array(condition).min(1) })])
);

const yuan = z.number().min(0).max(1e12);

const tierSchema = z
	.object({
		tier: z.enum(TIERS),
		min: yuan,
		max: yuan,
		/** The benchmark's own words, shown to officers and published. */
		text: z.string().min(1),
		/** When the tier applies. A tier without `when` applies when no tier before it did. */
		when: condition.optional(),
		/** The legal ground the tier needs (减轻: Art. 32, 不予处罚: Art. 33), stated with any suggestion. */
		ground: z.string().optional()
	})
	.refine((t) => t.min <= t.max, { message: '阶次下限大于上限', path: ['max'] });

/** A document the case file (电子案卷) must hold once the case has reached `stage` and every `when` holds. */
const documentRequirement = z.object({
	type: z.string().min(1),
	stage: z.enum(STAGE_KEYS),
	when: z.array(z.enum(DOC_CONDITIONS)).default([]),
	/** Document types this one must precede (法制审核意见书 before 行政处罚决定书). */
	before: z.array(z.string().min(1)).default([])
});

const itemSchema = z
	.object({
		code: z.string().min(1),
		name: z.string().min(1),
		category: z.enum(CATEGORIES),
		law: z.string().min(1),
		article: z.string().min(1),
		legal_basis: z.string().min(1),
		/** The statutory fine range, or null where the statute gives no fine. */
		fine: z
			.object({ min: yuan, max: yuan })
			.refine((f) => f.min <= f.max, { message: '法定罚款下限大于上限', path: ['max'] })
			.nullable(),
		penalty_types: z.array(z.enum([...new Set<string>([...PENALTY_KINDS, ...COERCION_KINDS])] as [string, ...string[]])).default([]),
		/** Circumstances this item's benchmark uses: the forms ask for these and the model learns from these. */
		circumstances: z.array(z.enum(CIRCUMSTANCE_KEYS)).default([]),
		tiers: z.array(tierSchema).default([]),
		av_required: z.boolean().default(false),
		major_by_default: z.boolean().default(false),
		/** The documents the item's case file requires, by stage; optional so that older catalogs still load. */
		documents: z.array(documentRequirement).default([])
	})
	.superRefine((item, ctx) => {
		for (const [i, t] of item.tiers.entries()) {
			if (!item.fine) {
				ctx.addIssue({ code: 'custom', path: ['tiers', i], message: '该事项没有法定罚款，不能设罚款阶次' });
				continue;
			}
			// 减轻 goes below the statutory minimum and 不予处罚 is zero: only those may leave the statute range.
			const below = t.tier === '减轻' || t.tier === '不予处罚';
			if (t.max > item.fine.max || (!below && t.min < item.fine.min)) {
				ctx.addIssue({ code: 'custom', path: ['tiers', i], message: `阶次「${t.tier}」${t.min}–${t.max} 元超出法定范围 ${item.fine.min}–${item.fine.max} 元` });
			}
		}
	});

export const catalogSchema = z
	.object({
		name: z.string().min(1),
		version: z.string().min(1),
		major_decision: z.object({
			fine_at_least: yuan,
			penalty_types: z.array(z.string()).default([]),
			tiers: z.array(z.enum(TIERS)).default([]),
			hearing: z.boolean().default(true)
		}),
		/** 较大数额 of Art. 63 by party type: fines at or above it give a right to a hearing. */
		hearing_threshold: z.record(z.enum(PARTY_TYPES), yuan),
		/** Working days within which a decision must be published, by category; `default` for the rest. */
		publicity_working_days: z.record(z.string(), z.number().int().min(1).max(60)).refine((r) => 'default' in r, { message: '缺少 default' }),
		/** The document types officers file under a case (电子案卷); the default list when the catalog has none. */
		document_types: z
			.array(z.object({ name: z.string().min(1), stage: z.enum(STAGE_KEYS) }))
			.min(1)
			.default(() => DEFAULT_DOCUMENT_TYPES.map((d) => ({ ...d }))),
		items: z.array(itemSchema).min(1)
	})
	.superRefine((c, ctx) => {
		const seen = new Set<string>();
		const types = new Set(c.document_types.map((d) => d.name));
		for (const [i, item] of c.items.entries()) {
			if (seen.has(item.code)) ctx.addIssue({ code: 'custom', path: ['items', i, 'code'], message: `事项编码 ${item.code} 重复` });
			seen.add(item.code);
			for (const [j, d] of item.documents.entries()) {
				for (const name of [d.type, ...d.before]) {
					if (!types.has(name)) ctx.addIssue({ code: 'custom', path: ['items', i, 'documents', j], message: `文书类型「${name}」不在文书类型清单中` });
				}
			}
		}
	});

type RawCatalog = z.infer<typeof catalogSchema>;
/** The catalog as its file holds it (with the schema's defaults filled in): what is stored, exported and edited. */
export type CatalogData = RawCatalog;
export type CatalogItem = RawCatalog['items'][number];
export type CatalogTier = CatalogItem['tiers'][number];

export interface Catalog extends RawCatalog {
	byCode: ReadonlyMap<string, CatalogItem>;
	byName: ReadonlyMap<string, CatalogItem>;
}

export class CatalogError extends Error {
	constructor(
		readonly file: string,
		readonly problems: string[]
	) {
		super(`事项清单文件 ${file} 有误 / the catalog file is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
		this.name = 'CatalogError';
	}
}

/** Validates a parsed catalog file; every problem names the entry (by its code) and what is wrong. */
export function parseCatalog(json: unknown, file: string): Catalog {
	const r = catalogSchema.safeParse(json);
	if (!r.success) {
		const items = (json as { items?: { code?: unknown }[] } | null)?.items;
		const problems = r.error.issues.map((issue) => {
			const path = issue.path.map(String);
			let where = path.join('.');
			if (path[0] === 'items' && path[1] !== undefined) {
				const code = items?.[Number(path[1])]?.code;
				where = `事项 ${typeof code === 'string' ? code : `#${Number(path[1]) + 1}`}${path.length > 2 ? ' › ' + path.slice(2).join('.') : ''}`;
			}
			return `${where || '(根)'}：${issue.message}`;
		});
		throw new CatalogError(file, problems);
	}
	const c = r.data;
	return { ...c, byCode: new Map(c.items.map((i) => [i.code, i])), byName: new Map(c.items.map((i) => [i.name, i])) };
}

/** The catalog without its lookup maps: the JSON a version is stored and exported as. */
export function catalogData(c: Catalog): CatalogData {
	const { byCode: _byCode, byName: _byName, ...data } = c;
	return data;
}

/** The circumstances of a case that the catalog's conditions and the discretion model read. */
export type Circumstances = Pick<CaseRecord, CircumstanceKey>;

/** Whether a condition holds; a comparison on an unknown circumstance does not hold (unknown is not 0). */
export function holds(cond: Condition, c: Circumstances): boolean {
	if ('all' in cond) return cond.all.every((x) => holds(x, c));
	if ('any' in cond) return cond.any.some((x) => holds(x, c));
	const v = c[cond.field];
	if (v === null || v === undefined) return false;
	const want = cond.value;
	switch (cond.op) {
		case '=':
			return v === want;
		case '!=':
			return v !== want;
		case 'in':
			return Array.isArray(want) && want.includes(String(v));
		default: {
			if (typeof v !== 'number' || typeof want !== 'number') return false;
			// Money circumstances are in fen in a record but in yuan in the catalog.
			const value = cond.field === 'amount_involved' ? v / 100 : v;
			return cond.op === '<' ? value < want : cond.op === '<=' ? value <= want : cond.op === '>' ? value > want : value >= want;
		}
	}
}

/** The benchmark tier the circumstances select: the first tier whose condition holds, else the first without one. */
export function selectTier(item: CatalogItem, c: Circumstances): CatalogTier | null {
	return item.tiers.find((t) => t.when !== undefined && holds(t.when, c)) ?? item.tiers.find((t) => t.when === undefined) ?? null;
}

export function tierByName(item: CatalogItem, tier: Tier): CatalogTier | undefined {
	return item.tiers.find((t) => t.tier === tier);
}

export function hearingThresholdFen(catalog: Catalog, partyType: PartyType | string | null): number {
	const t = partyType && partyType in catalog.hearing_threshold ? catalog.hearing_threshold[partyType as PartyType] : undefined;
	return Math.round((t ?? catalog.hearing_threshold['法人及非法人组织'] ?? 50_000) * 100);
}

/** The catalog's rule for a major decision (审核目录清单), from the case's own facts. */
export function majorByRule(catalog: Catalog, rec: Pick<CaseRecord, 'fine_amount' | 'penalty_types' | 'circumstance_tier' | 'hearing_on'>): boolean {
	const rule = catalog.major_decision;
	if (rec.fine_amount !== null && rec.fine_amount >= rule.fine_at_least * 100) return true;
	if (rec.penalty_types?.some((p) => rule.penalty_types.includes(p))) return true;
	if (rec.circumstance_tier && (rule.tiers as string[]).includes(rec.circumstance_tier)) return true;
	return rule.hearing && rec.hearing_on !== null;
}

/** Whether a case is a major decision: marked so in the export, or so by the catalog's rule (as the statistics count it). */
export function isMajorDecision(catalog: Catalog, rec: Parameters<typeof majorByRule>[1] & Pick<CaseRecord, 'major_decision'>): boolean {
	return rec.major_decision === true || majorByRule(catalog, rec);
}
