/**
 * The links from a figure to the cases behind it. Each figure of the statistics page and the overview has one
 * here, built from the filter the page was viewed with plus what the figure itself counts, so that the case list
 * a leader opens has exactly as many cases as the figure said. The server test opens every one of them.
 */

/** What the statistics page was filtered by; every link carries all of it on to the case list. */
export interface StatsScope {
	year: number;
	department?: string;
	category?: string;
	item?: string;
	officer?: string;
}

/** Query parameters of the case list (see server/cases/list-query.ts). */
export type CaseListParams = Record<string, string>;

/** What a decision counts as in the statistics: decided (not a pending proposal), of the category 行政处罚. */
const DECISIONS: CaseListParams = { category: '行政处罚', decided: '1' };

/**
 * `/cases?…` for a figure within a scope, or null when the figure asks for another category than the scope's
 * (the figure is then 0 by construction, and a link would list other cases).
 */
export function casesLink(scope: StatsScope, extra: CaseListParams = {}): string | null {
	if (scope.category && extra.category && extra.category !== scope.category) return null;
	const q = new URLSearchParams({ year: String(scope.year) });
	if (scope.department) q.set('department', scope.department);
	if (scope.category) q.set('category', scope.category);
	if (scope.item) q.set('item', scope.item);
	if (scope.officer) q.set('officer', scope.officer);
	for (const [k, v] of Object.entries(extra)) q.set(k, v);
	return `/cases?${q}`;
}

/** The statistics page's figures and what each lists, beyond the scope. */
export const STATS_FIGURES = {
	cases: {},
	decisions: DECISIONS,
	fines: { ...DECISIONS, sort: 'fine_amount' },
	days: { ...DECISIONS, sort: 'decided_on' },
	publicationDue: { flag: 'publication-due' },
	publishedOnTime: { flag: 'published-on-time' },
	publishedLate: { flag: 'published-late' },
	unpublished: { flag: 'unpublished' },
	major: { flag: 'major' },
	majorReviewed: { flag: 'major-reviewed' },
	majorUnreviewed: { flag: 'major-unreviewed' },
	reconsidered: { flag: 'reconsidered' },
	corrected: { flag: 'corrected' },
	litigated: { flag: 'litigated' },
	lost: { flag: 'lost' }
} as const satisfies Record<string, CaseListParams>;
export type StatsFigure = keyof typeof STATS_FIGURES;

export function statsLink(scope: StatsScope, figure: StatsFigure): string | null {
	return casesLink(scope, STATS_FIGURES[figure]);
}

/** A bar of the monthly chart: the month (by decision, else filing date) and the category. */
export const monthLink = (scope: StatsScope, month: number, category: string) => casesLink(scope, { month: String(month), category });

/** A bar of the days-to-decision chart: a 10-day bin of decided penalty decisions. */
export const daysLink = (scope: StatsScope, bin: number) => casesLink(scope, { days: String(bin) });

/** A branch's bar: its cases, or (the fines series) its penalty decisions. */
export function branchLink(scope: StatsScope, department: string, series: 'cases' | 'fines'): string | null {
	return casesLink({ ...scope, department }, series === 'cases' ? {} : DECISIONS);
}

/** The fines one box or consistency row measures: decided fines above zero of one item and tier, in a branch or all. */
export function finesLink(scope: StatsScope, itemCode: string, tier: string, department: string | null): string | null {
	return casesLink(department ? { ...scope, department } : scope, { ...DECISIONS, fined: '1', item: itemCode, tier });
}

/** The overview's all-years figures: cases by year of filing, decisions by year of decision. */
export const OVERVIEW_LINKS = {
	all: () => '/cases',
	decisions: () => `/cases?${new URLSearchParams(DECISIONS)}`,
	pending: () => `/cases?${new URLSearchParams({ status: '待审核' })}`,
	open: () => `/cases?${new URLSearchParams({ status: '办理中' })}`,
	filed: (year: number, category?: string) => `/cases?${new URLSearchParams({ filed: String(year), ...(category ? { category } : {}) })}`,
	decidedIn: (year: number) => `/cases?${new URLSearchParams({ year: String(year), ...DECISIONS })}`
};

/**
 * The report's cases, as the case list's `cell` parameter names them: `decided:行政处罚` is every penalty decision of
 * the year, the overview's count, of which 表一 counts those with a penalty and 不予处罚 the others.
 */
export const reportLink = (year: number, cell: string) => `/cases?${new URLSearchParams({ year: String(year), cell })}`;

/** The overview's and the scorecard's figures of one year: the cases of the year, narrowed by a figure's flag or cell. */
export const yearLink = (year: number, extra: CaseListParams = {}) => `/cases?${new URLSearchParams({ year: String(year), ...extra })}`;

/** A scorecard figure: its flag's condition for the year, within a branch or an officer when the row is one. */
export const scoreLink = (year: number, flag: string, extra: CaseListParams = {}) => yearLink(year, { flag, ...extra });

/**
 * Our decided fines of an item (of a year), as the peer comparison counts them (server/peers/comparison.ts): the
 * case list's item + decided + fined (+ year) filters.
 */
export function ownFinesLink(item: string, year: number | null): string {
	const q = new URLSearchParams({ item, decided: '1', fined: '1' });
	if (year !== null) q.set('year', String(year));
	return `/cases?${q}`;
}

/** The peers' published decisions behind the same comparison, on the comparison page with the item chosen. */
export function peerFinesLink(item: string, year: number | null): string {
	const q = new URLSearchParams({ item });
	if (year !== null) q.set('year', String(year));
	return `/peers?${q}#decisions`;
}
