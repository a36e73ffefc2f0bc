import { readFileSync } from 'node:fs';
import type { RuleId } from '../../domain/review-rules';
import type { Queryable } from '../db';
import { listFlags } from './flags';

/**
 * How far reviewers can trust the flags: precision and recall of each rule against faults planted on purpose in
 * generated data (the ground truth the demo generator writes). The drifting branch is left out for R02 and R03:
 * its fines are outside the norm by design (and flagged there, rightly); it is measured as a pattern instead.
 */

export interface RuleQuality {
	rule: RuleId;
	planted: number;
	flagged: number;
	truePositives: number;
	precision: number;
	recall: number;
}

export function flagQuality(
	flags: readonly { case_id: string; rule: string; department: string | null }[],
	truth: readonly { case_id: string; rules: string[]; department: string | null }[],
	rules: readonly RuleId[],
	drifting: readonly string[]
): RuleQuality[] {
	return rules.map((rule) => {
		const keep = (d: string | null) => !(rule === 'R02' || rule === 'R03') || !drifting.includes(d ?? '');
		const planted = new Set(truth.filter((t) => t.rules.includes(rule) && keep(t.department)).map((t) => t.case_id));
		const flagged = new Set(flags.filter((f) => f.rule === rule && keep(f.department)).map((f) => f.case_id));
		const tp = [...flagged].filter((id) => planted.has(id)).length;
		return {
			rule,
			planted: planted.size,
			flagged: flagged.size,
			truePositives: tp,
			precision: flagged.size ? tp / flagged.size : 1,
			recall: planted.size ? tp / planted.size : 1
		};
	});
}

/** The open flags of a database against a ground-truth file of the demo generator (its planted.json). */
export async function storedFlagQuality(db: Queryable, truthFile: string, rules: readonly RuleId[], drifting: readonly string[]): Promise<RuleQuality[]> {
	const truth = (JSON.parse(readFileSync(truthFile, 'utf8')) as { faults: { case_id: string; rules: string[] }[] }).faults;
	const departments = new Map(
		(await db.query<{ case_id: string; department: string | null }>('SELECT case_id, department FROM cases')).map((r) => [r.case_id, r.department])
	);
	// R06 on an undecided case counts its days to today, which the generator does not plant: only decisions are measured.
	const undecided = new Set(
		(await db.query<{ case_id: string }>(`SELECT case_id FROM flags JOIN cases USING (agency, case_id) WHERE rule = 'R06' AND decided_on IS NULL`)).map(
			(r) => r.case_id
		)
	);
	const flags = (await listFlags(db, { status: 'open' }))
		.filter((f) => f.rule !== 'R06' || !undecided.has(f.case_id))
		.map((f) => ({ ...f, department: departments.get(f.case_id) ?? null }));
	return flagQuality(
		flags,
		truth.map((t) => ({ ...t, department: departments.get(t.case_id) ?? null })),
		rules,
		drifting
	);
}
