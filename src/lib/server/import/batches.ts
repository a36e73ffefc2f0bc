import { FIELDS } from '../../domain/case-schema';
import { instantSql, type Database, type Queryable } from '../db';
import { appendAudit } from '../audit';
import { LocalizedError } from '../../i18n/error';
import { msg, type Text } from '../../i18n/message';
import { agencyTime } from '../../format';

export interface BatchRow {
	id: number;
	kind: string;
	file_name: string;
	sha256: string | null;
	size_bytes: number | null;
	encoding: string | null;
	user_name: string | null;
	started_at: string;
	finished_at: string | null;
	rows_read: number;
	imported: number;
	updated: number;
	unchanged: number;
	quarantined: number;
	profile: string | null;
	undone_at: string | null;
	undone_by: string | null;
}

export async function listBatches(db: Queryable, limit = 200): Promise<BatchRow[]> {
	return db.query<BatchRow>(
		`SELECT id, kind, file_name, sha256, size_bytes, encoding, user_name, ${instantSql('started_at')} AS started_at,
		        ${instantSql('finished_at')} AS finished_at, rows_read, imported, updated, unchanged, quarantined, profile,
		        ${instantSql('undone_at')} AS undone_at, undone_by
		 FROM batches ORDER BY id DESC LIMIT ?`,
		[limit]
	);
}

export async function getBatch(db: Queryable, id: number): Promise<BatchRow | null> {
	const [b] = await db.query<BatchRow>(
		`SELECT id, kind, file_name, sha256, size_bytes, encoding, user_name, ${instantSql('started_at')} AS started_at,
		        ${instantSql('finished_at')} AS finished_at, rows_read, imported, updated, unchanged, quarantined, profile,
		        ${instantSql('undone_at')} AS undone_at, undone_by FROM batches WHERE id = ?`,
		[id]
	);
	return b ?? null;
}

export class UndoError extends LocalizedError {
	constructor(text: Text) {
		super(text);
		this.name = 'UndoError';
	}
}

/**
 * Undoes a case batch in one transaction: the cases it added are removed and the versions it replaced come back.
 * A batch whose cases a later batch changed again cannot be undone before that later batch is.
 */
export async function undoBatch(db: Database, id: number, user: string): Promise<{ removed: number; restored: number }> {
	const batch = await getBatch(db, id);
	if (!batch) throw new UndoError(msg('err.undo.noBatch', { id }));
	if (batch.undone_at) throw new UndoError(msg('err.undo.undone', { id, at: agencyTime(batch.undone_at) }));
	if (batch.kind === 'publications') return undoPublications(db, id, user, batch.file_name);
	if (batch.kind !== 'cases') throw new UndoError(msg('err.undo.roster', { id }));
	const keys = FIELDS.map((f) => f.key);
	const result = await db.transaction(async (tx) => {
		const [later] = await tx.query<{ batch: number }>(
			`SELECT min(replaced_by_batch) AS batch FROM case_versions v WHERE v.batch_id = ? AND v.replaced_by_batch > ?`,
			[id, id]
		);
		if (later?.batch) throw new UndoError(msg('err.undo.later', { later: later.batch }));
		const [counts] = await tx.query<{ restored: number; removed: number }>(
			`SELECT count(v.case_id) AS restored, count(*) - count(v.case_id) AS removed
			 FROM cases c LEFT JOIN case_versions v ON v.agency = c.agency AND v.case_id = c.case_id AND v.replaced_by_batch = ?
			 WHERE c.batch_id = ?`,
			[id, id]
		);
		await tx.run(
			`DELETE FROM cases WHERE batch_id = ? AND NOT EXISTS (SELECT 1 FROM case_versions v WHERE v.agency = cases.agency AND v.case_id = cases.case_id AND v.replaced_by_batch = ?)`,
			[id, id]
		);
		await tx.run(
			`UPDATE cases SET ${[...keys.filter((k) => k !== 'agency' && k !== 'case_id'), 'extra', 'extracted', 'batch_id', 'loaded_at'].map((k) => `${k} = v.${k}`).join(', ')}
			 FROM case_versions v WHERE v.replaced_by_batch = ? AND cases.agency = v.agency AND cases.case_id = v.case_id AND cases.batch_id = ?`,
			[id, id]
		);
		await tx.run('DELETE FROM case_versions WHERE replaced_by_batch = ?', [id]);
		await tx.run('UPDATE batches SET undone_at = current_timestamp, undone_by = ? WHERE id = ?', [user, id]);
		return { removed: counts?.removed ?? 0, restored: counts?.restored ?? 0 };
	});
	await appendAudit(db, { actor: user, action: 'import-undone', targetType: 'batch', targetId: String(id), detail: { file: batch.file_name, ...result } });
	return result;
}

/** A publicity list's batch: its decisions leave; nothing else refers to them. */
async function undoPublications(db: Database, id: number, user: string, file: string): Promise<{ removed: number; restored: number }> {
	const removed = await db.transaction(async (tx) => {
		const [n] = await tx.query<{ n: bigint | number }>('SELECT count(*) AS n FROM publications WHERE batch_id = ?', [id]);
		await tx.run('DELETE FROM publications WHERE batch_id = ?', [id]);
		await tx.run('UPDATE batches SET undone_at = current_timestamp, undone_by = ? WHERE id = ?', [user, id]);
		return Number(n?.n ?? 0);
	});
	await appendAudit(db, {
		actor: user,
		action: 'import-undone',
		targetType: 'batch',
		targetId: String(id),
		detail: { kind: 'publications', file, removed, restored: 0 }
	});
	return { removed, restored: 0 };
}
