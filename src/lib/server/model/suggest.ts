import type { Tier } from '../../domain/case-schema';
import { selectTier, tierByName, type Catalog, type CatalogItem, type CatalogTier, type CircumstanceKey, type Circumstances } from '../../domain/catalog';
import { FINE_TIERS, catalogTier, withTypical, type ModelCase, type TypicalValue } from '../../domain/discretion-features';
import type { DiscretionModel } from './discretion';
import { pValueWords } from '../../domain/conformal';
import type { SimilarIndex } from './similar';
import { intendedFineChecks, type FineCheck } from '../../domain/fine-checks';
import { tierConditionWords } from '../../domain/tier-condition';
import { roundOutward } from '../../domain/range-rounding';
import { circumstanceSimilarity } from '../../domain/case-similarity';
import { sharedCircumstances } from '../../domain/shared-circumstances';
import { bilingual, type Message } from '../../i18n';

/**
 * A suggestion for one case: the statute, the benchmark tier its circumstances select, the model's calibrated
 * range with its measured coverage, how unusual a proposed fine is, the similar past cases and the circumstances
 * that moved the range most. Where the law points to 不予处罚 or 减轻, the suggestion says so with the legal
 * ground and gives no number.
 */

/** A case to suggest for: its item and circumstances; the fine, if given, is only placed against the range. */
export interface SuggestInput extends ModelCase {
	case_id?: string | null;
	/** Fen, as in every record. */
	fine_amount?: number | null;
	/** The tier recorded on the case, if any: only 减轻 and 不予处罚 (legal grounds) change the answer. */
	circumstance_tier?: string | null;
}

export interface SimilarCase {
	case_id: string;
	agency: string;
	/** Yuan. */
	fine: number;
	/** Of the circumstances, in the model's standardized space. */
	distance: number;
	/** 0–1, what the cases are ordered by: the circumstances combined with the facts text (case-similarity.ts). */
	similarity: number;
	/** 0–1, of the facts texts; null when either side has none (the circumstances alone then). */
	text_similarity: number | null;
	/** The circumstances both share, in words (「均已改正」), and why the text was not compared, if it was not. */
	reasons: Message[];
	/** The longest passages of its facts that the given facts share, as the viewer may read them (masked). */
	phrases: string[];
	department: string | null;
	decided_on: string;
	tier: Tier | null;
	circumstances: Circumstances;
}

export interface Driver {
	key: CircumstanceKey;
	value: TypicalValue;
	typical: TypicalValue;
	/** How much higher (yuan) the median is with the case's value than with the typical one. */
	delta: number;
	/**
	 * When the case's value moves it to another benchmark tier: the tier it would be in with the typical value, and
	 * the benchmark condition that selected its own tier (most of the delta is the tier, not the circumstance).
	 */
	tier_change: { from: Tier; to: Tier; condition: string } | null;
}

export type Position = 'inside' | 'below' | 'above';

export interface Suggestion {
	case_id: string | null;
	item_code: string | null;
	item_name: string | null;
	statute: { min: number; max: number } | null;
	/** `condition`: the benchmark condition that selected the tier for these circumstances, in words (null for a declared ground). */
	tier: { name: Tier; min: number; max: number; text: string; ground: string | null; condition: string | null } | null;
	/** Yuan, or null where no number is suggested (see note). */
	low: number | null;
	high: number | null;
	median: number | null;
	level: number;
	coverage_measured: number | null;
	proposed_fine: number | null;
	position: Position | null;
	p_value: number | null;
	similar: SimilarCase[];
	drivers: Driver[];
	/** The checks of the intended fine (statute, benchmark tier, legal grounds, similar cases); empty without a fine. */
	checks: FineCheck[];
	/**
	 * Where the facts text the similar cases were compared with came from: the request, the case's record, or
	 * none (the circumstances alone ordered them).
	 */
	facts_source: 'request' | 'case' | null;
	/** Why there is no number, or what the range means, in Chinese. */
	note: string;
	/** 'range' | 'no-penalty' | 'mitigated' | 'no-fine-item' | 'unknown-item'. */
	kind: 'range' | 'no-penalty' | 'mitigated' | 'no-fine-item' | 'unknown-item';
	model_version: string;
}

/** The object of the `suggest` command-line contract (and of POST /api/suggest). */
export interface SuggestionContract {
	case_id: string | null;
	low: number | null;
	high: number | null;
	median: number | null;
	level: number;
	coverage_measured: number | null;
	p_value: number | null;
	similar: ContractSimilar[];
	facts_source: Suggestion['facts_source'];
	/** Present whenever the case carries a fine. */
	checks?: FineCheck[];
	note: string;
}

/** A similar case in the contract: its reasons in both languages, its phrases as the masked text writes them. */
export interface ContractSimilar {
	case_id: string;
	fine: number;
	distance: number;
	similarity: number;
	text_similarity: number | null;
	reasons: { zh: string; en: string }[];
	phrases: string[];
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function contractOf(s: Suggestion): SuggestionContract {
	return {
		case_id: s.case_id,
		low: s.low,
		high: s.high,
		median: s.median,
		level: s.level,
		coverage_measured: s.coverage_measured,
		p_value: s.p_value,
		similar: s.similar.map((c) => ({
			case_id: c.case_id,
			fine: c.fine,
			distance: round3(c.distance),
			similarity: round3(c.similarity),
			text_similarity: c.text_similarity === null ? null : round3(c.text_similarity),
			reasons: c.reasons.map((m) => bilingual(m)),
			phrases: c.phrases
		})),
		facts_source: s.facts_source,
		...(s.proposed_fine !== null ? { checks: s.checks } : {}),
		note: s.note
	};
}

const yuan = (n: number) => `${Math.round(n).toLocaleString('en-US')} 元`;
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

function tierInfo(t: CatalogTier | undefined, condition: string | null = null): Suggestion['tier'] {
	return t ? { name: t.tier, min: t.min, max: t.max, text: t.text, ground: t.ground ?? null, condition } : null;
}

function circumstancesOf(c: ModelCase): Circumstances {
	return {
		employees_affected: c.employees_affected,
		months_overdue: c.months_overdue,
		amount_involved: c.amount_involved,
		prior_violations: c.prior_violations,
		rectified: c.rectified,
		cooperated: c.cooperated,
		harm: c.harm,
		party_type: c.party_type
	};
}

/** Which condition of the benchmark put the case in the tier its circumstances select. */
function selectedCondition(item: CatalogItem, c: ModelCase): string | null {
	const t = selectTier(item, c);
	return t ? tierConditionWords(item, t, c) : null;
}

export class Suggester {
	constructor(
		readonly catalog: Catalog,
		readonly model: DiscretionModel,
		readonly index: SimilarIndex
	) {}

	suggest(inputs: readonly SuggestInput[], level = 0.8, k = 10): Suggestion[] {
		return inputs.map((c) => this.one(c, level, k));
	}

	private one(c: SuggestInput, level: number, k: number): Suggestion {
		const item = c.item_code ? this.catalog.byCode.get(c.item_code) : undefined;
		const tierName = item ? catalogTier(this.catalog, c) : null;
		const proposed = typeof c.fine_amount === 'number' ? c.fine_amount / 100 : null;
		const base: Suggestion = {
			case_id: c.case_id ?? null,
			item_code: c.item_code,
			item_name: item?.name ?? null,
			statute: item?.fine ? { min: item.fine.min, max: item.fine.max } : null,
			tier: item && tierName ? tierInfo(tierByName(item, tierName), selectedCondition(item, c)) : null,
			low: null,
			high: null,
			median: null,
			level,
			coverage_measured: null,
			proposed_fine: proposed,
			position: null,
			p_value: null,
			similar: [],
			drivers: [],
			checks: [],
			facts_source: null,
			note: '',
			kind: 'range',
			model_version: this.model.version
		};
		if (!item) return { ...base, kind: 'unknown-item', note: `执法事项「${c.item_code ?? '（未填写）'}」不在事项清单中，无法给出建议。` };
		if (!this.model.serves(item.code)) {
			return { ...base, kind: 'no-fine-item', note: `「${item.name}」没有法定罚款幅度（${item.category}），不给出罚款区间。` };
		}
		const groundTier = tierName === '不予处罚' || c.circumstance_tier === '不予处罚' ? '不予处罚' : c.circumstance_tier === '减轻' ? '减轻' : null;
		base.checks = intendedFineChecks(this.catalog, { ...circumstancesOf(c), item_code: c.item_code, fine_amount: c.fine_amount ?? null, ground: groundTier });
		// The case itself, when it is already decided, is not its own evidence. A case on a legal ground is shown the
		// cases decided on the same ground, not the fines of the tier its circumstances would otherwise select.
		const near = this.index.nearest(c, tierName, k + 1, groundTier).filter((n) => !(c.case_id && n.case.case_id === c.case_id));
		base.similar = near.slice(0, k).map((n) => ({
			case_id: n.case.case_id,
			agency: n.case.agency,
			fine: n.case.fine,
			distance: n.distance,
			department: n.case.department,
			decided_on: n.case.decided_on,
			tier: n.case.circumstance_tier,
			circumstances: circumstancesOf(n.case),
			similarity: circumstanceSimilarity(n.distance),
			text_similarity: null,
			reasons: sharedCircumstances(item.circumstances, c, n.case),
			phrases: []
		}));
		if (groundTier) {
			const t = tierByName(item, groundTier);
			const ground = t?.ground ?? (groundTier === '减轻' ? '《行政处罚法》第三十二条' : '《行政处罚法》第三十三条');
			return {
				...base,
				tier: tierInfo(t, tierName === groundTier ? (base.tier?.condition ?? null) : null) ?? base.tier,
				kind: groundTier === '不予处罚' ? 'no-penalty' : 'mitigated',
				note:
					groundTier === '不予处罚'
						? `情节符合「不予处罚」：${t?.text ?? ''}（依据：${ground}）。不给出罚款数额。`
						: `案件为「减轻」处罚：${t?.text ?? ''}（依据：${ground}）。减轻的数额由执法人员依法说明理由确定，模型不给出区间。`
			};
		}
		if (!tierName || !FINE_TIERS.includes(tierName)) {
			return { ...base, kind: 'no-fine-item', note: `裁量基准没有为这些情节规定罚款阶次，不给出罚款区间。` };
		}

		// One batch: the case itself, then the case with each circumstance at its typical value.
		const variants: { key: CircumstanceKey; c: ModelCase; tier: Tier }[] = [];
		for (const key of item.circumstances) {
			const v = withTypical(this.model.meta.spec, c, key);
			const t = v ? catalogTier(this.catalog, v) : null;
			if (v && t && FINE_TIERS.includes(t)) variants.push({ key, c: v, tier: t });
		}
		const q = this.model.quantiles([{ c, tier: tierName }, ...variants]);
		const r = this.model.intervalFrom(q, 0, item.code, tierName, level);
		if (!r) return { ...base, kind: 'no-fine-item', note: '模型不服务于该事项。' };
		const own = this.model.intervalFrom(q, 0, item.code, tierName, 0.5);
		const drivers: Driver[] = variants
			.map((v, i) => {
				const alt = this.model.intervalFrom(q, (i + 1) * 3, item.code, v.tier, 0.5);
				const tierTo = tierByName(item, tierName);
				const tier_change = v.tier !== tierName && tierTo ? { from: v.tier, to: tierName, condition: tierConditionWords(item, tierTo, c) } : null;
				return {
					key: v.key,
					value: c[v.key] ?? null,
					typical: this.model.meta.spec.typical[v.key] ?? null,
					delta: (own?.median ?? 0) - (alt?.median ?? 0),
					tier_change
				};
			})
			.filter((d) => Math.abs(d.delta) >= 1)
			.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))
			.slice(0, 5);
		const low = Math.round(r.low);
		const high = Math.round(r.high);
		const median = Math.round(r.median);
		let position: Position | null = null;
		let pValue: number | null = null;
		if (proposed !== null) {
			position = proposed < low ? 'below' : proposed > high ? 'above' : 'inside';
			pValue = this.model.pValueFrom(q, 0, item.code, tierName, proposed);
		}
		const t = base.tier;
		const coverage = r.coverage === null ? '' : `（留出案件实测覆盖率 ${pct(r.coverage)}）`;
		const selected = selectTier(item, c);
		// Words carry the range rounded outward to 100 yuan; the fields keep the exact bounds.
		const shown = roundOutward(low, high);
		if (proposed !== null && pValue !== null) {
			const words = pValueWords(pValue);
			base.checks.push(
				position === 'inside'
					? {
							rule: 'R03',
							severity: 'ok',
							reason: `拟罚款 ${yuan(proposed)}在类似案件的 ${Math.round(r.level * 100)}% 区间 ${yuan(shown.low)}–${yuan(shown.high)}内（${words}）`
						}
					: {
							rule: 'R03',
							severity: 'warning',
							reason: `拟罚款 ${yuan(proposed)}${position === 'below' ? '低于' : '高于'}类似案件的 ${Math.round(r.level * 100)}% 区间 ${yuan(shown.low)}–${yuan(shown.high)}（${words}），请在审核前说明理由`
						}
			);
		}
		const parts = [
			t ? `依裁量基准属「${t.name}」阶次（${yuan(t.min)}–${yuan(t.max)}${selected ? `；本案情节：${tierConditionWords(item, selected, c)}` : ''}）。` : '',
			`过去类似案件中约 ${Math.round(r.level * 100)}% 的罚款落在 ${yuan(shown.low)}–${yuan(shown.high)}${coverage}，中位数 ${yuan(median)}。`,
			proposed !== null && pValue !== null
				? `拟罚款 ${yuan(proposed)}${position === 'inside' ? '在区间内' : position === 'below' ? '低于区间' : '高于区间'}，${pValueWords(pValue)}。`
				: ''
		];
		return { ...base, low, high, median, level: r.level, coverage_measured: r.coverage, position, p_value: pValue, drivers, note: parts.join('') };
	}
}
