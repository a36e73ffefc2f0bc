import type { Database, Queryable } from '../db';
import type { Catalog } from '../../domain/catalog';
import type { IsoDate } from '../../domain/dates';
import { publicityRow } from '../../domain/publicity';
import { groundFromCase } from '../../domain/publicity-deadlines';
import type { Change, DecisionChange, FeedPage } from '../../domain/publicity-feed';
import { DECISION_COLUMNS, IN_SCOPE, PUBLISHED, WITHDRAWN_ON, toPublicityCase, type DecisionRow } from './scope';
import { getPublicitySettings, recordSettingsKey, type PublicitySettings } from './settings';

/**
 * The change feed: one row per decision ever published, carrying the number of its latest change. A sync compares
 * each decision's current fingerprint with the feed's and renumbers the ones that changed, in one statement.
 */

/** Withdrawn by its own act or the export's date, or no longer a publishable decision at all (deleted, reopened). */
const SYNC_SQL = `
INSERT INTO publicity_feed (agency, case_id, seq, change, state, decision_no, hash, changed_at)
SELECT agency, case_id, nextval('publicity_seq'), change, state, decision_no, hash, CAST($now AS TIMESTAMP) FROM (
	WITH cur AS (
		SELECT c.agency, c.case_id, c.decision_no,
			CASE WHEN ${WITHDRAWN_ON} IS NULL THEN 'published' ELSE 'withdrawn' END AS state,
			CASE WHEN ${WITHDRAWN_ON} IS NULL
				THEN md5(CAST(ROW(CAST($settings AS VARCHAR), c.party_type, c.party_name, c.party_id, c.decision_no, c.item_code, c.item_name, c.legal_basis,
					c.penalty_types, c.fine_amount, c.confiscated_amount, c.decided_on, c.extra) AS VARCHAR))
				ELSE md5(CAST(ROW('withdrawn', c.decision_no, ${WITHDRAWN_ON}, p.withdraw_ground, p.withdraw_reason, c.reconsideration, c.litigation) AS VARCHAR))
			END AS hash
		FROM cases c LEFT JOIN publicity_acts p ON p.agency = c.agency AND p.case_id = c.case_id
		WHERE ${IN_SCOPE} AND ${PUBLISHED}
	)
	SELECT coalesce(cur.agency, f.agency) AS agency, coalesce(cur.case_id, f.case_id) AS case_id,
		CASE WHEN cur.state IS NULL OR cur.state = 'withdrawn' THEN 'withdrawn'
		     WHEN f.state IS NULL OR f.state = 'withdrawn' THEN 'published' ELSE 'updated' END AS change,
		coalesce(cur.state, 'withdrawn') AS state, coalesce(cur.decision_no, f.decision_no) AS decision_no, coalesce(cur.hash, 'gone') AS hash
	FROM cur FULL OUTER JOIN publicity_feed f ON f.agency = cur.agency AND f.case_id = cur.case_id
	WHERE f.hash IS DISTINCT FROM coalesce(cur.hash, 'gone') AND NOT (cur.agency IS NULL AND f.state = 'withdrawn')
	ORDER BY agency, case_id
)
ON CONFLICT (agency, case_id) DO UPDATE SET seq = excluded.seq, change = excluded.change, state = excluded.state,
	decision_no = excluded.decision_no, hash = excluded.hash, changed_at = excluded.changed_at`;

const queues = new WeakMap<Database, Promise<unknown>>();
const lastSync = new WeakMap<Database, string>();

/**
 * A cheap fingerprint of everything a sync reads: the cases (an import or an undo changes a touched row's load time
 * or batch), the agency's acts, the settings and the day. An unchanged fingerprint means nothing to renumber.
 */
async function fingerprint(db: Queryable, today: IsoDate, settings: string): Promise<string> {
	const [r] = await db.query<{ fp: string }>(
		`SELECT concat_ws('|', (SELECT count(*) FROM cases), (SELECT CAST(coalesce(bit_xor(hash(agency, case_id, loaded_at, batch_id)), 0) AS VARCHAR) FROM cases),
			(SELECT CAST(coalesce(bit_xor(hash(agency, case_id, published_on, withdrawn_on, withdraw_ground, withdraw_reason)), 0) AS VARCHAR) FROM publicity_acts)) AS fp`
	);
	return `${r?.fp}|${today}|${settings}`;
}

/** Brings the feed up to date. Syncs are serialised, so two never number the same change. */
export async function syncFeed(db: Database, today: IsoDate): Promise<void> {
	const prev = queues.get(db) ?? Promise.resolve();
	const next = prev
		.catch(() => undefined)
		.then(async () => {
			const settings = recordSettingsKey(await getPublicitySettings(db));
			const fp = await fingerprint(db, today, settings);
			if (lastSync.get(db) === fp) return;
			// The feed's times are UTC, as the API says (…Z), whatever the server's zone.
			const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
			await db.transaction((tx) => tx.run(SYNC_SQL, { today, settings, now }));
			lastSync.set(db, fp);
		});
	queues.set(db, next);
	return next;
}

type FeedRow = Partial<DecisionRow> & { seq: number; change: Change; state: string; feed_decision_no: string | null; feed_agency: string; changed_at: string };

function toChange(r: FeedRow, catalog: Catalog, settings: PublicitySettings): DecisionChange {
	const base = { seq: r.seq, change: r.change, changed_at: r.changed_at, agency: r.feed_agency, decision_no: r.feed_decision_no };
	if (r.state === 'published' && r.case_id) {
		const row = r as DecisionRow;
		const record = publicityRow(toPublicityCase(row, catalog), {
			agencyCode: settings.agencyCode,
			sourceUnit: settings.sourceUnit,
			sourceCode: settings.sourceCode
		});
		return { ...base, record, withdrawal: null };
	}
	const ground = r.withdraw_ground ?? (r.case_id ? groundFromCase({ reconsideration: r.reconsideration ?? null, litigation: r.litigation ?? null }) : null);
	return {
		...base,
		change: 'withdrawn',
		record: null,
		withdrawal: {
			withdrawn_on: r.withdrawn_on ?? null,
			ground: ground ?? (r.case_id ? null : '已不属于公示范围'),
			reason: r.withdraw_reason ?? null
		}
	};
}

/** The changes after `since`, oldest first, at most `limit`; the cursor of the last one comes back to ask again. */
export async function readChanges(db: Queryable, catalog: Catalog, since: number, limit: number): Promise<FeedPage> {
	const rows = await db.query<FeedRow>(
		`SELECT f.seq, f.change, f.state, f.decision_no AS feed_decision_no, f.agency AS feed_agency,
		        strftime(f.changed_at, '%Y-%m-%dT%H:%M:%SZ') AS changed_at, ${DECISION_COLUMNS}
		 FROM publicity_feed f LEFT JOIN cases c ON c.agency = f.agency AND c.case_id = f.case_id
		      LEFT JOIN publicity_acts p ON p.agency = f.agency AND p.case_id = f.case_id
		 WHERE f.seq > $since ORDER BY f.seq LIMIT $limit`,
		{ since, limit: limit + 1 }
	);
	const settings = await getPublicitySettings(db);
	const page = rows.slice(0, limit).map((r) => toChange(r, catalog, settings));
	return { cursor: String(page.at(-1)?.seq ?? since), has_more: rows.length > limit, decisions: page };
}

/** What the platform pulls: the feed brought up to date, then the changes after `since`. */
export async function pullChanges(db: Database, catalog: Catalog, today: IsoDate, since: number, limit: number): Promise<FeedPage> {
	await syncFeed(db, today);
	return readChanges(db, catalog, since, limit);
}

/** The number of the latest change, for the delivery page. */
export async function latestSeq(db: Queryable): Promise<number> {
	const [r] = await db.query<{ n: number | null }>('SELECT max(seq) AS n FROM publicity_feed');
	return r?.n ?? 0;
}
