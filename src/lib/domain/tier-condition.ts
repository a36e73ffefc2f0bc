import { field } from './case-schema';
import { holds, type CatalogItem, type CatalogTier, type Circumstances, type Condition } from './catalog';

/**
 * Why the benchmark put a case in its tier, in the benchmark's own terms: the conditions of the tier that hold for
 * the case ("前科次数 ≥ 1（本案 1）"). Officers and reviewers are told which circumstance selected the tier, not
 * only the tier's name.
 */

const OP_WORDS: Record<string, string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥', '=': '为', '!=': '不为', in: '为' };

function valueWords(v: unknown): string {
	if (v === true) return '是';
	if (v === false) return '否';
	if (Array.isArray(v)) return v.map(String).join('或');
	return String(v);
}

/** The case's value of a circumstance as people read it (money in yuan, as the catalog writes it). */
function caseValue(key: keyof Circumstances, c: Circumstances): string {
	const v = c[key];
	if (v === null || v === undefined) return '未知';
	return key === 'amount_involved' && typeof v === 'number' ? valueWords(v / 100) : valueWords(v);
}

/** The comparisons of a condition that hold for the case (for `all`, every one of them does). */
function heldParts(cond: Condition, c: Circumstances): string[] {
	if ('all' in cond) return cond.all.flatMap((x) => heldParts(x, c));
	if ('any' in cond) return cond.any.filter((x) => holds(x, c)).flatMap((x) => heldParts(x, c));
	if (!holds(cond, c)) return [];
	const name = field(cond.field).header;
	const own = caseValue(cond.field, c);
	const between = cond.op === '=' || cond.op === '!=' || cond.op === 'in' ? '' : ' ';
	const words = `${name}${between}${OP_WORDS[cond.op]}${between}${valueWords(cond.value)}`;
	// An equality already states the case's value; a comparison adds it.
	return [cond.op === '=' || cond.op === 'in' ? words : `${words}（本案 ${own}）`];
}

/**
 * The condition that selected `tier` for these circumstances, in words; for a tier without its own condition (the
 * default one), that the conditions of the tiers before it do not hold.
 */
export function tierConditionWords(item: CatalogItem, tier: CatalogTier, c: Circumstances): string {
	if (tier.when) {
		const parts = heldParts(tier.when, c);
		return parts.length ? parts.join('，') : `符合「${tier.tier}」的条件`;
	}
	const others = item.tiers.filter((t) => t.when && t !== tier).map((t) => `「${t.tier}」`);
	return others.length ? `不符合${others.join('、')}的条件` : `「${tier.tier}」适用于所有情形`;
}
