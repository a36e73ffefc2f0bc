import { FIELDS, type CaseRecord } from '../../domain/case-schema';
import { readCell } from '../../domain/case-row';
import { formatFen } from '../../domain/cell-values';
import { EXTRACTED_KEYS, type ExtractedKey } from '../../domain/facts-circumstances';
import { msg, type Message } from '../../i18n/message';
import { LocalizedError } from '../../i18n/error';
import { type Actor } from '../audit';
import { auditedTransaction } from '../audit/log';
import { dataChanged, SQL_TYPE, type Database } from '../db';
import { updateFlagsForCase } from '../review/freshness';
import { findCase, type CaseRef } from './read';

/**
 * An analyst's correction of a circumstance, typically one read from the facts text: the value is saved to the
 * case, the key leaves `extracted` (it is now recorded, not read), the correction is kept in
 * `circumstance_corrections` so that a re-import of a file that leaves the column blank applies it again, the audit
 * log says so, and the case's flags are computed again from the corrected record.
 */

export type Correction = { key: ExtractedKey; value: CaseRecord[ExtractedKey] };

const isKey = (k: string): k is ExtractedKey => (EXTRACTED_KEYS as readonly string[]).includes(k);
const fieldOf = (k: ExtractedKey) => FIELDS.find((f) => f.key === k);

/** What each type of circumstance accepts, said beside what was typed. */
function refusal(type: string, field: { zh: string; en: string }, value: string): Message {
	if (type === 'money') return msg('err.correction.money', { field, value });
	if (type === 'bool') return msg('err.correction.bool', { field, value });
	if (type === 'enum') return msg('err.correction.enum', { field, value });
	return msg('err.correction.int', { field, value });
}

/** Reads what was typed for a circumstance; empty means unknown. The message says what the field accepts. */
export function readCorrection(key: string, raw: string): { ok: true; correction: Correction } | { ok: false; error: Message } {
	const f = isKey(key) ? fieldOf(key) : undefined;
	if (!f || !isKey(key)) return { ok: false, error: msg('err.correction.key') };
	const r = readCell(f, raw, 'yuan');
	// A count or an amount below zero reads as a number but is no circumstance.
	if (!r.ok || (typeof r.value === 'number' && r.value < 0)) return { ok: false, error: refusal(f.type, { zh: f.header, en: f.en }, raw.trim()) };
	return { ok: true, correction: { key, value: r.value as CaseRecord[ExtractedKey] } };
}

/** A value as the audit log writes it. */
function shown(key: ExtractedKey, v: CaseRecord[ExtractedKey]): string {
	if (v === null) return '未知';
	const type = fieldOf(key)?.type;
	if (type === 'money') return `${formatFen(v as number)} 元`;
	if (type === 'bool') return v ? '是' : '否';
	return String(v);
}

export class CorrectionError extends LocalizedError {}

/** Saves the correction; throws CorrectionError when there is no such case. */
export async function correctCircumstance(db: Database, actor: Actor, ref: CaseRef, correction: Correction): Promise<void> {
	const c = await findCase(db, ref);
	if (!c?.agency || !c.case_id) throw new CorrectionError(msg('err.correction.noCase'));
	const { key, value } = correction;
	const f = fieldOf(key);
	if (!f) throw new CorrectionError(msg('err.correction.key'));
	const param = value === null ? null : f.type === 'money' ? formatFen(value as number) : value;
	const { agency, case_id } = c;
	// The case, the kept correction and the audit entry are saved together or not at all.
	await auditedTransaction(db, async (tx) => {
		const [row] = await tx.query<{ extracted: string | null }>('SELECT extracted FROM cases WHERE agency = ? AND case_id = ?', [agency, case_id]);
		const extracted = row?.extracted ? (JSON.parse(row.extracted) as Record<string, string>) : {};
		const phrase = extracted[key] ?? null;
		delete extracted[key];
		await tx.run(`UPDATE cases SET ${key} = CAST(? AS ${SQL_TYPE[f.type]}), extracted = ? WHERE agency = ? AND case_id = ?`, [
			param,
			Object.keys(extracted).length ? JSON.stringify(extracted) : null,
			agency,
			case_id
		]);
		await tx.run(
			`INSERT INTO circumstance_corrections (agency, case_id, key, value, corrected_by) VALUES (?, ?, ?, ?, ?)
			 ON CONFLICT (agency, case_id, key) DO UPDATE SET value = excluded.value, corrected_by = excluded.corrected_by, corrected_at = excluded.corrected_at`,
			[agency, case_id, key, JSON.stringify(value), actor.username]
		);
		return {
			result: undefined,
			audit: [
				{
					actor: actor.username,
					action: 'circumstance-corrected',
					targetType: 'case',
					targetId: case_id,
					ip: actor.ip ?? null,
					detail: { agency, case_id, field: f.header, from: shown(key, c[key]), to: shown(key, value), extracted: phrase !== null }
				}
			]
		};
	});
	dataChanged();
	// Flags are derived: they are computed from the committed record by the one flag writer (updateFlagsForCase
	// queues behind any other computation), which cannot run inside this transaction. Should it fail, the analyst
	// sees the error and the saved correction stands; the case's flags are then those of the record before it until
	// they are next computed.
	await updateFlagsForCase(db, { agency, caseId: case_id });
}
