import { selectTier, tierByName, type Catalog } from './catalog';
import type { Tier } from './case-schema';
import { r01, r02, type FineCase, type RuleId, type Severity } from './review-rules';
import { tierConditionWords } from './tier-condition';

/**
 * The checks of a fine an officer intends to propose, in the order a reviewer will apply them: the statute (R01),
 * the benchmark tier the circumstances select (R02), the legal grounds of 减轻 or 不予处罚 (R01, Arts. 32–33); the
 * similar cases (R03) need the model and are added by the suggester. The rules are the review rules themselves, so
 * the page says what the review queue will say; a check that passes says so too ('ok').
 */

export type CheckSeverity = Severity | 'ok';

export interface FineCheck {
	rule: RuleId;
	severity: CheckSeverity;
	reason: string;
}

/** An intended fine with its circumstances; `ground` is the 减轻 / 不予处罚 ground the officer declared or the benchmark selected. */
export type IntendedFine = Omit<FineCase, 'status' | 'decided_on' | 'penalty_types' | 'circumstance_tier'> & { ground: '减轻' | '不予处罚' | null };

const yuan = (fen: number) => `${(fen / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })} 元`;
const yuanOf = (y: number) => `${y.toLocaleString('en-US')} 元`;

const ok = (rule: RuleId, reason: string): FineCheck => ({ rule, severity: 'ok', reason });
const failed = (f: { rule: RuleId; severity: Severity; reason: string }): FineCheck => ({ rule: f.rule, severity: f.severity, reason: f.reason });

/** The checks of the intended fine; none when no fine is given or the item has no statutory fine. */
export function intendedFineChecks(catalog: Catalog, c: IntendedFine): FineCheck[] {
	const item = c.item_code ? catalog.byCode.get(c.item_code) : undefined;
	if (!item?.fine || c.fine_amount === null) return [];
	const fine = c.fine_amount;
	// A proposal, not a decision: the reasons say 拟罚款.
	const asCase = (tier: Tier | null): FineCase => ({ ...c, status: '待审核', decided_on: null, penalty_types: ['罚款'], circumstance_tier: tier });
	const ctx = { catalog };
	const statuteRange = `${yuanOf(item.fine.min)}–${yuanOf(item.fine.max)}`;
	const checks: FineCheck[] = [];

	// 1. The statute. A fine under the minimum is lawful only with a 减轻 ground; zero only with a 不予处罚 one.
	const statute = r01(asCase(fine === 0 ? c.ground : c.ground === '减轻' ? '减轻' : null), ctx);
	if (statute) checks.push(failed(statute));
	else if (fine > 0 && fine < item.fine.min * 100 && c.ground === '减轻') {
		checks.push(
			ok('R01', `拟罚款 ${yuan(fine)}，低于法定下限 ${yuanOf(item.fine.min)}，以减轻处罚为依据（行政处罚法第三十二条），须在决定中说明减轻的事实和理由`)
		);
	} else if (fine > 0) checks.push(ok('R01', `拟罚款 ${yuan(fine)}，在法定幅度 ${statuteRange}内`));

	// 2. The benchmark tier of the circumstances (not for a case decided on a legal ground, which leaves the tiers).
	if (!c.ground && fine > 0) {
		const tier = selectTier(item, c);
		const benchmark = r02(asCase(null), ctx);
		if (benchmark) checks.push(failed(benchmark));
		else if (tier && tier.max > 0 && fine >= tier.min * 100 && fine <= tier.max * 100) {
			checks.push(
				ok('R02', `拟罚款 ${yuan(fine)}，在「${tier.tier}」阶次 ${yuanOf(tier.min)}–${yuanOf(tier.max)}内（本案情节：${tierConditionWords(item, tier, c)}）`)
			);
		}
	}

	// 3. The legal grounds.
	if (c.ground === '不予处罚') {
		const t = tierByName(item, '不予处罚');
		const why = t
			? `（${selectTier(item, c)?.tier === '不予处罚' ? `本案情节：${tierConditionWords(item, t, c)}；` : ''}依据：${t.ground ?? '行政处罚法第三十三条'}）`
			: '';
		checks.push(
			fine > 0
				? { rule: 'R01', severity: 'error', reason: `情节符合「不予处罚」${why}，却拟罚款 ${yuan(fine)}：不予处罚的案件不应罚款` }
				: ok('R01', `情节符合「不予处罚」${why}，不罚款`)
		);
	} else if (c.ground === '减轻' && fine >= item.fine.min * 100) {
		checks.push({
			rule: 'R01',
			severity: 'warning',
			reason: `已选择减轻处罚，但拟罚款 ${yuan(fine)} 不低于法定下限 ${yuanOf(item.fine.min)}：减轻处罚是在法定下限以下处罚（行政处罚法第三十二条）`
		});
	}
	return checks;
}
