/**
 * The review flags as the data change (issue 21, item 3), in a process of its own; prints one JSON line.
 *   tsx scripts/bench-review.ts BASE.csv ROSTER.csv BATCH10K.csv BATCH1K.csv DB
 * On a database of the base file with every flag computed (the reference: what the first /review used to wait for),
 * a 10,000-case import through the server's path (`importKeepingFlags`), then the first and later /review server
 * loads; then a 1,000-case import and the seconds its flags took.
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { getDatabase, closeDatabase } from '../src/lib/server/db';
import { getCatalog } from '../src/lib/server/catalog';
import { getCalendar } from '../src/lib/server/calendar';
import { importCases, importRoster } from '../src/lib/server/import';
import { currentSuggester } from '../src/lib/server/model';
import { dailyDriftPatterns, importKeepingFlags, reviewQueuePage, updateFlags } from '../src/lib/server/review';
import { today } from '../src/lib/server/publicity/clock';
import { peakRssMb } from './bench-server';

const [base, roster, batch10k, batch1k, dbPath] = process.argv.slice(2);
if (!base || !roster || !batch10k || !batch1k || !dbPath) throw new Error('usage: bench-review BASE ROSTER BATCH10K BATCH1K DB');
rmSync(dbPath, { force: true });
rmSync(`${dbPath}.wal`, { force: true });
// The server's own database, catalog, calendar and model: the functions measured are the server's.
process.env.EQUITAS_DB = dbPath;
const started = performance.now();
const secondsSince = (t: number) => Math.round((performance.now() - t) / 100) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const loadAtStart = loadavg()[0] ?? 0;
const db = await getDatabase();
const catalog = getCatalog();
let t = performance.now();
await importRoster(db, roster);
const baseImport = await importCases(db, base, catalog);
const baseImportSeconds = secondsSince(t);
t = performance.now();
const suggester = await currentSuggester(db, catalog);
const suggesterSeconds = secondsSince(t);
// The reference: every case's flags, as the first /review after an import computed them before.
const full = await updateFlags(db, catalog, getCalendar(), suggester, true);
// A running server has made the day's drifting branches already (its upkeep does, at start and each day).
t = performance.now();
await dailyDriftPatterns(db, catalog, suggester, today()).promise;
const patternsSeconds = secondsSince(t);
t = performance.now();
await reviewQueuePage(db, { roles: ['reviewer'] }, {});
const warmReviewMs = Math.round(performance.now() - t);

t = performance.now();
const tenK = await importKeepingFlags(db, 'cases', () => importCases(db, batch10k, catalog));
const tenKSeconds = secondsSince(t);
t = performance.now();
await reviewQueuePage(db, { roles: ['reviewer'] }, {});
const firstReviewMs = Math.round(performance.now() - t);
const later: number[] = [];
for (let i = 0; i < 5; i++) {
	t = performance.now();
	await reviewQueuePage(db, { roles: ['reviewer'] }, {});
	later.push(performance.now() - t);
}

t = performance.now();
const oneK = await importKeepingFlags(db, 'cases', () => importCases(db, batch1k, catalog));
const oneKSeconds = secondsSince(t);
const [{ n } = { n: 0 }] = await db.query<{ n: number }>('SELECT CAST(count(*) AS INTEGER) AS n FROM cases');
await closeDatabase();
rmSync(dbPath, { force: true });
rmSync(`${dbPath}.wal`, { force: true });

console.log(
	JSON.stringify({
		seconds: secondsSince(started),
		rows: n,
		peakRssMb: peakRssMb(),
		detail: {
			baseCases: baseImport.rows,
			baseImportSeconds,
			loadAverage: [loadAtStart, loadavg()[0] ?? 0],
			suggesterSeconds,
			patternsSeconds,
			fullFlags: { seconds: full?.seconds ?? null, cases: full?.cases ?? null, flags: full?.flags ?? null },
			warmReviewMs,
			tenK: {
				rows: tenK.rows,
				changed: tenK.imported + tenK.updated,
				importSeconds: tenK.seconds,
				flagSeconds: tenK.flagged?.seconds ?? null,
				flaggedCases: tenK.flagged?.cases ?? null,
				wholeSeconds: tenKSeconds
			},
			firstReviewMs,
			laterReviewMs: Math.round(median(later)),
			oneK: {
				rows: oneK.rows,
				changed: oneK.imported + oneK.updated,
				importSeconds: oneK.seconds,
				flagSeconds: oneK.flagged?.seconds ?? null,
				flaggedCases: oneK.flagged?.cases ?? null,
				wholeSeconds: oneKSeconds
			}
		}
	})
);
process.exit(0);
