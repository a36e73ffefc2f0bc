import { emptyCase, type CaseRecord, type PartyType, type Tier } from '../../domain/case-schema';
import { selectTier, tierByName, hearingThresholdFen, majorByRule, type Catalog, type CatalogItem } from '../../domain/catalog';
import type { WorkingCalendar } from '../../domain/calendar';
import { addDays, dayNumber, fromDayNumber, type IsoDate } from '../../domain/dates';
import { STAGE_KEYS } from '../../domain/stages';
import { seededRandom, type Random } from './random';
import { companyName, corruptCheck, idNumber, personName, shopName, uscc } from './people';

/**
 * A realistic, deterministic demo data set for a provident-fund centre: six branches (one noticeably lenient),
 * an officer roster with expiring certificates, 2019–2025 cases whose fines follow the circumstances through the
 * catalog's discretion tiers with officer noise, inspections, court-enforcement applications, pending proposals,
 * and a small number of planted faults whose rule ids are recorded as ground truth.
 */

export const DEMO_AGENCY = '临江市住房公积金管理中心';
export const DEMO_CITY = '临江市';
const REGION = '350700'; // a fictitious city's administrative division code
/** The day the demo export was taken: nothing happens after it. */
export const DEMO_SNAPSHOT: IsoDate = '2025-12-31';

export interface DemoBranch {
	name: string;
	share: number;
	/** Multiplies fines: below 1 is a branch that is systematically lighter than the agency's benchmark. */
	leniency: number;
}

export const DEMO_BRANCHES: readonly DemoBranch[] = [
	{ name: '市直管理部', share: 0.22, leniency: 1 },
	{ name: '东城管理部', share: 0.18, leniency: 1 },
	{ name: '西城管理部', share: 0.17, leniency: 1 },
	{ name: '南湖管理部', share: 0.15, leniency: 0.76 },
	{ name: '北山管理部', share: 0.12, leniency: 1 },
	{ name: '高新区管理部', share: 0.16, leniency: 1 }
];

export interface DemoOfficer {
	cert_no: string;
	name: string;
	department: string;
	valid_from: IsoDate;
	valid_to: IsoDate;
	status: '在岗' | '已过期' | '调离';
	/** How this officer's fines sit within a tier, relative to the benchmark: the "officer noise". */
	bias: number;
}

/**
 * Rule ids (RULES.md §1) that a planted fault breaks, plus CHECK for an invalid check digit. R03 is added to a
 * fault that moved a fine inside the statute away from what the circumstances call for (a fine unlike similar cases).
 */
export type PlantedRule = 'R01' | 'R02' | 'R03' | 'R04' | 'R05' | 'R06' | 'R07' | 'R08' | 'R10' | 'R11' | 'CHECK';

export interface DemoCase {
	record: CaseRecord;
	planted: PlantedRule[];
}

export interface DemoOptions {
	seed?: number;
	/** Cases decided or closed in 2019–2025 (open and pending cases come on top). */
	cases?: number;
}

export const DEFAULT_DEMO_CASES = 16_000;

const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025] as const;

export function demoOfficers(seed = 1): DemoOfficer[] {
	const r = seededRandom(seed ^ 0x5eed);
	const officers: DemoOfficer[] = [];
	DEMO_BRANCHES.forEach((b, bi) => {
		for (let k = 0; k < 8; k++) {
			const cert_no = `3507${String(bi + 1).padStart(2, '0')}${String(k + 1).padStart(3, '0')}${String(r.int(10, 99))}`;
			// Most certificates were renewed throughout; a few expired (not renewed) or are about to expire.
			let valid_from = `2018-0${r.int(1, 6)}-01`;
			let valid_to = '2027-12-31';
			let status: DemoOfficer['status'] = '在岗';
			if (k === 6) {
				valid_to = `2023-0${r.int(3, 9)}-30`;
				status = '已过期';
			} else if (k === 7) {
				valid_from = `2022-0${r.int(1, 6)}-01`;
			} else if (k === 5) {
				valid_to = `2026-0${r.int(1, 3)}-28`; // expiring soon after the snapshot
			}
			officers.push({ cert_no, name: personName(r), department: b.name, valid_from, valid_to, status, bias: r.normal(0, 0.06) });
		}
	});
	return officers;
}

interface Ctx {
	r: Random;
	catalog: Catalog;
	cal: WorkingCalendar;
	officers: DemoOfficer[];
	seq: Map<string, number>;
}

function nextSeq(ctx: Ctx, key: string): number {
	const n = (ctx.seq.get(key) ?? 0) + 1;
	ctx.seq.set(key, n);
	return n;
}

/** A working day in [from, to]. */
function workingDayBetween(ctx: Ctx, from: IsoDate, to: IsoDate): IsoDate {
	const a = dayNumber(from);
	const b = dayNumber(to);
	for (let i = 0; i < 20; i++) {
		const d = fromDayNumber(ctx.r.int(a, b));
		if (ctx.cal.isWorkingDay(d)) return d;
	}
	return from;
}

/** The next working day on or after a date (stage dates fall on working days). */
function onWorkingDay(ctx: Ctx, d: IsoDate): IsoDate {
	let cur = d;
	while (!ctx.cal.isWorkingDay(cur)) cur = addDays(cur, 1);
	return cur;
}

function after(ctx: Ctx, d: IsoDate, min: number, max: number): IsoDate {
	return onWorkingDay(ctx, addDays(d, ctx.r.int(min, max)));
}

function validOn(o: DemoOfficer, ...dates: (IsoDate | null)[]): boolean {
	return dates.every((d) => d === null || (o.valid_from <= d && d <= o.valid_to));
}

function pickOfficers(ctx: Ctx, branch: string, ...dates: (IsoDate | null)[]): DemoOfficer[] {
	const pool = ctx.officers.filter((o) => o.department === branch && validOn(o, ...dates));
	const first = ctx.r.pick(pool);
	const second = ctx.r.pick(pool.filter((o) => o !== first));
	return [first, second];
}

function party(ctx: Ctx, weights: readonly (readonly [PartyType, number])[]): Pick<CaseRecord, 'party_type' | 'party_name' | 'party_id'> {
	const { r } = ctx;
	const party_type = r.weighted(weights);
	if (party_type === '法人及非法人组织') return { party_type, party_name: companyName(r, DEMO_CITY), party_id: uscc(r, false, REGION) };
	const owner = personName(r);
	if (party_type === '个体工商户') return { party_type, party_name: shopName(r, DEMO_CITY, owner), party_id: uscc(r, true, REGION) };
	return { party_type, party_name: owner, party_id: idNumber(r, REGION) };
}

/** Known circumstances, each unknown (null) now and then, as in real case files. */
function circumstances(
	ctx: Ctx
): Pick<CaseRecord, 'employees_affected' | 'months_overdue' | 'amount_involved' | 'prior_violations' | 'rectified' | 'cooperated' | 'harm'> {
	const { r } = ctx;
	const unknown = <T>(v: T): T | null => (r.chance(0.04) ? null : v);
	const employees = Math.max(1, Math.min(900, Math.round(Math.exp(r.normal(Math.log(20), 1.1)))));
	const months = Math.max(1, Math.min(48, Math.round(Math.exp(r.normal(Math.log(4), 0.8)))));
	const monthlyPerEmployee = r.int(35, 160) * 10; // yuan
	return {
		employees_affected: unknown(employees),
		months_overdue: unknown(months),
		amount_involved: unknown(employees * months * monthlyPerEmployee * 100),
		prior_violations: unknown(
			r.weighted([
				[0, 82],
				[1, 14],
				[2, 4]
			] as const)
		),
		rectified: unknown(r.chance(0.22)),
		cooperated: unknown(r.chance(0.92)),
		harm: unknown(
			r.weighted([
				['无', 28],
				['轻微', 42],
				['一般', 22],
				['严重', 8]
			] as const)
		)
	};
}

/** How serious the circumstances are, 0–1: where within its tier a consistent officer would fine. */
function severity(c: ReturnType<typeof circumstances>): number {
	const parts: number[] = [];
	if (c.employees_affected !== null) parts.push(Math.min(1, Math.log(c.employees_affected) / Math.log(300)));
	if (c.months_overdue !== null) parts.push(Math.min(1, c.months_overdue / 24));
	if (c.prior_violations !== null) parts.push(Math.min(1, c.prior_violations / 2));
	if (c.harm !== null) parts.push({ 无: 0, 轻微: 0.3, 一般: 0.6, 严重: 1 }[c.harm] ?? 0.5);
	if (c.cooperated === false) parts.push(1);
	return parts.length ? parts.reduce((s, x) => s + x, 0) / parts.length : 0.5;
}

function roundFine(yuan: number, min: number, max: number): number {
	const step = yuan >= 20_000 ? 1000 : 500;
	return Math.min(max, Math.max(min, Math.round(yuan / step) * step));
}

function catalogMajorFen(catalog: Catalog): number {
	return catalog.major_decision.fine_at_least * 100;
}

function penaltyCase(ctx: Ctx, year: number, branch: DemoBranch, item: CatalogItem, pending: boolean): DemoCase {
	const { r, catalog } = ctx;
	const rec = emptyCase();
	const seq = nextSeq(ctx, `CF${year}`);
	rec.case_id = `LJ${year}CF${String(seq).padStart(5, '0')}`;
	rec.agency = DEMO_AGENCY;
	rec.department = branch.name;
	rec.category = '行政处罚';
	rec.item_code = item.code;
	rec.item_name = item.name;
	rec.legal_basis = item.legal_basis;
	rec.procedure = '普通程序';
	Object.assign(
		rec,
		party(ctx, [
			['法人及非法人组织', 86],
			['个体工商户', 10],
			['自然人', 4]
		])
	);
	const c = circumstances(ctx);
	Object.assign(rec, c);

	const start = pending ? `${year}-10-08` : `${year}-01-02`;
	const end = pending ? `${year}-11-28` : year === 2025 ? '2025-10-15' : `${year}-12-20`;
	rec.filed_on = workingDayBetween(ctx, start, end);
	rec.investigated_on = after(ctx, rec.filed_on, 12, 40);
	rec.notified_on = after(ctx, rec.investigated_on, 3, 10);

	let tier: Tier = selectTier(item, rec)?.tier ?? '一般';
	if (tier !== '不予处罚' && r.chance(0.02)) tier = '减轻';
	rec.circumstance_tier = tier;
	const t = tierByName(item, tier);
	const officers = pickOfficers(ctx, branch.name, rec.filed_on, addDays(rec.filed_on, 120));
	rec.officer_ids = officers.map((o) => o.cert_no);
	if (tier === '不予处罚' || !t) {
		rec.fine_amount = 0;
		rec.penalty_types = null;
	} else {
		const bias = officers.reduce((s, o) => s + o.bias, 0) / officers.length;
		const pos = Math.min(1, Math.max(0, 0.12 + 0.76 * severity(c) + r.normal(0, 0.09) + bias));
		let fine = t.min + pos * (t.max - t.min);
		// A lenient branch fines less than the benchmark, but stays within the statute.
		fine *= branch.leniency;
		const floor = tier === '减轻' ? 1000 : (item.fine?.min ?? 0);
		rec.fine_amount = roundFine(fine, floor, t.max) * 100;
		rec.penalty_types = r.chance(0.12) ? ['警告', '罚款'] : ['罚款'];
	}
	const hearingRight = rec.fine_amount >= hearingThresholdFen(catalog, rec.party_type);
	if (hearingRight && r.chance(0.3)) rec.hearing_on = after(ctx, rec.notified_on, 5, 12);
	rec.major_decision = majorByRule(catalog, rec);
	rec.av_recorded = r.chance(0.96);

	if (pending) {
		rec.status = '待审核';
		return { record: rec, planted: [] };
	}
	rec.reviewed_on = after(ctx, rec.hearing_on ?? rec.notified_on, 4, 12);
	rec.review_result = '通过';
	rec.decided_on = after(ctx, rec.reviewed_on, 1, 5);
	rec.decision_no = `临公积金罚决字〔${year}〕第${String(seq).padStart(4, '0')}号`;
	rec.served_on = after(ctx, rec.decided_on, 1, 5);
	rec.published_on = ctx.cal.addWorkingDays(rec.decided_on, r.int(1, 6));
	rec.closed_on = after(ctx, rec.served_on, 10, 45);
	rec.status = '已结案';
	rec.reconsideration = '无';
	rec.litigation = '无';
	if (r.chance(0.03)) {
		rec.reconsideration = r.weighted([
			['维持', 70],
			['撤销', 15],
			['变更', 15]
		] as const);
	} else if (r.chance(0.012)) {
		rec.litigation = r.weighted([
			['驳回', 80],
			['撤销', 20]
		] as const);
	}
	if (rec.reconsideration === '撤销' || rec.reconsideration === '变更' || rec.litigation === '撤销') {
		rec.withdrawn_on = after(ctx, rec.closed_on, 20, 60);
		if (rec.reconsideration === '撤销' || rec.litigation === '撤销') rec.status = '已撤销';
	}
	// The random part of the demo's 2019 "old system" leaves major_decision blank sometimes: derived later.
	if (r.chance(0.15)) rec.major_decision = null;
	return { record: rec, planted: [] };
}

/** Every stage but the filing, which the dictionary requires of every case and so is never clipped. */
const AFTER_FILING = STAGE_KEYS.filter((k) => k !== 'filed_on');

/** The export was taken on DEMO_SNAPSHOT: later stages have not happened yet, and the status says so. */
function clipToSnapshot(rec: CaseRecord): CaseRecord {
	const decisionLater = rec.decided_on !== null && rec.decided_on > DEMO_SNAPSHOT;
	for (const k of AFTER_FILING) if (rec[k] !== null && rec[k] > DEMO_SNAPSHOT) rec[k] = null;
	if (decisionLater) {
		rec.status = rec.category === '行政处罚' ? '待审核' : '办理中';
		rec.decision_no = null;
		rec.served_on = rec.closed_on = rec.published_on = rec.withdrawn_on = null;
		if (rec.category === '行政处罚') rec.reviewed_on = rec.review_result = null;
		rec.reconsideration = rec.litigation = null;
	} else if (rec.closed_on === null && rec.status === '已结案') rec.status = '已决定';
	if (rec.withdrawn_on === null && rec.status === '已撤销') rec.status = '已决定';
	return rec;
}

/** Breaks one rule on purpose; the ground truth keeps which. */
function plant(ctx: Ctx, dc: DemoCase, item: CatalogItem): void {
	const { r } = ctx;
	const rec = dc.record;
	// Only decisions well before the snapshot, so that every planted fault is still visible in the export.
	if (!rec.decided_on || !rec.filed_on || rec.decided_on > addDays(DEMO_SNAPSHOT, -90)) return;
	const fined = (rec.fine_amount ?? 0) > 0 && rec.circumstance_tier !== '减轻';
	const fineBefore = rec.fine_amount;
	const statute = item.fine;
	const choices: PlantedRule[] = ['R04', 'R05', 'R06', 'R07', 'R08', 'R10', 'CHECK'];
	if (fined) choices.push('R01', 'R02', 'R02', 'R11');
	const rule = r.pick(choices);
	switch (rule) {
		case 'R01':
			rec.fine_amount = (r.chance(0.5) ? r.int(55, 80) * 1000 : r.int(3, 8) * 1000) * 100;
			break;
		case 'R02': {
			const t = tierByName(item, rec.circumstance_tier as Tier);
			if (!t || !item.fine) return;
			// Clearly outside the tier the circumstances call for, yet inside the statute.
			rec.fine_amount = (t.tier === '从重' ? item.fine.min + 2000 : t.tier === '从轻' ? 45_000 : r.chance(0.5) ? 48_000 : 11_000) * 100;
			break;
		}
		case 'R04': {
			const branchOfficers = ctx.officers.filter((o) => o.department === rec.department);
			const expired = branchOfficers.find((o) => o.valid_to < (rec.decided_on ?? ''));
			const kind = r.int(0, 2);
			if (kind === 0 && rec.officer_ids) rec.officer_ids = rec.officer_ids.slice(0, 1);
			else if (kind === 1 && expired && rec.officer_ids) rec.officer_ids = [rec.officer_ids[0] ?? '', expired.cert_no];
			else if (rec.officer_ids) rec.officer_ids = [rec.officer_ids[0] ?? '', `3507990${r.int(10000, 99999)}`];
			break;
		}
		case 'R05':
			if (fined) rec.fine_amount = Math.max(rec.fine_amount ?? 0, catalogMajorFen(ctx.catalog));
			rec.major_decision = true;
			if (r.chance(0.5)) {
				rec.reviewed_on = null;
				rec.review_result = null;
			} else rec.reviewed_on = after(ctx, rec.decided_on, 2, 6);
			if (rec.reviewed_on && rec.served_on && rec.reviewed_on > rec.served_on) rec.served_on = after(ctx, rec.reviewed_on, 0, 2);
			break;
		case 'R06': {
			const late = r.int(100, 160);
			const shift = late - (dayNumber(rec.decided_on) - dayNumber(rec.filed_on));
			for (const k of ['decided_on', 'served_on', 'published_on', 'closed_on', 'withdrawn_on'] as const) {
				const v = rec[k];
				if (v) rec[k] = onWorkingDay(ctx, addDays(v, shift));
			}
			break;
		}
		case 'R07':
			rec.served_on = after(ctx, rec.decided_on, 12, 30);
			if (rec.closed_on && rec.closed_on < rec.served_on) rec.closed_on = after(ctx, rec.served_on, 10, 20);
			break;
		case 'R08':
			rec.published_on = ctx.cal.addWorkingDays(rec.decided_on, r.int(9, 25));
			break;
		case 'R10':
			rec.served_on = addDays(rec.decided_on, -r.int(2, 6));
			break;
		case 'R11':
			if ((rec.fine_amount ?? 0) < hearingThresholdFen(ctx.catalog, rec.party_type)) rec.fine_amount = hearingThresholdFen(ctx.catalog, rec.party_type);
			rec.notified_on = null;
			rec.hearing_on = null;
			break;
		case 'CHECK':
			if (rec.party_id) rec.party_id = corruptCheck(rec.party_id);
			break;
	}
	if (rec.fine_amount !== null) rec.major_decision = rec.major_decision === null ? null : majorByRule(ctx.catalog, rec);
	if (rule === 'R05') rec.major_decision = true;
	dc.planted.push(rule);
	// A move of an eighth of the statute range (5,000 yuan on 10,000–50,000, about three times the spread of
	// consistent practice) is a fine unlike similar cases; a planted fault that leaves the fine outside the tier the
	// circumstances select also breaks R02, whatever rule it was planted for.
	const span = statute ? (statute.max - statute.min) * 100 : Infinity;
	const moved = fined && rec.fine_amount !== null && fineBefore !== null && Math.abs(rec.fine_amount - fineBefore) >= span / 8;
	const selected = selectTier(item, rec);
	const outsideTier =
		fined &&
		rule !== 'R02' &&
		selected !== null &&
		rec.fine_amount !== null &&
		statute !== null &&
		rec.fine_amount >= statute.min * 100 &&
		rec.fine_amount <= statute.max * 100 &&
		(rec.fine_amount < selected.min * 100 || rec.fine_amount > selected.max * 100) &&
		['从轻', '一般', '从重'].includes(selected.tier) &&
		rec.circumstance_tier !== '减轻';
	if (outsideTier) dc.planted.push('R02');
	if (moved && statute && rec.fine_amount! >= statute.min * 100 && rec.fine_amount! <= statute.max * 100) dc.planted.push('R03');
}

function coercionCase(ctx: Ctx, year: number, branch: DemoBranch, item: CatalogItem): DemoCase {
	const { r } = ctx;
	const rec = emptyCase();
	const seq = nextSeq(ctx, `QZ${year}`);
	rec.case_id = `LJ${year}QZ${String(seq).padStart(5, '0')}`;
	Object.assign(rec, {
		agency: DEMO_AGENCY,
		department: branch.name,
		category: item.category,
		item_code: item.code,
		item_name: item.name,
		legal_basis: item.legal_basis,
		procedure: '普通程序'
	});
	Object.assign(
		rec,
		party(ctx, [
			['法人及非法人组织', 92],
			['个体工商户', 8]
		])
	);
	const c = circumstances(ctx);
	rec.employees_affected = c.employees_affected;
	rec.months_overdue = c.months_overdue;
	rec.amount_involved = c.amount_involved;
	rec.filed_on = workingDayBetween(ctx, `${year}-01-02`, year === 2025 ? '2025-10-15' : `${year}-12-15`);
	rec.investigated_on = after(ctx, rec.filed_on, 20, 45);
	rec.notified_on = after(ctx, rec.investigated_on, 3, 8); // 催告
	rec.reviewed_on = after(ctx, rec.notified_on, 10, 20);
	rec.review_result = '通过';
	rec.major_decision = true;
	rec.decided_on = after(ctx, rec.reviewed_on, 1, 4);
	rec.decision_no = `临公积金强申字〔${year}〕第${String(seq).padStart(4, '0')}号`;
	rec.served_on = after(ctx, rec.decided_on, 1, 4);
	rec.closed_on = r.chance(0.8) ? after(ctx, rec.served_on, 30, 120) : null;
	if (rec.closed_on && rec.closed_on > DEMO_SNAPSHOT) rec.closed_on = null;
	rec.status = rec.closed_on ? '已结案' : '已决定';
	rec.penalty_types = ['申请人民法院强制执行'];
	rec.officer_ids = pickOfficers(ctx, branch.name, rec.filed_on, rec.decided_on).map((o) => o.cert_no);
	rec.av_recorded = r.chance(0.97);
	return { record: rec, planted: [] };
}

function simpleCase(ctx: Ctx, year: number, branch: DemoBranch, item: CatalogItem, code: 'JC' | 'QR'): DemoCase {
	const { r } = ctx;
	const rec = emptyCase();
	const seq = nextSeq(ctx, `${code}${year}`);
	rec.case_id = `LJ${year}${code}${String(seq).padStart(5, '0')}`;
	Object.assign(rec, {
		agency: DEMO_AGENCY,
		department: branch.name,
		category: item.category,
		item_code: item.code,
		item_name: item.name,
		legal_basis: item.legal_basis
	});
	Object.assign(
		rec,
		party(ctx, [
			['法人及非法人组织', 90],
			['个体工商户', 10]
		])
	);
	rec.filed_on = workingDayBetween(ctx, `${year}-01-02`, `${year}-12-22`);
	rec.officer_ids = pickOfficers(ctx, branch.name, rec.filed_on).map((o) => o.cert_no);
	if (code === 'QR') {
		rec.decided_on = after(ctx, rec.filed_on, 3, 15);
		rec.decision_no = `临公积金确字〔${year}〕第${String(seq).padStart(4, '0')}号`;
		rec.published_on = ctx.cal.addWorkingDays(rec.decided_on, r.int(2, 15));
	}
	rec.closed_on = after(ctx, rec.decided_on ?? rec.filed_on, 0, 10);
	if (rec.published_on && rec.published_on > DEMO_SNAPSHOT) rec.published_on = null;
	if (rec.closed_on > DEMO_SNAPSHOT) {
		rec.closed_on = null;
		rec.status = rec.decided_on ? '已决定' : '办理中';
	} else rec.status = '已结案';
	rec.av_recorded = code === 'JC' ? r.chance(0.7) : null;
	return { record: rec, planted: [] };
}

/** An open penalty case: filed, under investigation, nothing decided yet. */
function openCase(ctx: Ctx, branch: DemoBranch, item: CatalogItem): DemoCase {
	const dc = penaltyCase(ctx, 2025, branch, item, true);
	const rec = dc.record;
	rec.filed_on = workingDayBetween(ctx, '2025-11-03', '2025-12-26');
	rec.investigated_on = null;
	rec.notified_on = null;
	rec.hearing_on = null;
	rec.fine_amount = null;
	rec.penalty_types = null;
	rec.circumstance_tier = null;
	rec.major_decision = null;
	rec.status = '办理中';
	return dc;
}

/**
 * Generates the cases year by year, lazily, so that a million rows never sit in memory at once.
 * The same seed and options give the same cases.
 */
export function* generateDemoCases(catalog: Catalog, cal: WorkingCalendar, options: DemoOptions = {}): Generator<DemoCase> {
	const seed = options.seed ?? 1;
	const total = options.cases ?? DEFAULT_DEMO_CASES;
	const ctx: Ctx = { r: seededRandom(seed), catalog, cal, officers: demoOfficers(seed), seq: new Map() };
	const { r } = ctx;
	const item = (code: string): CatalogItem => {
		const it = catalog.byCode.get(code);
		if (!it) throw new Error(`演示数据需要事项 ${code}，当前事项清单中没有`);
		return it;
	};
	const penaltyItems = [item('HPF-37-1'), item('HPF-37-2')];
	const growth = YEARS.map((_, i) => 1 + 0.06 * i);
	const sum = growth.reduce((s, g) => s + g, 0);
	const branchWeights = DEMO_BRANCHES.map((b) => [b, b.share] as const);

	for (const [yi, year] of YEARS.entries()) {
		const n = Math.round((total * (growth[yi] ?? 1)) / sum);
		for (let i = 0; i < n; i++) {
			const branch = r.weighted(branchWeights);
			const kind = r.weighted([
				['JC', 45],
				['CF', 30],
				['QZ', 13],
				['QR', 12]
			] as const);
			if (kind === 'CF') {
				const it = r.weighted([
					[penaltyItems[0]!, 60],
					[penaltyItems[1]!, 40]
				] as const);
				const dc = penaltyCase(ctx, year, branch, it, false);
				if (r.chance(0.018)) plant(ctx, dc, it);
				clipToSnapshot(dc.record);
				yield dc;
			} else {
				const dc =
					kind === 'QZ'
						? coercionCase(ctx, year, branch, item('HPF-38'))
						: simpleCase(ctx, year, branch, item(kind === 'JC' ? 'HPF-JC-01' : 'HPF-QR-01'), kind);
				clipToSnapshot(dc.record);
				yield dc;
			}
		}
	}
	// Work in progress at the snapshot: proposals awaiting legal review and freshly opened cases.
	const extra = Math.max(10, Math.round(total / 100));
	for (let i = 0; i < extra; i++) {
		const dc = penaltyCase(ctx, 2025, r.weighted(branchWeights), r.pick(penaltyItems), true);
		clipToSnapshot(dc.record);
		yield dc;
	}
	for (let i = 0; i < Math.round(extra * 1.2); i++) {
		const dc = openCase(ctx, r.weighted(branchWeights), r.pick(penaltyItems));
		clipToSnapshot(dc.record);
		yield dc;
	}
}
