import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigrated, type Database } from '../db';
import { loadCatalog } from '../catalog';
import { loadCalendar } from '../calendar';
import { seedDemo } from '../demo';
import { computeFlags } from '../review';
import { caseFilterOf, caseListQuery } from '../cases';
import { listCases } from '../cases/list';
import { parseQuery } from '../http/form';
import { annualReport, fenToWan } from './annual-report';
import { ensureCalendarTable } from './calendar-table';
import { dashboard, type StatsFilter } from './dashboard';
import { overview } from './overview';
import { overviewPage } from './overview-page';
import { peerSection } from './peer-section';
import { peerDecisions } from '../peers';
import {
	branchLink,
	daysLink,
	finesLink,
	monthLink,
	OVERVIEW_LINKS,
	ownFinesLink,
	peerFinesLink,
	reportLink,
	scoreLink,
	statsLink,
	STATS_FIGURES,
	yearLink,
	type StatsFigure,
	type StatsScope
} from '../../domain/drill-down';
import { EXTRA_KEYS, TABLE1_COLUMNS, TABLE2_COLUMNS, TABLE3_COLUMNS } from '../../domain/annual-report';

/**
 * Every linked figure of the statistics page, the overview, the annual report and the scorecard, opened as the
 * page links it (the link's query string, parsed by the case list's own parser) on the demo data: the list must
 * have as many cases as the figure says.
 */

const dir = mkdtempSync(join(tmpdir(), 'equitas-drill-'));
const catalog = loadCatalog();
let db: Database;

/** What the case list shows for a link: its count and its fines and confiscations, in fen. */
async function opened(href: string | null): Promise<{ total: number; amountFen: number }> {
	if (!href) throw new Error('the figure has no link');
	const url = new URL(href, 'http://localhost');
	expect(url.pathname).toBe('/cases');
	const parsed = parseQuery(url.searchParams, caseListQuery);
	if (!parsed.success) throw new Error(`the case list refuses ${href}`);
	const { total, amountFen } = await listCases(db, caseFilterOf(parsed.data), 0, 1, parsed.data.sort, true, catalog);
	return { total, amountFen };
}
const count = async (href: string | null) => (await opened(href)).total;

beforeAll(async () => {
	db = await openMigrated(join(dir, 'drill.duckdb'));
	const cal = loadCalendar();
	await seedDemo(db, catalog, cal, { dir: join(dir, 'files'), seed: 11, cases: 1200 });
	await ensureCalendarTable(db, cal);
	await computeFlags(db, catalog, cal, null, { threshold: 0.002 });
}, 120_000);
afterAll(async () => {
	await db.close();
	rmSync(dir, { recursive: true, force: true });
});

async function busiest(column: 'item_code' | 'department' | 'unnest(officer_ids)', year: number): Promise<string> {
	const [r] = await db.query<{ v: string }>(
		`SELECT v FROM (SELECT ${column} AS v FROM cases WHERE year(coalesce(decided_on, filed_on)) = ?) WHERE v IS NOT NULL GROUP BY v ORDER BY count(*) DESC, v LIMIT 1`,
		[year]
	);
	if (!r) throw new Error(`no ${column} in ${year}`);
	return r.v;
}

describe('every statistics figure opens a case list of as many cases', () => {
	const scopes: (() => Promise<StatsScope>)[] = [
		async () => ({ year: 2024 }),
		async () => ({ year: 2024, item: await busiest('item_code', 2024) }),
		async () => ({ year: 2024, officer: await busiest('unnest(officer_ids)', 2024) }),
		async () => {
			const [r] = await db.query<{ department: string; item: string }>(
				`SELECT department, item_code AS item FROM cases WHERE category = '行政处罚' AND year(coalesce(decided_on, filed_on)) = 2023 AND department IS NOT NULL
				 GROUP BY ALL ORDER BY count(*) DESC, department, item LIMIT 1`
			);
			return { year: 2023, department: r?.department, category: '行政处罚', item: r?.item };
		}
	];

	it.each(scopes.map((s, i) => [i, s] as const))('scope %i', async (_, make) => {
		const scope = await make();
		const filter: StatsFilter = { year: scope.year, department: scope.department, category: scope.category, itemCode: scope.item, officer: scope.officer };
		const s = await dashboard(db, catalog, filter);
		expect(s.cases).toBeGreaterThan(0);
		const figures: Record<StatsFigure, number> = {
			cases: s.cases,
			decisions: s.decisions,
			fines: s.decisions,
			days: s.daysToDecision.n,
			publicationDue: s.publication.due,
			publishedOnTime: s.publication.onTime,
			publishedLate: s.publication.late,
			unpublished: s.publication.unpublished,
			major: s.majorReview.major,
			majorReviewed: s.majorReview.reviewedBefore,
			majorUnreviewed: s.majorReview.major - s.majorReview.reviewedBefore,
			reconsidered: s.reconsideration.n,
			corrected: s.reconsideration.corrected,
			litigated: s.litigation.n,
			lost: s.litigation.lost
		};
		for (const figure of Object.keys(STATS_FIGURES) as StatsFigure[]) expect(await count(statsLink(scope, figure)), figure).toBe(figures[figure]);
		// The money tile: the list's fines and confiscations are the tile's.
		expect((await opened(statsLink(scope, 'fines'))).amountFen).toBe(s.finesFen + s.confiscatedFen);

		for (const m of s.monthly) expect(await count(monthLink(scope, m.month, m.category)), `${m.month}月 ${m.category}`).toBe(m.n);
		for (const d of s.daysHistogram) expect(await count(daysLink(scope, d.bin)), `bin ${d.bin}`).toBe(d.n);
		for (const b of s.byBranch) {
			expect(await count(branchLink(scope, b.department, 'cases')), b.department).toBe(b.cases);
			expect(await count(branchLink(scope, b.department, 'fines')), b.department).toBe(b.decisions);
		}
		for (const c of s.consistency) expect(await count(finesLink(scope, c.itemCode, c.tier, c.department)), `${c.itemCode} ${c.tier} ${c.department}`).toBe(c.n);
	});

	it('keeps the item and the officer: a filtered figure is not the whole year', async () => {
		const item = await busiest('item_code', 2024);
		const officer = await busiest('unnest(officer_ids)', 2024);
		const all = await dashboard(db, catalog, { year: 2024 });
		const narrowed = await dashboard(db, catalog, { year: 2024, itemCode: item, officer });
		expect(narrowed.cases).toBeLessThan(all.cases);
		expect(await count(statsLink({ year: 2024, item, officer }, 'cases'))).toBe(narrowed.cases);
		expect(await count(statsLink({ year: 2024, item, officer }, 'decisions'))).toBe(narrowed.decisions);
	});

	it('links no figure of another category than the one filtered by', () => {
		expect(statsLink({ year: 2024, category: '行政检查' }, 'decisions')).toBeNull();
		expect(statsLink({ year: 2024, category: '行政处罚' }, 'decisions')).toContain('category=');
	});
});

describe('every overview figure opens a case list of as many cases', () => {
	it('all years: totals, cases by year of filing and category, decisions by year of decision', async () => {
		const o = await overview(db);
		expect(await count(OVERVIEW_LINKS.all())).toBe(o.totalCases);
		expect(await opened(OVERVIEW_LINKS.decisions())).toEqual({ total: o.totals.decisions, amountFen: o.totals.finesFen + o.totals.confiscatedFen });
		expect(await count(OVERVIEW_LINKS.pending())).toBe(o.pending);
		expect(await count(OVERVIEW_LINKS.open())).toBe(o.open);
		for (const y of o.byYear) {
			expect(await count(OVERVIEW_LINKS.filed(y.year)), String(y.year)).toBe(y.total);
			for (const c of o.categories) expect(await count(OVERVIEW_LINKS.filed(y.year, c)), `${y.year} ${c}`).toBe(y.counts[c] ?? 0);
		}
		for (const d of o.decisions)
			expect(await opened(OVERVIEW_LINKS.decidedIn(d.year)), String(d.year)).toEqual({ total: d.decisions, amountFen: d.finesFen + d.confiscatedFen });
	});

	it('the year: cases, decisions (表一), fines and the consistency figure', async () => {
		const p = await overviewPage(db, catalog);
		const sc = p.scorecard;
		if (!sc || p.year === null) throw new Error('the demo data has a year');
		expect(await count(yearLink(p.year))).toBe(sc.headline.current.cases);
		expect(await opened(yearLink(p.year, { cell: 'table1:合计', sort: 'fine_amount' }))).toEqual({
			total: sc.headline.current.decisions,
			amountFen: sc.headline.current.amountFen
		});
		expect(await count(yearLink(p.year, { flag: 'sc-fined' }))).toBe(sc.consistency.cases);
	});
});

describe('every figure of the annual report and the scorecard opens a case list of as many cases', () => {
	it('the report: each cell of the four tables, and the reconciliation with the overview', async () => {
		const r = await annualReport(db, 2024);
		for (const c of [...TABLE1_COLUMNS, '合计' as const]) expect(await count(reportLink(2024, `table1:${c}`)), c).toBe(r.table1[c]);
		expect(fenToWan((await opened(reportLink(2024, 'table1:合计'))).amountFen)).toBe(r.table1.罚没金额万元);
		for (const c of [...TABLE2_COLUMNS, '合计' as const]) expect(await count(reportLink(2024, `table2:${c}`)), c).toBe(r.table2[c]);
		for (const c of TABLE3_COLUMNS) expect(await count(reportLink(2024, `table3:${c}`)), c).toBe(r.table3[c]);
		for (const k of EXTRA_KEYS.filter((k) => k !== '持证人数' && k !== '移送司法')) expect(await count(reportLink(2024, `extra:${k}`)), k).toBe(r.extra[k]);

		// 处罚决定 (the overview's count) = 表一 + 不予处罚, each a list of its own.
		const { decisions, penalised, noPenalty } = r.reconciliation;
		expect(noPenalty).toBeGreaterThan(0);
		expect(decisions).toBe(penalised + noPenalty);
		expect(await count(reportLink(2024, 'decided:行政处罚'))).toBe(decisions);
		const o = await overview(db);
		expect(o.decisions.find((d) => d.year === 2024)?.decisions).toBe(decisions);
	});

	it('the scorecard: the spread, each branch and officer row, each system’s whole and shortfall', async () => {
		const p = await overviewPage(db, catalog);
		const sc = p.scorecard;
		if (!sc) throw new Error('the demo data has a year');
		for (const r of sc.consistency.by_department) expect(await count(scoreLink(sc.year, 'sc-fined', { department: r.department })), r.department).toBe(r.cases);
		for (const r of sc.consistency.by_officer) expect(await count(scoreLink(sc.year, 'sc-fined', { officer: r.officer_id })), r.officer_id).toBe(r.cases);
		for (const r of p.systems) {
			if (r.wholeFlag) expect(await count(scoreLink(sc.year, r.wholeFlag)), r.key).toBe(r.now.whole);
			// A rate's list is what fell short of it; a count's (corrections, losses) is the count.
			if (r.wholeFlag) expect(await count(scoreLink(sc.year, r.shortFlag)), r.key).toBe(r.isRate ? r.now.whole - r.now.part : r.now.part);
		}
	});

	it('the comparison with peer agencies: our count opens as many cases, the peers’ as many published decisions, of the year', async () => {
		const section = await peerSection(db, catalog, 2024);
		expect(section.items.length).toBeGreaterThan(0);
		expect(section.peerYears).toContain(2024);
		for (const c of section.items) {
			expect(await count(ownFinesLink(c.item, 2024)), c.item).toBe(c.own.count);
			const peers = new URL(peerFinesLink(c.item, 2024), 'http://localhost');
			expect(peers.pathname).toBe('/peers');
			const listed = await peerDecisions(db, c.item, 10_000, 0, Number(peers.searchParams.get('year')));
			expect(listed, c.item).toHaveLength(c.peers.count);
			expect(listed.every((d) => d.decided_on?.startsWith('2024'))).toBe(true);
			expect(c.peers.years).toEqual([2024]);
		}
		// A year before any list and any case: nothing to set side by side.
		expect((await peerSection(db, catalog, 2001)).items).toEqual([]);
	});
});

describe('the case list’s own filters', () => {
	it('lists the cases that carry an open flag of a rule, by `rule=` or `flag=`', async () => {
		const rules = await db.query<{ rule: string; n: number }>(
			`SELECT rule, count(DISTINCT (agency, case_id)) AS n FROM flags WHERE status = 'open' GROUP BY rule`
		);
		expect(rules.length).toBeGreaterThan(2);
		for (const r of rules) {
			expect(await count(`/cases?rule=${r.rule}`), r.rule).toBe(r.n);
			expect(await count(`/cases?flag=${r.rule}`), r.rule).toBe(r.n);
		}
		expect(await count('/cases?rule=R99')).toBe(await count('/cases'));
	});

	it('narrows by item, tier and officer together', async () => {
		const item = await busiest('item_code', 2024);
		const officer = await busiest('unnest(officer_ids)', 2024);
		const [want] = await db.query<{ n: number }>(
			`SELECT count(*) AS n FROM cases WHERE item_code = ? AND circumstance_tier = '一般' AND list_contains(officer_ids, ?)`,
			[item, officer]
		);
		expect(await count(`/cases?${new URLSearchParams({ item, tier: '一般', officer })}`)).toBe(want?.n);
	});
});
