import type { CaseRecord } from '../../domain/case-schema';
import type { Catalog } from '../../domain/catalog';
import type { WorkingCalendar } from '../../domain/calendar';
import { FINE_TIERS, catalogTier, statuteOf } from '../../domain/discretion-features';
import { pValueWords } from '../../domain/conformal';
import { caseContext, RULE_VERSION, RULES, ruleFlags, type Flag, type RosterOfficer, type RuleContext, type RuleId } from '../../domain/review-rules';
import { caseFileFlag, checkCaseFile } from '../../domain/case-file-check';
import type { CaseDocument } from '../../domain/case-file';
import { CASE_SELECT } from '../cases/read';
import { caseKey, documentsByCase } from '../files/documents';
import { queryable, transactionOn, type Database, type Queryable } from '../db';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Suggester } from '../model/suggest';
import { catalogBook } from '../catalog/versions';
import { today as todayIso } from '../publicity/clock';
import type { IsoDate } from '../../domain/dates';

/** What R03 needs of a suggester: the model and the catalog it was trained with (not the similar-case index). */
export type FlagModel = Pick<Suggester, 'model' | 'catalog'>;

/**
 * The cases a computation covers, as a condition on `cases` (an import's batch, the undecided cases at a new day);
 * absent, every case. Flags of cases outside it are left as they are.
 */
export interface CaseScope {
	where: string;
	params: (string | number)[];
}

/**
 * Computes the flags of every case and stores them: new ones open, ones that still fire keep their resolution
 * and get the new reason, open ones that no longer fire are 'cleared' (never deleted). Stored with the rule
 * version and the model version, and recomputed when the cases, the model or the rules change.
 */

export interface ComputedFlag extends Flag {
	agency: string;
	case_id: string;
	p_value: number | null;
}

export interface StoredFlag extends ComputedFlag {
	id: number;
	status: 'open' | 'accepted' | 'corrected' | 'cleared';
	model_version: string | null;
	rule_version: string;
	computed_at: string;
	resolved_by: string | null;
	resolved_at: string | null;
	resolution: string | null;
}

export async function loadRoster(db: Queryable): Promise<Map<string, RosterOfficer>> {
	const rows = await db.query<RosterOfficer>(
		`SELECT cert_no, name, strftime(valid_from, '%Y-%m-%d') AS valid_from, strftime(valid_to, '%Y-%m-%d') AS valid_to FROM officers`
	);
	return new Map(rows.map((r) => [r.cert_no, r]));
}

/** R03: a fine unlike the fines of similar cases, by its conformal p-value against the model's calibration. */
export function modelFlags(
	suggester: FlagModel,
	cases: readonly CaseRecord[],
	threshold: number,
	catalogFor: (c: CaseRecord) => Catalog = () => suggester.catalog
): ComputedFlag[] {
	const model = suggester.model;
	const candidates = cases.filter((c) => {
		if (!c.fine_amount || !c.item_code || !model.serves(c.item_code)) return false;
		if (c.circumstance_tier === '减轻' || c.circumstance_tier === '不予处罚') return false;
		const range = statuteOf(model.meta.spec, c.item_code);
		const yuan = c.fine_amount / 100;
		// Outside the statute is R01's error, not a matter of similar cases.
		return range !== null && yuan >= range.min && yuan <= range.max;
	});
	// The tier the case's own catalog version selects, as for R02.
	const tiers = candidates.map((c) => catalogTier(catalogFor(c), c));
	const usable = candidates.map((_, i) => tiers[i] !== null && FINE_TIERS.includes(tiers[i]!));
	const batch = candidates.filter((_, i) => usable[i]);
	const batchTiers = tiers.filter((_, i) => usable[i]);
	const q = model.quantiles(batch.map((c, i) => ({ c, tier: batchTiers[i] ?? null })));
	const out: ComputedFlag[] = [];
	batch.forEach((c, i) => {
		const fine = (c.fine_amount ?? 0) / 100;
		const p = model.pValueFrom(q, i * 3, c.item_code, batchTiers[i] ?? null, fine);
		// The smallest p-value a calibration set of n cases can give is 1/(n + 1): a fine more unusual than every one
		// of them. With few calibration cases that is above the threshold, and it is what is flagged then.
		const floor = 1 / (model.scores(batchTiers[i] ?? null).n + 1);
		if (p === null || p > Math.max(threshold, floor) + 1e-12) return;
		const r = model.intervalFrom(q, i * 3, c.item_code, batchTiers[i] ?? null, 0.8);
		const range = r ? `${Math.round(r.low).toLocaleString('en-US')}–${Math.round(r.high).toLocaleString('en-US')} 元` : '';
		const word = c.decided_on === null || c.status === '待审核' ? '拟罚款' : '罚款';
		out.push({
			agency: c.agency ?? '',
			case_id: c.case_id ?? '',
			rule: 'R03',
			severity: RULES.R03.severity,
			reason: `${word} ${fine.toLocaleString('en-US')} 元，${fine < (r?.low ?? 0) ? '低于' : '高于'}类似案件的 80% 区间 ${range}（${pValueWords(p)}，p = ${p.toFixed(4)}）`,
			value: `${fine.toLocaleString('en-US')} 元`,
			expected: range,
			p_value: p
		});
	});
	return out;
}

/** Every flag of these cases, rule flags, R14 from their case files when given, and (when a model is there) R03. */
export function flagsOf(
	cases: readonly CaseRecord[],
	ctx: RuleContext,
	suggester: FlagModel | null,
	threshold: number,
	documents?: ReadonlyMap<string, readonly CaseDocument[]>
): ComputedFlag[] {
	const out: ComputedFlag[] = [];
	for (const c of cases) for (const f of ruleFlags(c, ctx)) out.push({ ...f, agency: c.agency ?? '', case_id: c.case_id ?? '', p_value: null });
	for (const c of documents?.size ? cases : []) {
		const docs = documents?.get(caseKey(c.agency ?? '', c.case_id ?? ''));
		const f = docs ? caseFileFlag(checkCaseFile(c, caseContext(c, ctx).catalog, docs)) : null;
		if (f) out.push({ ...f, agency: c.agency ?? '', case_id: c.case_id ?? '', p_value: null });
	}
	if (suggester) out.push(...modelFlags(suggester, cases, threshold, ctx.catalogFor));
	return out;
}

/**
 * Cases a chunk at a time by the table's row ids, so that memory holds one chunk whatever the number of cases
 * (a year at a time held 1.5 million cases at ten million and ran the JavaScript heap out). Every rule reads one
 * case, so the chunks give the same flags as the whole.
 */
const CASE_CHUNK = 100_000;

export async function* casesInChunks(q: Queryable, size = CASE_CHUNK, scope?: CaseScope): AsyncGenerator<CaseRecord[]> {
	if (scope) {
		// An import's cases fit one chunk: read them at once rather than scan the table a chunk at a time.
		const [{ n } = { n: 0 }] = await q.query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM cases WHERE ${scope.where}`, scope.params);
		if (n <= size) {
			yield (await q.query(`SELECT ${CASE_SELECT} FROM cases WHERE ${scope.where}`, scope.params)) as CaseRecord[];
			return;
		}
	}
	const [{ hi } = { hi: null }] = await q.query<{ hi: number | null }>('SELECT max(rowid) AS hi FROM cases');
	const extra = scope ? ` AND (${scope.where})` : '';
	for (let from = 0; hi !== null && from <= hi; from += size) {
		yield (await q.query(`SELECT ${CASE_SELECT} FROM cases WHERE rowid >= ? AND rowid < ?${extra}`, [
			from,
			from + size,
			...(scope?.params ?? [])
		])) as CaseRecord[];
	}
}

/** Appends flags to the connection's temporary table computed_flags. */
async function appendComputed(c: DuckDBConnection, flags: readonly ComputedFlag[]): Promise<void> {
	const appender = await c.createAppender('computed_flags', 'main', 'temp');
	try {
		for (const f of flags) {
			for (const v of [f.agency, f.case_id, f.rule, f.severity, f.reason, f.value, f.expected]) {
				if (v === null || v === undefined) appender.appendNull();
				else appender.appendVarchar(v);
			}
			if (f.p_value === null) appender.appendNull();
			else appender.appendDouble(f.p_value);
			appender.endRow();
		}
		appender.flushSync();
	} finally {
		appender.closeSync();
	}
}

/** The cases whose flags change with the day alone: undecided ones, which become overdue (R06). */
export const PENDING_SCOPE: CaseScope = { where: 'decided_on IS NULL', params: [] };

/** The cases an import batch added or changed. */
export function batchScope(batch: number): CaseScope {
	return { where: 'batch_id = ?', params: [batch] };
}

export async function setFlagState(q: Queryable, key: 'computed_for' | 'pending_on', value: string): Promise<void> {
	await q.run(`INSERT INTO flag_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [key, value]);
}

export async function flagState(q: Queryable, key: 'computed_for' | 'pending_on'): Promise<string | null> {
	const [row] = await q.query<{ value: string }>(`SELECT value FROM flag_state WHERE key = ?`, [key]);
	return row?.value ?? null;
}

export interface RecomputeSummary {
	cases: number;
	flags: number;
	opened: number;
	cleared: number;
	modelVersion: string | null;
	seconds: number;
}

export async function computeFlags(
	db: Database,
	catalog: Catalog,
	cal: WorkingCalendar,
	suggester: FlagModel | null,
	options: { threshold: number; version?: string; chunk?: number; scope?: CaseScope; today?: IsoDate }
): Promise<RecomputeSummary> {
	const started = Date.now();
	const today = options.today ?? todayIso();
	// Once the database holds catalog versions, each case is judged by the one in force on its own date.
	const book = await catalogBook(db);
	const ctx: RuleContext = { catalog, cal, roster: await loadRoster(db), catalogFor: book ? (c) => book.forCase(c) : undefined, today };
	const scope = options.scope;
	const documents = await documentsByCase(db);
	const modelVersion = suggester?.model.version ?? null;
	// One connection throughout: computed_flags is its temporary table, filled chunk by chunk outside the
	// transaction (it is scratch), then compared with the stored flags inside it.
	return db.withConnection(async (c) => {
		const q = queryable(c);
		await q.run(
			`CREATE OR REPLACE TEMP TABLE computed_flags (agency VARCHAR, case_id VARCHAR, rule VARCHAR, severity VARCHAR, reason VARCHAR, value VARCHAR, expected VARCHAR, p_value DOUBLE)`
		);
		// The cases judged now: only their open flags that no longer fire are cleared.
		if (scope) await q.run(`CREATE OR REPLACE TEMP TABLE scoped_cases AS SELECT agency, case_id FROM cases WHERE ${scope.where}`, scope.params);
		const inScope = scope ? 'AND EXISTS (SELECT 1 FROM scoped_cases s WHERE s.agency = flags.agency AND s.case_id = flags.case_id)' : '';
		try {
			let cases = 0;
			let flags = 0;
			for await (const chunk of casesInChunks(q, options.chunk, scope)) {
				cases += chunk.length;
				const computed = flagsOf(chunk, ctx, suggester, options.threshold, documents);
				flags += computed.length;
				await appendComputed(c, computed);
			}
			const summary = await transactionOn(c, async (tx) => {
				const cleared = await tx.query<{ id: number }>(
					`UPDATE flags SET status = 'cleared', computed_at = current_timestamp
					WHERE status = 'open' ${inScope} AND NOT EXISTS (SELECT 1 FROM computed_flags c WHERE c.agency = flags.agency AND c.case_id = flags.case_id AND c.rule = flags.rule)
					RETURNING id`
				);
				await tx.run(
					`UPDATE flags SET severity = c.severity, reason = c.reason, value = c.value, expected = c.expected, p_value = c.p_value,
						model_version = ?, rule_version = ?, computed_at = current_timestamp,
						status = CASE WHEN flags.status = 'cleared' THEN 'open' ELSE flags.status END
					FROM computed_flags c WHERE c.agency = flags.agency AND c.case_id = flags.case_id AND c.rule = flags.rule`,
					[modelVersion, RULE_VERSION]
				);
				const opened = await tx.query<{ id: number }>(
					`INSERT INTO flags (agency, case_id, rule, severity, reason, value, expected, p_value, model_version, rule_version)
					SELECT c.agency, c.case_id, c.rule, c.severity, c.reason, c.value, c.expected, c.p_value, ?, ?
					FROM computed_flags c WHERE NOT EXISTS (SELECT 1 FROM flags f WHERE f.agency = c.agency AND f.case_id = c.case_id AND f.rule = c.rule)
					RETURNING id`,
					[modelVersion, RULE_VERSION]
				);
				if (options.version) await setFlagState(tx, 'computed_for', options.version);
				// Every undecided case was judged as of today (a whole computation, or one of the undecided cases).
				if (!scope || scope === PENDING_SCOPE) await setFlagState(tx, 'pending_on', today);
				return { opened: opened.length, cleared: cleared.length };
			});
			return { cases, flags, ...summary, modelVersion, seconds: (Date.now() - started) / 1000 };
		} finally {
			await q.run('DROP TABLE IF EXISTS computed_flags').catch(() => undefined);
			await q.run('DROP TABLE IF EXISTS scoped_cases').catch(() => undefined);
		}
	});
}

export interface FlagFilter {
	status?: StoredFlag['status'] | 'all';
	rule?: RuleId;
	caseId?: string;
	agency?: string;
	/** A page of the list, in its order: at ten million cases there are millions of flags. */
	limit?: number;
	offset?: number;
}

export async function listFlags(db: Queryable, f: FlagFilter = {}): Promise<StoredFlag[]> {
	const where: string[] = [];
	const params: (string | number)[] = [];
	if (f.status !== 'all') {
		where.push('status = ?');
		params.push(f.status ?? 'open');
	}
	if (f.rule) {
		where.push('rule = ?');
		params.push(f.rule);
	}
	if (f.caseId) {
		where.push('case_id = ?');
		params.push(f.caseId);
	}
	if (f.agency) {
		where.push('agency = ?');
		params.push(f.agency);
	}
	return db.query<StoredFlag>(
		`SELECT id, agency, case_id, rule, severity, reason, value, expected, p_value, status, model_version, rule_version,
			strftime(computed_at, '%Y-%m-%d %H:%M:%S') AS computed_at, resolved_by, strftime(resolved_at, '%Y-%m-%d %H:%M:%S') AS resolved_at, resolution
		FROM flags ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
		ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, rule, agency, case_id, id
		${f.limit !== undefined ? `LIMIT ${Math.max(0, Math.floor(f.limit))} OFFSET ${Math.max(0, Math.floor(f.offset ?? 0))}` : ''}`,
		params
	);
}
