import type { Actor } from '../audit/actor';
import type { Database } from '../db';
import { appendAudit } from '../audit';
import type { IsoDate } from '../../domain/dates';
import { groundHasRuling, isWithdrawGround, withdrawalDeadline, type WithdrawGround } from '../../domain/publicity-deadlines';
import { getDecision, isOnPublicity } from './decisions';
import { syncFeed } from './feed';
import { requestPush } from './push-schedule';
import { LocalizedError } from '../../i18n/error';
import { msg, type Text } from '../../i18n/message';

/** The agency's publicity acts: publishing a due decision and withdrawing a published one, each logged. */

export class PublicityError extends LocalizedError {
	constructor(text: Text) {
		super(text);
		this.name = 'PublicityError';
	}
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Marks a decision published on `on` (normally today). */
export async function publishDecision(db: Database, agency: string, caseId: string, on: IsoDate, actor: Actor, today: IsoDate): Promise<void> {
	const d = await getDecision(db, agency, caseId);
	if (!d) throw new PublicityError(msg('err.publicity.notPublishable'));
	if (!ISO.test(on) || on > today) throw new PublicityError(msg('err.publicity.future'));
	if (d.decided_on && on < d.decided_on) throw new PublicityError(msg('err.publicity.beforeDecision'));
	if (d.withdrawn_on) throw new PublicityError(msg('err.publicity.withdrawn'));
	if (isOnPublicity(d, today)) throw new PublicityError(msg('err.publicity.onPublicity'));
	await db.run(
		`INSERT INTO publicity_acts (agency, case_id, published_on, published_by) VALUES ($agency, $caseId, CAST($on AS DATE), $by)
		 ON CONFLICT (agency, case_id) DO UPDATE SET published_on = excluded.published_on, published_by = excluded.published_by`,
		{ agency, caseId, on, by: actor.username }
	);
	await appendAudit(db, {
		actor: actor.username,
		action: 'publicity-published',
		targetType: 'case',
		targetId: caseId,
		detail: { agency, decision_no: d.decision_no, published_on: on },
		ip: actor.ip ?? null
	});
	await syncFeed(db, today);
	requestPush();
}

export interface WithdrawInput {
	ground: WithdrawGround | string;
	reason: string;
	/** The date of the ruling (复议决定、判决) that requires withdrawal; R09 counts 3 days from it. */
	rulingOn: IsoDate | null;
	withdrawnOn: IsoDate;
}

/** Withdraws a published decision with its reason; the public pages and the next pull no longer show its content. */
export async function withdrawDecision(
	db: Database,
	agency: string,
	caseId: string,
	input: WithdrawInput,
	actor: Actor,
	today: IsoDate
): Promise<{ deadline: IsoDate | null; onTime: boolean | null }> {
	const d = await getDecision(db, agency, caseId);
	if (!d) throw new PublicityError(msg('err.publicity.notDecision'));
	if (d.withdrawn_on) throw new PublicityError(msg('err.publicity.withdrawn'));
	if (!d.published_on) throw new PublicityError(msg('err.publicity.notPublished'));
	if (!isWithdrawGround(input.ground)) throw new PublicityError(msg('err.publicity.ground'));
	const reason = input.reason.trim();
	if (reason.length < 4) throw new PublicityError(msg('err.publicity.reason'));
	if (!ISO.test(input.withdrawnOn) || input.withdrawnOn > today) throw new PublicityError(msg('err.publicity.withdrawFuture'));
	if (input.withdrawnOn < d.published_on) throw new PublicityError(msg('err.publicity.withdrawEarly'));
	if (groundHasRuling(input.ground) && !input.rulingOn) throw new PublicityError(msg('err.publicity.rulingOn'));
	if (input.rulingOn && (!ISO.test(input.rulingOn) || input.rulingOn > input.withdrawnOn)) throw new PublicityError(msg('err.publicity.rulingLate'));
	await db.run(
		`INSERT INTO publicity_acts (agency, case_id, withdrawn_on, withdrawn_by, withdraw_ground, withdraw_reason, ruling_on)
		 VALUES ($agency, $caseId, CAST($on AS DATE), $by, $ground, $reason, CAST($ruling AS DATE))
		 ON CONFLICT (agency, case_id) DO UPDATE SET withdrawn_on = excluded.withdrawn_on, withdrawn_by = excluded.withdrawn_by,
		   withdraw_ground = excluded.withdraw_ground, withdraw_reason = excluded.withdraw_reason, ruling_on = excluded.ruling_on`,
		{ agency, caseId, on: input.withdrawnOn, by: actor.username, ground: input.ground, reason, ruling: input.rulingOn }
	);
	const r09 = withdrawalDeadline(input.rulingOn, input.withdrawnOn);
	await appendAudit(db, {
		actor: actor.username,
		action: 'publicity-withdrawn',
		targetType: 'case',
		targetId: caseId,
		detail: { agency, decision_no: d.decision_no, ground: input.ground, reason, ruling_on: input.rulingOn, withdrawn_on: input.withdrawnOn, on_time: r09.met },
		ip: actor.ip ?? null
	});
	await syncFeed(db, today);
	requestPush();
	return { deadline: r09.deadline, onTime: r09.met };
}
