import { randomBytes } from 'node:crypto';
import type { Catalog } from '../../domain/catalog';
import type { Database } from '../db';
import { importCases, type ImportDetails, type ImportOptions, type ImportProgress } from './import-cases';
import { importRoster, type RosterSummary } from './load-roster';
import { importPublications, type PublicationsSummary } from './load-publications';
import type { PublicationMapping } from '../../domain/publication-row';
import { batchViolationMatches, type ViolationMatch } from '../peers/matching';
import { UnreadableFileError } from './prepare';
import { importKeepingFlags } from '../review/after-import';
import { translator } from '../../i18n';
import { msg, type Text } from '../../i18n/message';

/**
 * Imports started from the web page run here, one after another (DuckDB has one writer), while the page polls
 * their progress. A job lives in memory for an hour after it ends; its batch and quarantine are in the database.
 */
export type JobState = 'queued' | 'running' | 'done' | 'failed';

/** What the web page imports: the agency's cases, its roster, or a peer agencies' publicity list (kept apart). */
export type JobKind = 'cases' | 'roster' | 'publications';

/** A publicity list's counts, with its distinct violation texts and the catalog item each was matched to. */
export type PublicationsResult = PublicationsSummary & { matches: ViolationMatch[] };

export interface Job {
	id: string;
	user: string;
	file: string;
	kind: JobKind;
	state: JobState;
	progress: ImportProgress | null;
	result: (Omit<ImportDetails, 'columns'> & { unknownHeaders: string[] }) | RosterSummary | PublicationsResult | null;
	error: string | null;
	/** The error as a message, for the page to show in its reader's language. */
	message: Text | null;
	endedAt: number | null;
}

const jobs = new Map<string, Job>();
let queue: Promise<unknown> = Promise.resolve();
const KEEP_MS = 60 * 60 * 1000;

export function startImportJob(
	db: Database,
	catalog: Catalog,
	path: string,
	kind: JobKind,
	options: ImportOptions & { user: string; fileName: string; publicationMapping?: PublicationMapping }
): Job {
	for (const [id, j] of jobs) if (j.endedAt !== null && Date.now() - j.endedAt > KEEP_MS) jobs.delete(id);
	const job: Job = {
		id: randomBytes(8).toString('hex'),
		user: options.user,
		file: options.fileName,
		kind,
		state: 'queued',
		progress: null,
		result: null,
		error: null,
		message: null,
		endedAt: null
	};
	jobs.set(job.id, job);
	queue = queue.then(async () => {
		job.state = 'running';
		try {
			// The flags of what the batch changed are computed before the job is done: a reviewer never waits for them.
			if (kind === 'roster') job.result = await importKeepingFlags(db, 'roster', () => importRoster(db, path, options));
			else if (kind === 'publications') {
				// Other agencies' decisions: no case changes, so no flags to recompute.
				const r = await importPublications(db, path, {
					user: options.user,
					fileName: options.fileName,
					encoding: options.encoding,
					catalog,
					mapping: options.publicationMapping,
					saveProfileAs: options.saveProfileAs
				});
				job.result = { ...r, matches: await batchViolationMatches(db, r.batch) };
			} else {
				const { columns, ...rest } = await importKeepingFlags(db, 'cases', () =>
					importCases(db, path, catalog, { ...options, onProgress: (p) => (job.progress = p) })
				);
				job.result = { ...rest, unknownHeaders: columns.filter((c) => c.key === null && c.header.trim() !== '').map((c) => c.header) };
			}
			job.state = 'done';
		} catch (e) {
			job.state = 'failed';
			job.message = e instanceof UnreadableFileError ? e.msg : msg('err.import.failed', { detail: e instanceof Error ? e.message : String(e) });
			job.error = translator('zh-CN')(job.message);
			if (!(e instanceof UnreadableFileError)) console.error('import failed:', e);
		} finally {
			job.endedAt = Date.now();
		}
	});
	return job;
}

export function getJob(id: string): Job | null {
	return jobs.get(id) ?? null;
}
